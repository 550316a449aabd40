"""The precomputed counts (``SurveyCount``) are what a GROUP BY over the answers gives, after
any sequence of answers, voids, restores and deletions; two answers at once both count; the
migration's fill gives the rows the live counting keeps."""

import importlib
import random
import threading
from types import SimpleNamespace

import pytest

from django.db import connection, connections
from django.db.models import Count

from careers.survey import answering, counts
from careers.survey.admin_views import RestoreRefused, restore_answers, void_answers
from careers.survey.forms import AnswerForm
from careers.survey.models import (
    ALL,
    ANSWERS,
    AnswerChoice,
    CountKind,
    SurveyAnswer,
    SurveyClass,
    SurveyCount,
)
from tests.survey import factories

SCOPE_COLUMNS = {
    CountKind.PROVINCE: ["province_id"],
    CountKind.DISTRICT: ["province_id", "district_id"],
    CountKind.SCHOOL: ["province_id", "district_id", "school_id"],
    CountKind.CLASS: ["province_id", "district_id", "school_id", "survey_class_id"],
}
PSEUDO = {
    "tong": {},
    "co-tuyen": {"vocational__isnull": False},
    "hoc-nghe": {"vocational": True},
    "mau": {"is_sample": True},
}
ROUTES = ["thpt-cong-lap", "gdtx", "trung-cap", "9-cong", "so-cap", "di-lam", "chua-quyet-dinh"]
FACTORS = ["chi-phi", "khoang-cach", "gia-dinh", "hoc-luc"]


def grouped_over_answers():
    """{(kind, province, district, school, class, template, year, question, code): n} by
    GROUP BY over the counted answers and their choices."""
    expected = {}
    for kind, columns in SCOPE_COLUMNS.items():
        only = {"district_id__isnull": False} if kind == CountKind.DISTRICT else {}
        answer_columns = [*columns, "template_id", "year"]
        rows = (
            AnswerChoice.objects.filter(answer__voided=False)
            .filter(**{f"answer__{name}": value for name, value in only.items()})
            .values(*[f"answer__{name}" for name in answer_columns], "question", "code")
            .annotate(n=Count("id"))
        )
        for row in rows:
            place = [row[f"answer__{name}"] for name in answer_columns]
            expected[_key(kind, columns, place, row["question"], row["code"])] = row["n"]
        for code, condition in PSEUDO.items():
            rows = (
                SurveyAnswer.objects.filter(voided=False, **only, **condition)
                .values(*answer_columns)
                .annotate(n=Count("id"))
            )
            for row in rows:
                place = [row[name] for name in answer_columns]
                expected[_key(kind, columns, place, ANSWERS, code)] = row["n"]
    return expected


def _key(kind, columns, place, question, code):
    values = dict(zip([*columns, "template_id", "year"], place, strict=True))
    return (
        kind.value,
        values["province_id"],
        values.get("district_id") or 0,
        values.get("school_id", 0),
        values.get("survey_class_id", 0),
        values["template_id"],
        values["year"],
        question,
        code,
    )


def kept_counts():
    return {
        tuple(row[:-1]): row[-1]
        for row in SurveyCount.objects.exclude(n=0).values_list(*counts.KEY, "n")
    }


def answer(survey_class, rng, number):
    """One answer taken as the form takes it (``take_answer``), with random choices."""
    survey_round = survey_class.round
    data = {
        "route": rng.choice(ROUTES),
        "fields": rng.sample(["51", "34"], rng.randint(0, 2)),
        "factors": rng.sample(FACTORS, rng.randint(1, 3)),
    }
    form = AnswerForm(survey_round.template, answering.form_choices(survey_round), data)
    assert form.is_valid(), form.errors
    return answering.take_answer(survey_class, form, f"thiet-bi-{number}", {}).answer


@pytest.fixture
def places(area):
    """Two schools of one province (one in a legacy district, one without), one school of
    another province; two rounds (this year and last) of a class or two each."""
    factories.fields()
    other = factories.province("Cà Mau", "ca-mau")
    schools = [
        factories.school(area, "Trường THCS A", district=factories.district(area, "Tân An")),
        factories.school(area, "Trường THCS B"),
        factories.school(other, "Trường THCS C", district=factories.district(other, "Năm Căn")),
    ]
    classes = []
    for school in schools:
        for year in (2025, 2026):
            survey_round = factories.survey_round(school, year=year)
            classes += [factories.survey_class(survey_round, f"9A{n}", size=12) for n in (1, 2)]
    return classes


@pytest.mark.django_db
def test_counts_equal_a_group_by_over_the_answers_after_random_changes(places, counsellor):
    rng = random.Random(15)
    taken = []
    for number in range(120):
        step = rng.random()
        voided = [a for a in taken if a.voided]
        counted = [a for a in taken if not a.voided]
        if step < 0.6 or not counted:
            survey_class = rng.choice(places)
            survey_class.refresh_from_db()
            if survey_class.answers_count < survey_class.size:
                taken.append(answer(survey_class, rng, number))
        elif step < 0.8:
            chosen = rng.sample(counted, min(len(counted), rng.randint(1, 3)))
            ids = [a.pk for a in chosen]
            void_answers(SurveyAnswer.objects.filter(pk__in=ids), counsellor, "Phiếu thử")
            for item in chosen:
                item.voided = True
        elif voided:
            chosen = rng.sample(voided, min(len(voided), rng.randint(1, 2)))
            ids = [a.pk for a in chosen]
            try:
                restore_answers(SurveyAnswer.objects.filter(pk__in=ids), counsellor)
            except RestoreRefused:
                continue  # the class filled up again meanwhile: nothing changed
            for item in chosen:
                item.voided = False
    assert (
        any(a.voided for a in taken)
        and SurveyAnswer.objects.filter(voids__isnull=False).filter(voided=False).exists()
    )  # voided and restored ones both happened
    assert kept_counts() == grouped_over_answers()

    # A class deleted (here with its round) takes its answers out of every count.
    doomed = places[0].round
    doomed.delete()
    assert kept_counts() == grouped_over_answers()
    for survey_class in SurveyClass.objects.all():
        assert survey_class.answers_count == survey_class.answers.filter(voided=False).count()


@pytest.mark.django_db
def test_a_restore_beyond_the_class_size_is_refused_and_changes_nothing(survey_round, counsellor):
    small = factories.survey_class(survey_round, "9C", size=2)
    rng = random.Random(1)
    first = answer(small, rng, 1)
    void_answers(SurveyAnswer.objects.filter(pk=first.pk), counsellor, "Nhầm lớp")
    answer(small, rng, 2)
    answer(small, rng, 3)  # the place it freed is taken
    before = kept_counts()
    with pytest.raises(RestoreRefused, match="không còn đủ chỗ"):
        restore_answers(SurveyAnswer.objects.filter(pk=first.pk), counsellor)
    assert kept_counts() == before
    assert SurveyAnswer.objects.get(pk=first.pk).voided


@pytest.mark.django_db
def test_the_migration_fills_the_counts_the_live_code_keeps(places):
    rng = random.Random(7)
    for number, survey_class in enumerate(places * 2):
        answer(survey_class, rng, number)
    SurveyAnswer.objects.filter(pk=SurveyAnswer.objects.order_by("pk").first().pk).update(
        voided=True, is_sample=True
    )
    migration = importlib.import_module("careers.survey.migrations.0004_counts")
    SurveyCount.objects.all().delete()
    migration.fill_counts(None, SimpleNamespace(connection=connection))
    assert kept_counts() == grouped_over_answers()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two writers at once: SQLite locks the whole database, PostgreSQL the rows counted",
)
@pytest.mark.django_db(transaction=True)
def test_two_answers_at_the_same_moment_both_count(area, monkeypatch):
    """Two students of two classes of one school send at once: both wait for the same
    province, district and school rows in the same order, and both are counted."""
    factories.fields()
    school = factories.school(area, district=factories.district(area))
    survey_round = factories.survey_round(school)
    classes = [factories.survey_class(survey_round, name) for name in ("9A1", "9A2")]
    barrier = threading.Barrier(2, timeout=20)
    original = counts.add
    errors = []

    def add_together(*args):
        barrier.wait()  # both answers inserted, both transactions open: count at once
        original(*args)

    def student(survey_class, number):
        try:
            answer(survey_class, random.Random(number), number)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    monkeypatch.setattr(counts, "add", add_together)
    threads = [
        threading.Thread(target=student, args=(survey_class, number))
        for number, survey_class in enumerate(classes)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    province_total = SurveyCount.objects.get(
        kind=CountKind.PROVINCE, province_id=area.pk, question=ANSWERS, code=ALL
    )
    assert province_total.n == 2
    assert kept_counts() == grouped_over_answers()
