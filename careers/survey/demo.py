"""The survey's demo (data in ``careers/survey/demo/``, read by the site's demo loader):
sample schools, a counsellor, one round with answers generated from fixed weights and a
fixed seed. Idempotent: a second run creates nothing. Everything is marked ``is_sample`` and
shown as "dữ liệu mẫu"."""

import datetime
import random
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from careers.models import TrainingField
from careers.survey import counts
from careers.survey.access import create_counsellor
from careers.survey.answering import sha256
from careers.survey.models import (
    AnswerChoice,
    GeneralSchool,
    SurveyAnswer,
    SurveyClass,
    SurveyRound,
    SurveyTemplate,
)
from website.demo import Demo, DemoAccount
from website.models.areas import District, Province, Structure


def _pick(rng, weights, count=1):
    """``count`` distinct keys of ``weights``, drawn by weight."""
    keys, chosen = list(weights), []
    while keys and len(chosen) < count:
        key = rng.choices(keys, [weights[each] for each in keys])[0]
        chosen.append(key)
        keys.remove(key)
    return chosen


@transaction.atomic
def load_survey(run):
    """The demo's schools, counsellor account and round (skipped without the units)."""
    demo = run.data
    province = Province.objects.filter(structure=Structure.CURRENT, slug=demo["province"]).first()
    if province is None:
        run.say("Chưa có đơn vị hành chính: bỏ qua khảo sát nguyện vọng mẫu.")
        return
    schools = {}
    for item in demo["schools"]:
        schools[item["name"]], _created = GeneralSchool.objects.get_or_create(
            province=province,
            name=item["name"],
            defaults={
                "level": item["level"],
                "district": District.objects.filter(code=item["district"]).first(),
                "is_sample": True,
            },
        )
    account = demo["counsellor"]
    create_counsellor(
        account["username"],
        schools[account["school"]],
        name=account["name"],
        password=account["password"],
    )
    created = _load_round(demo, schools)
    run.say(f"Khảo sát nguyện vọng mẫu: {created} phiếu mẫu mới.")
    open_class = _open_round(demo["open_round"], schools)
    run.say(
        f"Lớp mẫu đang nhận phiếu ({open_class.round.closes_on:%d/%m/%Y} đóng): "
        f"{settings.WAGTAILADMIN_BASE_URL}{open_class.get_absolute_url()}"
    )
    run.accounts.append(
        DemoAccount(
            username=account["username"],
            password=account["password"],
            name=account["name"],
            role="giáo viên tư vấn (khảo sát nguyện vọng của một trường THCS mẫu)",
        )
    )


def _load_round(demo, schools):
    spec = demo["round"]
    template = SurveyTemplate.objects.get(slug=spec["template"])
    rng = random.Random(demo["seed"])  # noqa: S311 — sample data, not security
    fields = set(
        TrainingField.objects.filter(code__in=demo["weights"]["fields"]).values_list(
            "code", flat=True
        )
    )
    field_weights = {
        code: weight for code, weight in demo["weights"]["fields"].items() if code in fields
    }
    vocational = template.vocational_routes()
    created = 0
    for group in spec["classes"]:
        school = schools[group["school"]]
        survey_round, _new = SurveyRound.objects.get_or_create(
            school=school,
            template=template,
            year=spec["year"],
            defaults={
                "opens_on": spec["opens_on"],
                "closes_on": spec["closes_on"],
                "retention_date": spec["retention_date"],
                "is_sample": True,
            },
        )
        for name in group["names"]:
            survey_class, new = SurveyClass.objects.get_or_create(
                round=survey_round, name=name, defaults={"size": group["size"]}
            )
            if not new:
                continue
            count = round(group["size"] * group["answered"])
            created += _answer(rng, survey_class, count, demo["weights"], field_weights, vocational)
    return created


def _open_round(spec, schools):
    """A round of the current school year, open from a week before the demo was first loaded
    for two months, with one class and no answers: the class link a visitor of the demo can
    answer, as a student would."""
    today = timezone.localdate()
    year = today.year + 1 if today.month >= 8 else today.year  # the school year ends in May
    survey_round, _new = SurveyRound.objects.get_or_create(
        school=schools[spec["school"]],
        template=SurveyTemplate.objects.get(slug=spec["template"]),
        year=year,
        defaults={
            "opens_on": today - datetime.timedelta(days=7),
            "closes_on": today + datetime.timedelta(days=60),
            "retention_date": today + datetime.timedelta(days=150),
            "is_sample": True,
        },
    )
    return SurveyClass.objects.get_or_create(
        round=survey_round, name=spec["class"], defaults={"size": spec["size"]}
    )[0]


def _answer(rng, survey_class, count, weights, field_weights, vocational):
    survey_round = survey_class.round
    school = survey_round.school
    start = timezone.make_aware(datetime.datetime.combine(survey_round.opens_on, datetime.time(8)))
    answers, choices = [], []
    for number in range(count):
        [route] = _pick(rng, weights["route"])
        answer = SurveyAnswer(
            round=survey_round,
            survey_class=survey_class,
            school=school,
            province_id=school.province_id,
            district_id=school.district_id,
            template_id=survey_round.template_id,
            year=survey_round.year,
            route=route,
            vocational=route in vocational,
            device_hash=sha256(f"demo:{survey_class.pk}:{number}"),
            created_at=start + datetime.timedelta(minutes=rng.randrange(0, 60 * 24 * 10)),
            is_sample=True,
        )
        answers.append(answer)
        picked = [("route", route)]
        picked += [("fields", code) for code in _pick(rng, field_weights, rng.randint(1, 2))]
        picked += [("factors", code) for code in _pick(rng, weights["factors"], rng.randint(1, 2))]
        choices.append(picked)
    SurveyAnswer.objects.bulk_create(answers)
    AnswerChoice.objects.bulk_create(
        AnswerChoice.of(answer, kind, code)
        for answer, picked in zip(answers, choices, strict=True)
        for kind, code in picked
    )
    counts.apply(counts.deltas(zip(answers, choices, strict=True)))
    SurveyClass.objects.filter(pk=survey_class.pk).update(answers_count=count)
    return count


SURVEY_DEMO = Demo(Path(__file__).parent / "demo", after=load_survey)
