"""Builders for the survey's test data."""

import datetime
import itertools

from django.utils import timezone

from careers.models import TrainingField
from careers.survey import counts
from careers.survey.models import GeneralSchool, SurveyClass, SurveyRound, SurveyTemplate
from tests import factories as site_factories
from website.models.areas import District, Province, Structure

_numbers = itertools.count(1)


def province(name="Tây Ninh", slug="tay-ninh"):
    return site_factories.province(name, slug)


def district(current, name="Tân An"):
    """A legacy district of a legacy province that ``current`` took over."""
    number = next(_numbers)
    legacy, _created = Province.objects.get_or_create(
        structure=Structure.LEGACY,
        slug=f"cu-{current.slug}",
        defaults={
            "code": f"{number % 100:02d}",
            "name": f"Tỉnh cũ {current.short_name}",
            "short_name": f"Cũ {current.short_name}",
            "successor": current,
        },
    )
    return District.objects.create(
        code=f"{900 - number % 900:03d}", name=f"Thành phố {name}", short_name=name, province=legacy
    )


def school(area=None, name="Trường THCS Mẫu A", level="thcs", district=None):
    return GeneralSchool.objects.create(
        name=name, level=level, province=area or province(), district=district
    )


def template(slug="nguyen-vong-sau-thcs"):
    return SurveyTemplate.objects.get(slug=slug)


def survey_round(school, slug="nguyen-vong-sau-thcs", year=2026, days_open=30, **fields):
    today = timezone.localdate()
    return SurveyRound.objects.create(
        school=school,
        template=template(slug),
        year=year,
        opens_on=fields.pop("opens_on", today - datetime.timedelta(days=1)),
        closes_on=fields.pop("closes_on", today + datetime.timedelta(days=days_open)),
        retention_date=fields.pop("retention_date", today + datetime.timedelta(days=120)),
        **fields,
    )


def survey_class(survey_round, name="9A1", size=40):
    return SurveyClass.objects.create(round=survey_round, name=name, size=size)


def fields():
    return [
        TrainingField.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in [("51", "Công nghệ kỹ thuật"), ("34", "Kinh doanh và quản lý")]
    ]


def answers(survey_class, route, count, extra=(), year=None):
    """``count`` answers of ``survey_class`` choosing ``route`` (and ``extra`` (kind, code))."""
    from careers.survey.models import AnswerChoice, SurveyAnswer

    survey_round = survey_class.round
    vocational = route in survey_round.template.vocational_routes()
    made = SurveyAnswer.objects.bulk_create(
        SurveyAnswer(
            round=survey_round,
            survey_class=survey_class,
            school=survey_round.school,
            province_id=survey_round.school.province_id,
            district_id=survey_round.school.district_id,
            template=survey_round.template,
            year=year or survey_round.year,
            route=route,
            vocational=vocational,
            device_hash=f"{survey_class.pk}-{route}-{number}-{next(_numbers)}",
        )
        for number in range(count)
    )
    chosen = [("route", route), *extra]
    AnswerChoice.objects.bulk_create(
        AnswerChoice.of(answer, kind, code) for answer in made for kind, code in chosen
    )
    counts.apply(counts.deltas((answer, chosen) for answer in made))
    survey_class.answers_count += count
    survey_class.save(update_fields=["answers_count"])
    return made
