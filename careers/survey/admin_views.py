"""The survey in the Wagtail admin: counsellors open rounds, enter classes, print the class
QR codes, void junk answers and read results; officers read their area's results; vocational
school staff read the contact requests that name their school.

Each view reaches its rows only through ``careers.survey.access``: a round of another school
is a 404, results outside the user's scope do not exist for them."""

from collections import Counter

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import F
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from careers.survey import access, counts, results
from careers.survey.exports import export_csv, export_xlsx
from careers.survey.forms import ClassForm, RoundForm, VoidForm
from careers.survey.models import (
    AnswerChoice,
    AnswerVoid,
    GeneralSchool,
    SurveyAnswer,
    SurveyClass,
    SurveyTemplate,
    school_year_label,
)
from careers.survey.qr import qr_svg

ANSWERS_PER_PAGE = 50


def round_list(request):
    user = request.user
    if not access.can_open_rounds(user) and not user.is_superuser:
        if access.can_read_results(user):
            return redirect("survey_results")
        raise PermissionDenied
    rounds = access.rounds_for(user).select_related("school", "template").order_by("-year", "pk")
    page = Paginator(rounds, 30).get_page(request.GET.get("p"))
    form = None
    if access.can_open_rounds(user):
        school = GeneralSchool.objects.get(pk=access.counsellor_school_id(user))
        form = RoundForm(request.POST or None, school=school)
        if request.method == "POST" and form.is_valid():
            form.instance.created_by = user
            survey_round = form.save()
            messages.success(request, _("Đã mở đợt khảo sát. Nhập các lớp và sĩ số."))
            return redirect("survey_round", survey_round.pk)
    context = {"page_obj": page, "form": form, "page_title": _("Khảo sát nguyện vọng")}
    return TemplateResponse(request, "survey/admin/round_list.html", context)


def _own_round(request, pk):
    return get_object_or_404(
        access.rounds_for(request.user).select_related("school", "template"), pk=pk
    )


def round_detail(request, pk):
    survey_round = _own_round(request, pk)
    answers = (
        SurveyAnswer.objects.filter(round=survey_round, voided=False)
        .select_related("survey_class")
        .prefetch_related("choices")
    )
    class_form = ClassForm(survey_round=survey_round)
    void_form = VoidForm(answers=answers)
    if request.method == "POST" and request.POST.get("action") == "class":
        class_form = ClassForm(request.POST, survey_round=survey_round)
        if class_form.is_valid():
            class_form.save()
            messages.success(
                request, _("Đã thêm lớp %(name)s.") % {"name": class_form.instance.name}
            )
            return redirect("survey_round", survey_round.pk)
    elif request.method == "POST" and request.POST.get("action") == "void":
        void_form = VoidForm(request.POST, answers=answers)
        if void_form.is_valid():
            count = void_answers(
                void_form.cleaned_data["answers"], request.user, void_form.cleaned_data["reason"]
            )
            messages.success(request, _("Đã loại %(count)s phiếu.") % {"count": count})
            return redirect("survey_round", survey_round.pk)
    elif request.method == "POST" and request.POST.get("action") == "restore":
        wanted = request.POST.get("answer", "")
        voided = SurveyAnswer.objects.filter(
            round=survey_round, pk=int(wanted) if wanted.isascii() and wanted.isdigit() else 0
        )
        try:
            count = restore_answers(voided, request.user)
        except RestoreRefused as error:
            messages.error(request, str(error))
        else:
            if count:
                messages.success(request, _("Đã khôi phục %(count)s phiếu.") % {"count": count})
            else:
                messages.error(request, _("Không có phiếu đã loại này trong đợt."))
        return redirect("survey_round", survey_round.pk)
    classes = survey_round.classes.all()
    page = Paginator(answers.order_by("-created_at", "-pk"), ANSWERS_PER_PAGE).get_page(
        request.GET.get("p")
    )
    labels = _route_labels(survey_round.template)
    voids = AnswerVoid.objects.filter(answer__round=survey_round).select_related(
        "answer__survey_class"
    )[:100]
    context = {
        "survey_round": survey_round,
        "classes": [
            (item, request.build_absolute_uri(item.get_absolute_url())) for item in classes
        ],
        "class_form": class_form,
        "void_form": void_form,
        "page_obj": page,
        "answer_rows": [(answer, labels.get(answer.route, answer.route or "—")) for answer in page],
        "voids": voids,
        "is_open": survey_round.is_open(),
        "page_title": str(survey_round),
    }
    status = 400 if request.method == "POST" else 200
    return TemplateResponse(request, "survey/admin/round_detail.html", context, status=status)


def _route_labels(template):
    route = template.question("route")
    return {option["code"]: option["label"] for option in route["options"]} if route else {}


@transaction.atomic
def void_answers(answers, user, reason):
    """Void ``answers`` (not yet voided), each with its audit record; frees their class
    places and takes them out of the counts. How many were voided."""
    answers = list(answers.select_for_update(of=("self",)).filter(voided=False).order_by("pk"))
    now = timezone.now()
    AnswerVoid.objects.bulk_create(
        AnswerVoid(
            answer=answer,
            voided_by=user,
            voided_by_name=user.get_full_name() or user.get_username(),
            voided_at=now,
            reason=reason,
        )
        for answer in answers
    )
    ids = [answer.pk for answer in answers]
    SurveyAnswer.objects.filter(pk__in=ids).update(voided=True)
    AnswerChoice.objects.filter(answer_id__in=ids).update(voided=True)
    for class_id, freed in sorted(Counter(answer.survey_class_id for answer in answers).items()):
        SurveyClass.objects.filter(pk=class_id).update(answers_count=F("answers_count") - freed)
    counts.change(answers, -1)
    return len(answers)


class RestoreRefused(Exception):
    """The answers are not restored; the message is for the counsellor."""


@transaction.atomic
def restore_answers(answers, user):
    """Restore voided ``answers`` (a void made by mistake): they count again and take their
    class places back, and their open void records say who restored them and when. All or
    nothing: a class without the places left refuses (RestoreRefused). How many."""
    answers = list(answers.select_for_update(of=("self",)).filter(voided=True).order_by("pk"))
    for class_id, taken in sorted(Counter(answer.survey_class_id for answer in answers).items()):
        placed = SurveyClass.objects.filter(
            pk=class_id, answers_count__lte=F("size") - taken
        ).update(answers_count=F("answers_count") + taken)
        if not placed:
            name = SurveyClass.objects.get(pk=class_id).name
            raise RestoreRefused(
                _("Lớp %(name)s không còn đủ chỗ (đã đủ sĩ số) để khôi phục các phiếu này.")
                % {"name": name}
            )
    ids = [answer.pk for answer in answers]
    SurveyAnswer.objects.filter(pk__in=ids).update(voided=False)
    AnswerChoice.objects.filter(answer_id__in=ids).update(voided=False)
    AnswerVoid.objects.filter(answer_id__in=ids, restored_at__isnull=True).update(
        restored_at=timezone.now(), restored_by_name=user.get_full_name() or user.get_username()
    )
    for answer in answers:
        answer.voided = False
    counts.change(answers, +1)
    return len(answers)


def round_print(request, pk):
    survey_round = _own_round(request, pk)
    sheets = []
    for item in survey_round.classes.all():
        url = request.build_absolute_uri(item.get_absolute_url())
        title = _("Mã QR phiếu khảo sát lớp %(name)s") % {"name": item.name}
        sheets.append({"survey_class": item, "url": url, "svg": qr_svg(url, title)})
    context = {"survey_round": survey_round, "sheets": sheets}
    return TemplateResponse(request, "survey/admin/round_print.html", context)


def _chosen_template(request, latest):
    """The requested template, else that of the scope's latest year, else the first."""
    templates = list(SurveyTemplate.objects.order_by("education_level", "name"))
    slug = request.GET.get("mau")
    chosen = next((item for item in templates if item.slug == slug), None)
    chosen = chosen or next((item for item in templates if latest and item.pk == latest[0]), None)
    return templates, chosen or (templates[0] if templates else None)


def results_view(request):
    user = request.user
    scope = access.user_scope(user)
    if scope.empty:
        raise PermissionDenied
    latest = results.latest(scope)
    templates, template = _chosen_template(request, latest)
    default_year = latest[1] if latest else timezone.localdate().year
    requested = request.GET.get("nam", "")
    year = (
        int(requested)
        if requested.isascii() and requested.isdigit() and 2020 <= int(requested) <= 2100
        else default_year
    )
    level = "school" if access.sees_classes(user) and not scope.everything else "area"
    group_by = "survey_class" if level == "school" else "school"
    data = results.compute(scope, template, year, level=level, group_by=group_by)
    scope_name = _scope_name(scope)
    kind = request.GET.get("xuat")
    if kind in ("csv", "xlsx"):
        return _download(data, scope_name, kind)
    context = {
        "results": data,
        "templates": templates,
        "template": template,
        "year": year,
        "school_year": school_year_label(year),
        "previous_school_year": school_year_label(year - 1),
        "years": range(default_year + 1, default_year - 5, -1),
        "scope_name": scope_name,
        "min_cell": results.MIN_CELL,
        "page_title": _("Kết quả khảo sát nguyện vọng"),
    }
    return TemplateResponse(request, "survey/admin/results.html", context)


def _scope_name(scope):
    if scope.everything:
        return _("Cả nước")
    if scope.school_id:
        return GeneralSchool.objects.get(pk=scope.school_id).name
    return access.area_names(scope)


def _download(data, scope_name, kind):
    filename = f"khao-sat-{data.template.slug}-{data.year}.{kind}"
    if kind == "csv":
        response = HttpResponse(
            export_csv(data, scope_name), content_type="text/csv; charset=utf-8"
        )
    else:
        response = HttpResponse(
            export_xlsx(data, scope_name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def contact_requests_view(request):
    if not access.can_see_contact_requests(request.user):
        raise PermissionDenied
    requests = (
        access.contact_requests_for(request.user)
        .select_related("field", "round__school")
        .order_by("-created_at", "-pk")
    )
    page = Paginator(requests, 50).get_page(request.GET.get("p"))
    context = {"page_obj": page, "page_title": _("Yêu cầu liên hệ từ khảo sát nguyện vọng")}
    return TemplateResponse(request, "survey/admin/contact_requests.html", context)
