"""Admin view: editors import a labour-series file (CSV or XLSX); all rows or none.
Public views: the interest quiz and its result."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from careers import quiz
from careers.forms import SeriesImportForm
from careers.importers import import_series


def can_import(user):
    return user.is_active and user.has_perms(
        ["careers.add_labourfigure", "careers.change_labourfigure"]
    )


def import_series_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    result = None
    form = SeriesImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_series(upload, upload.name)
        if result.ok:
            messages.success(
                request,
                _(
                    "Đã nhập %(rows)s dòng: %(created)s mới, %(updated)s cập nhật, "
                    "%(unchanged)s giữ nguyên."
                )
                % {
                    "rows": result.rows,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("careers_import_series")
    return TemplateResponse(
        request,
        "careers/admin/import_series.html",
        {"form": form, "result": result, "page_title": _("Nhập số liệu thị trường lao động")},
    )


def interest_quiz(request):
    """/trac-nghiem-so-thich/: the form; a complete answer goes on to the result link."""
    if not any(item.name in request.GET for item in quiz.quiz().items):
        return TemplateResponse(request, "careers/quiz.html", quiz.form_context(request.GET))
    answers = quiz.read_form(request.GET)
    missing = [
        item for item, answer in zip(quiz.quiz().items, answers, strict=True) if answer is None
    ]
    if missing:
        context = quiz.form_context(request.GET, answers, missing)
        return TemplateResponse(request, "careers/quiz.html", context, status=400)
    params = {quiz.ANSWERS_PARAM: quiz.encode(answers)}
    province = request.GET.get(quiz.PROVINCE_PARAM, "")
    if province:
        params[quiz.PROVINCE_PARAM] = province
    return redirect(f"{reverse('interest_quiz_result')}?{urlencode(params)}")


def interest_quiz_result(request):
    """/trac-nghiem-so-thich/ket-qua/?tl=…: the code and the best-fitting occupations."""
    answers = quiz.decode(request.GET.get(quiz.ANSWERS_PARAM))
    if answers is None:
        context = {**quiz.form_context(request.GET), "broken_link": True}
        return TemplateResponse(request, "careers/quiz.html", context, status=400)
    context = quiz.result_context(request.GET, answers)
    return TemplateResponse(request, "careers/quiz_result.html", context)
