"""Taking an answer: the device token, the rate limit, the class-size cap and the contact
request, all or nothing.

* The device keeps a random token in a signed cookie; an answer stores only
  sha256(round id, token), unique per round: one answer per device per round, and two
  rounds' answers from one device cannot be linked.
* Each class counts its answers in ``answers_count``, raised by one conditional UPDATE
  (``answers_count < size``): never more answers than the class size, without a lock.
* Addresses are counted in the cache (``SURVEY_ANSWER_LIMIT`` answers an hour).
* The answer is counted (``careers.survey.counts``) in the same transaction, last.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from careers.models import OccupationPage, TrainingField
from careers.survey import counts
from careers.survey.models import AnswerChoice, ContactRequest, SurveyAnswer, SurveyClass
from institutions.models import InstitutionPage
from website.security import client_ip, over_limit

DEVICE_COOKIE = "khao-sat"
DEVICE_COOKIE_SALT = "careers.survey.device"
DEVICE_COOKIE_AGE = 400 * 24 * 3600
RATE_WINDOW_SECONDS = 3600
MAX_INSTITUTIONS = 40
CHOICES_SECONDS = 300


class AnswerRefused(Exception):
    """The answer is not taken; the message is for the student."""


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def device_token(request):
    """The device's token from its signed cookie, or None."""
    return request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_COOKIE_SALT)


def remember_device(response, token):
    response.set_signed_cookie(
        DEVICE_COOKIE,
        token,
        salt=DEVICE_COOKIE_SALT,
        max_age=DEVICE_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def new_token():
    return secrets.token_urlsafe(24)


def device_hash(survey_round, token):
    return sha256(f"{survey_round.pk}:{token}")


def already_answered(survey_round, token):
    return (
        token is not None
        and SurveyAnswer.objects.filter(
            round=survey_round, device_hash=device_hash(survey_round, token)
        ).exists()
    )


def over_rate_limit(request):
    return over_limit(
        f"survey-answer:ip:{client_ip(request)}", settings.SURVEY_ANSWER_LIMIT, RATE_WINDOW_SECONDS
    )


def find_class(code):
    """The class of a link code, with its round, school and template; None if unknown."""
    if not code.isascii() or not code.isalnum():
        return None
    try:  # get(), not first(): first() would order by the class's round, school and name
        return SurveyClass.objects.select_related("round__school", "round__template").get(
            code=code.lower()
        )
    except SurveyClass.DoesNotExist:
        return None


def form_choices(survey_round):
    """The portal's lists the form offers: training fields, occupations, and the vocational
    institutions of the school's province (a bounded list).

    Kept in the cache for ``CHOICES_SECONDS`` per round: every student of a round gets the
    same lists, and reading them was three of a POST's queries. A field or institution
    published meanwhile shows on the form within those minutes."""
    key = f"survey-choices:{survey_round.pk}:{survey_round.template_id}"
    choices = cache.get(key)
    if choices is None:
        choices = _form_choices(survey_round)
        cache.set(key, choices, CHOICES_SECONDS)
    return choices


def _form_choices(survey_round):
    template = survey_round.template
    needs = {block.block_type for block in template.questions}
    occupations = []
    if "occupations" in needs:
        occupations = list(
            OccupationPage.objects.live().order_by("title").values_list("pk", "title")
        )
    institutions = InstitutionPage.objects.live().filter(
        province_id=survey_round.school.province_id
    )
    return {
        "fields": list(TrainingField.objects.values_list("code", "name")),
        "occupations": occupations,
        "institutions": list(
            institutions.order_by("title").values_list("pk", "title")[:MAX_INSTITUTIONS]
        ),
    }


def consent_text(institution_titles, expires_on):
    return _(
        "Tôi là cha, mẹ (người giám hộ) của học sinh. Tôi đồng ý để %(schools)s — và chỉ các "
        "trường này — xem số điện thoại trên và nhóm ngành đã chọn, để gọi tư vấn tuyển sinh, "
        "đến hết ngày %(date)s. Sau ngày đó số điện thoại bị xoá. Tôi có thể rút lại bất cứ "
        "lúc nào bằng đường dẫn rút yêu cầu."
    ) % {"schools": ", ".join(institution_titles), "date": date_format(expires_on, "d/m/Y")}


@dataclass
class Taken:
    answer: SurveyAnswer
    contact: ContactRequest | None
    withdraw_token: str | None


def take_answer(survey_class, form, token, institution_titles):
    """Store a valid form's answer for ``survey_class``; raises AnswerRefused."""
    survey_round = survey_class.round
    chosen = form.chosen()
    route = next((code for kind, code in chosen if kind == "route"), "")
    vocational = (route in survey_round.template.vocational_routes()) if route else None
    school = survey_round.school
    try:
        with transaction.atomic():
            answer = SurveyAnswer.objects.create(
                round=survey_round,
                survey_class=survey_class,
                school=school,
                province_id=school.province_id,
                district_id=school.district_id,
                template_id=survey_round.template_id,
                year=survey_round.year,
                route=route,
                vocational=vocational,
                device_hash=device_hash(survey_round, token),
            )
            counted = SurveyClass.objects.filter(
                pk=survey_class.pk, answers_count__lt=F("size")
            ).update(answers_count=F("answers_count") + 1)
            if not counted:
                raise AnswerRefused(
                    _(
                        "Lớp %(name)s đã đủ %(size)s phiếu (bằng sĩ số). Nếu em chưa trả lời, "
                        "hãy báo giáo viên tư vấn."
                    )
                    % {"name": survey_class.name, "size": survey_class.size}
                )
            AnswerChoice.objects.bulk_create(
                AnswerChoice.of(answer, kind, code) for kind, code in chosen
            )
            contact, withdraw = _contact_request(survey_round, form, institution_titles)
            # Last: the province's count rows are shared by every answer of the province,
            # and stay locked from here to the commit.
            counts.add(answer, chosen)
    except IntegrityError as error:
        raise AnswerRefused(
            _("Máy này đã gửi phiếu cho đợt khảo sát này; mỗi em chỉ gửi một lần.")
        ) from error
    return Taken(answer, contact, withdraw)


def _contact_request(survey_round, form, institution_titles):
    phone = form.cleaned_data.get("contact")
    if not phone:
        return None, None
    chosen_ids = [int(pk) for pk in form.cleaned_data["contact_institutions"]]
    titles = [institution_titles[pk] for pk in chosen_ids]
    token = new_token()
    request = ContactRequest.objects.create(
        round=survey_round,
        parent_phone=phone,
        field=TrainingField.objects.get(code=form.cleaned_data["contact_field"]),
        consent_text=consent_text(titles, survey_round.retention_date),
        expires_on=survey_round.retention_date,
        withdraw_hash=sha256(token),
    )
    request.institutions.set(chosen_ids)
    return request, token


def withdraw_request(token):
    """Delete the contact request of a withdraw token; whether one was deleted."""
    if not token or len(token) > 64:
        return False
    deleted, _by_model = ContactRequest.objects.filter(withdraw_hash=sha256(token)).delete()
    return bool(deleted)


def find_request(token):
    if not token or len(token) > 64:
        return None
    return ContactRequest.objects.visible().filter(withdraw_hash=sha256(token)).first()


def delete_expired(day=None):
    """Delete every contact request whose retention date has passed; how many."""
    day = day or timezone.localdate()
    expired = ContactRequest.objects.filter(expires_on__lt=day)
    count = expired.count()
    expired.delete()
    return count
