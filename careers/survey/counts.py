"""The survey's counts (``SurveyCount``): kept in the same transaction as what changes them,
read by the results, the exports, the streaming page's intended share and suppression.

Why precomputed counts rather than a GROUP BY over the answers: a province officer's page
over 30,000 answers (and last year's 30,000) read 300,000 choice rows per view — 714 ms under
load, growing with every answer. A count row per (scope, template, year, question, option)
makes a view read a few hundred rows whatever the number of answers; the price is paid once
per answer, in its own transaction: about 30 rows raised by one statement.

What changes a count, and where it is kept:

* an answer taken (``careers.survey.answering.take_answer``): ``add``;
* an answer voided or restored (``careers.survey.admin_views``): ``change`` with −1 / +1;
* a class deleted (with its round or its school): the ``pre_delete`` receiver below
  subtracts its counted answers before they go. Answers are never deleted on their own.

Each change is one ``INSERT … SELECT … FROM unnest(…) ORDER BY … ON CONFLICT DO UPDATE SET
n = n + excluded.n`` over the rows it touches, its rows sorted by their key: PostgreSQL
takes the rows' locks in the order the rows are inserted, so two answers that touch the
same province and school rows lock them in the same order and wait for each other instead
of deadlocking. The hot rows (a province's totals) are locked from that statement to the
commit, so it is the last write of the answer's transaction. Deltas are summed per row
first (one statement may not touch a row twice), and a row that falls to 0 stays (a later
answer raises it again without an insert).

Readers always ``Sum("n")``: a school's rows are summed across the places its answers were
given (a school that moved keeps last year's rows where they were counted).
"""

from collections import Counter

from django.db import connection
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver

from careers.survey.models import (
    ALL,
    ANSWERS,
    SAMPLE,
    VOCATIONAL,
    WITH_ROUTE,
    AnswerChoice,
    CountKind,
    SurveyAnswer,
    SurveyClass,
    SurveyCount,
)

KEY = (
    "kind",
    "province_id",
    "district_id",
    "school_id",
    "survey_class_id",
    "template_id",
    "year",
    "question",
    "code",
)


def scopes(answer):
    """The (kind, province, district, school, class) of each row an answer is counted in."""
    province, district = answer.province_id, answer.district_id or 0
    school, survey_class = answer.school_id, answer.survey_class_id
    rows = [(CountKind.PROVINCE.value, province, 0, 0, 0)]
    if district:
        rows.append((CountKind.DISTRICT.value, province, district, 0, 0))
    rows.append((CountKind.SCHOOL.value, province, district, school, 0))
    rows.append((CountKind.CLASS.value, province, district, school, survey_class))
    return rows


def codes(answer, chosen):
    """(question, code) of what ``answer`` counts for: its choices and the pseudo-question."""
    pairs = [(ANSWERS, ALL)]
    if answer.vocational is not None:
        pairs.append((ANSWERS, WITH_ROUTE))
    if answer.vocational:
        pairs.append((ANSWERS, VOCATIONAL))
    if answer.is_sample:
        pairs.append((ANSWERS, SAMPLE))
    pairs.extend((question, str(code)) for question, code in chosen)
    return pairs


def deltas(pairs, sign=1):
    """The change of each row for ``pairs`` [(answer, [(question, code), …]), …]."""
    changes = Counter()
    for answer, chosen in pairs:
        for scope in scopes(answer):
            for question, code in codes(answer, chosen):
                changes[(*scope, answer.template_id, answer.year, question, code)] += sign
    return changes


# PostgreSQL: one statement whose text never changes (ten arrays, unnested in their order),
# so the driver and the server parse it once; elsewhere (SQLite) a VALUES list.
COLUMN_TYPES = ("text", "int", "int", "int", "int", "bigint", "int", "text", "text", "int")


def apply(changes):
    """Write ``changes`` {key: delta}: one upsert, its rows in the key's order."""
    rows = sorted((*key, delta) for key, delta in changes.items() if delta)
    if not rows:
        return
    table = SurveyCount._meta.db_table
    columns = ", ".join((*KEY, "n"))
    conflict = f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET n = {table}.n + excluded.n"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"%s::{kind}[]" for kind in COLUMN_TYPES)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM unnest({arrays}) "  # noqa: S608 — constants
                f"WITH ORDINALITY AS row ({columns}, position) ORDER BY position {conflict}",
                [list(column) for column in zip(*rows, strict=True)],
            )
            return
        for start in range(0, len(rows), 500):
            batch = rows[start : start + 500]
            values = ", ".join(["(" + ", ".join(["%s"] * len(rows[0])) + ")"] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} {conflict}",  # noqa: S608 — constants
                [value for row in batch for value in row],
            )


def add(answer, chosen):
    """Count a new answer and its ``chosen`` [(question, code), …]."""
    apply(deltas([(answer, chosen)]))


def change(answers, sign):
    """Count (+1) or uncount (−1) ``answers`` (a list of SurveyAnswer) with their choices as
    stored; one query for the choices, one upsert."""
    if not answers:
        return
    chosen = {answer.pk: [] for answer in answers}
    for answer_id, question, code in AnswerChoice.objects.filter(
        answer_id__in=list(chosen)
    ).values_list("answer_id", "question", "code"):
        chosen[answer_id].append((question, code))
    apply(deltas(((answer, chosen[answer.pk]) for answer in answers), sign))


@receiver(pre_delete, sender=SurveyClass, dispatch_uid="survey-count-class-deleted")
def forget_class(sender, instance, **kwargs):
    """A class is being deleted (alone, or with its round or school): its counted answers
    leave the counts of its school, district and province, and its own rows go."""
    change(list(SurveyAnswer.objects.filter(survey_class=instance, voided=False)), -1)
    SurveyCount.objects.filter(kind=CountKind.CLASS, survey_class_id=instance.pk).delete()


def scope_filter(scope):
    """A Q over SurveyCount selecting the rows that count each answer of ``scope`` (an
    ``careers.survey.access.Scope``) exactly once."""
    if scope.everything:
        return Q(kind=CountKind.PROVINCE)
    if scope.school_id:
        return Q(kind=CountKind.SCHOOL, school_id=scope.school_id)
    return Q(kind=CountKind.PROVINCE, province_id__in=scope.province_ids) | (
        Q(kind=CountKind.DISTRICT, district_id__in=scope.district_ids)
        & ~Q(province_id__in=scope.province_ids)
    )


def groups_filter(scope, group_by):
    """A Q over SurveyCount selecting the rows of each group (class or school) of ``scope``."""
    if group_by == "survey_class_id":
        return Q(kind=CountKind.CLASS, school_id=scope.school_id or 0)
    return Q(kind=CountKind.SCHOOL) & scope.answers_filter()
