"""The public pages of the survey: the answer form of a class link, the thank-you page, and
withdrawing a contact request. No account, no JavaScript, never cached by a proxy."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from careers.survey import answering
from careers.survey.forms import AnswerForm

ROUTE_PAGES = {"THCS": "/sau-lop-9/", "THPT": "/sau-lop-12/"}


def _closed_page(request, survey_class, message, status):
    context = {"survey_class": survey_class, "message": message}
    return TemplateResponse(request, "survey/closed.html", context, status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, code):
    """/khao-sat/<code>/: the one-page form of a class; a valid POST shows the thank-you.

    The blank form is rendered once per round and kept in the cache with the form's lists
    (``answering.CHOICES_SECONDS``): every student of the round gets the same questions, and
    rendering them was most of a GET. A template edited during a round shows within those
    minutes; the POST is always checked against the template as it is."""
    survey_class = answering.find_class(code)
    if survey_class is None:
        raise Http404(_("Không có lớp nào có mã này. Em kiểm tra lại đường dẫn hoặc mã QR."))
    survey_round = survey_class.round
    today = timezone.localdate()
    if today < survey_round.opens_on:
        message = _("Đợt khảo sát này mở từ ngày %(date)s.") % {
            "date": survey_round.opens_on.strftime("%d/%m/%Y")
        }
        return _closed_page(request, survey_class, message, 403)
    if today > survey_round.closes_on:
        message = _("Đợt khảo sát này đã đóng ngày %(date)s; mã lớp không còn dùng được.") % {
            "date": survey_round.closes_on.strftime("%d/%m/%Y")
        }
        return _closed_page(request, survey_class, message, 410)

    token = answering.device_token(request)
    if answering.already_answered(survey_round, token):
        message = _("Em đã gửi phiếu cho đợt khảo sát này. Cảm ơn em!")
        return _closed_page(request, survey_class, message, 200)

    choices = answering.form_choices(survey_round)
    form = AnswerForm(survey_round.template, choices, request.POST or None)
    status, refused = 200, None
    if request.method == "POST":
        if answering.over_rate_limit(request):
            status, refused = (
                429,
                _("Có quá nhiều phiếu gửi từ cùng một mạng. Em đợi ít phút rồi gửi lại."),
            )
        elif form.is_valid():
            token = token or answering.new_token()
            try:
                taken = answering.take_answer(
                    survey_class, form, token, dict(choices["institutions"])
                )
            except answering.AnswerRefused as error:
                status, refused = 409, str(error)
            else:
                response = thank_you(request, survey_class, form, choices, taken)
                answering.remember_device(response, token)
                return response
        else:
            status = 400
    context = {
        "survey_class": survey_class,
        "survey_round": survey_round,
        "form": form,
        "refused": refused,
        "retention_date": survey_round.retention_date,
        "form_cache_seconds": answering.CHOICES_SECONDS,
    }
    response = TemplateResponse(request, "survey/answer.html", context, status=status)
    if token is None:
        answering.remember_device(response, answering.new_token())
    return response


def thank_you(request, survey_class, form, choices, taken):
    fields = dict(choices["fields"])
    occupations = dict(choices["occupations"])
    chosen = form.chosen()
    context = {
        "survey_class": survey_class,
        "survey_round": survey_class.round,
        "fields": [(code, fields[code]) for kind, code in chosen if kind == "fields"],
        "occupations": [
            (int(pk), occupations[int(pk)]) for kind, pk in chosen if kind == "occupations"
        ],
        "route_page": ROUTE_PAGES[survey_class.round.template.education_level],
        "contact": taken.contact,
        "withdraw_token": taken.withdraw_token,
    }
    return TemplateResponse(request, "survey/thank_you.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def withdraw(request, token):
    """/khao-sat/rut-yeu-cau/<token>/: confirm, then delete the contact request."""
    if request.method == "POST":
        deleted = answering.withdraw_request(token)
        return TemplateResponse(request, "survey/withdraw.html", {"deleted": deleted, "done": True})
    contact = answering.find_request(token)
    status = 200 if contact else 404
    return TemplateResponse(request, "survey/withdraw.html", {"contact": contact}, status=status)
