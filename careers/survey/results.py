"""Counts and shares of a survey's answers for one scope, template and year, with the
previous year beside them, and small cells suppressed. Read from the precomputed counts
(``SurveyCount``, kept by ``careers.survey.counts``): a few rows per option, whatever the
number of answers; never a loop over answers.

Small-cell suppression (``MIN_CELL`` = 5): below school level — the classes of a school — and
in every district or province breakdown, a count of 1–4 is never shown or exported, nor a
share computed from it; a group (class, school) with fewer than 5 answers shows nothing but
"dưới 5 phiếu". When only one cell of a row would be hidden, the smallest other non-zero cell
is hidden too, so the hidden one cannot be worked out from the total. A counsellor's own
school totals are shown as they are (the school level); an officer's area totals follow the
rule too.
"""

from dataclasses import dataclass, field

from django.db.models import Q, Sum
from django.utils.html import format_html
from django.utils.translation import gettext as _

from careers.models import OccupationPage, TrainingField
from careers.survey import counts as counts_module
from careers.survey.models import (
    ALL,
    ANSWERS,
    VOCATIONAL,
    GeneralSchool,
    SurveyClass,
    SurveyCount,
)

MIN_CELL = 5


@dataclass(frozen=True)
class Cell:
    count: int | None  # None: suppressed
    total: int | None

    @property
    def suppressed(self):
        return self.count is None

    @property
    def share(self):
        if self.count is None or not self.total:
            return None
        return round(100 * self.count / self.total, 1)

    @property
    def shown(self):
        """The cell as the results table shows it: "12 (40,0 %)", or a dash when suppressed.
        Written here, not by an include per cell: a province's table has 1,500 cells."""
        if self.count is None:
            return _suppressed_mark()
        if self.share is None:
            return str(self.count)
        return f"{self.count} ({self.share:.1f} %)".replace(".", ",")

    @property
    def shown_count(self):
        """The count alone, or a dash when suppressed."""
        return _suppressed_mark() if self.count is None else str(self.count)


def _suppressed_mark():
    return format_html('<span title="{}">—</span>', _("dưới 5 phiếu, không hiện"))


@dataclass
class OptionRow:
    code: str
    label: str
    cell: Cell
    previous: Cell


@dataclass
class QuestionTable:
    kind: str
    text: str
    rows: list


@dataclass
class GroupRow:
    label: str
    total: Cell
    vocational: Cell
    cells: list


@dataclass
class Results:
    year: int
    template: object
    level: str  # "school" or "area"
    total: Cell
    previous_total: Cell
    vocational: Cell
    previous_vocational: Cell
    questions: list = field(default_factory=list)
    breakdown_kind: str = ""
    breakdown_options: list = field(default_factory=list)
    group_label: str = ""
    groups: list = field(default_factory=list)

    @property
    def has_route(self):
        return self.template.question("route") is not None


def protect(counts, total, suppress):
    """Counts as shown: all of them, or with small cells (and their complement) hidden."""
    if not suppress:
        return list(counts)
    if total is None or total < MIN_CELL:
        return [None for _count in counts]
    hidden = {index for index, count in enumerate(counts) if 0 < count < MIN_CELL}
    if len(hidden) == 1:
        others = [
            (count, index) for index, count in enumerate(counts) if count and index not in hidden
        ]
        if others:
            hidden.add(min(others)[1])
    return [None if index in hidden else count for index, count in enumerate(counts)]


def _shown_total(total, suppress):
    return None if suppress and total < MIN_CELL else total


def _option_labels(template, kind, codes):
    if kind == "fields":
        return dict(TrainingField.objects.filter(code__in=codes).values_list("code", "name"))
    if kind == "occupations":
        ids = [int(code) for code in codes if code.isdigit()]
        return {
            str(pk): title
            for pk, title in OccupationPage.objects.filter(pk__in=ids).values_list("pk", "title")
        }
    question = template.question(kind)
    return {option["code"]: option["label"] for option in question["options"]}


def compute(scope, template, year, *, level, group_by):
    """The results of the answers of ``scope`` (a ``careers.survey.access.Scope``), read from
    the counts (``careers.survey.counts``): one query for the scope's totals and options of
    both years, one for the breakdown, one or two for labels.

    ``level`` "school": totals as they are, groups (classes) suppressed; "area": everything
    suppressed. ``group_by`` "survey_class" or "school"."""
    suppress_totals = level == "area"
    counts = {
        (row["year"], row["question"], row["code"]): row["n"]
        for row in SurveyCount.objects.filter(
            counts_module.scope_filter(scope), template=template, year__in=[year, year - 1]
        )
        .values("year", "question", "code")
        .annotate(n=Sum("n"))
    }
    now = {
        "n": counts.get((year, ANSWERS, ALL), 0),
        "voc": counts.get((year, ANSWERS, VOCATIONAL), 0),
    }
    before = {
        "n": counts.get((year - 1, ANSWERS, ALL), 0),
        "voc": counts.get((year - 1, ANSWERS, VOCATIONAL), 0),
    }
    now_total = _shown_total(now["n"], suppress_totals)
    before_total = _shown_total(before["n"], suppress_totals)
    [now_voc] = (
        protect([now["voc"]], now["n"], suppress_totals) if now_total is not None else [None]
    )
    [before_voc] = (
        protect([before["voc"]], before["n"], suppress_totals)
        if before_total is not None
        else [None]
    )
    results = Results(
        year=year,
        template=template,
        level=level,
        total=Cell(now_total, now_total),
        previous_total=Cell(before_total, before_total),
        vocational=Cell(now_voc, now_total),
        previous_vocational=Cell(before_voc, before_total),
    )
    for block in template.questions:
        kind = block.block_type
        codes = sorted(
            {code for (_y, question, code), n in counts.items() if question == kind and n}
        )
        labels = _option_labels(template, kind, codes)
        if kind in ("route", "factors", "electives"):
            codes = list(labels)  # the template's order, every option
        else:
            codes = sorted(codes, key=lambda code: -counts.get((year, kind, code), 0))
        now_counts = protect(
            [counts.get((year, kind, code), 0) for code in codes], now["n"], suppress_totals
        )
        before_counts = protect(
            [counts.get((year - 1, kind, code), 0) for code in codes], before["n"], suppress_totals
        )
        rows = [
            OptionRow(code, labels.get(code, code), Cell(n, now_total), Cell(b, before_total))
            for code, n, b in zip(codes, now_counts, before_counts, strict=True)
        ]
        results.questions.append(QuestionTable(kind, block.value["text"], rows))

    _add_breakdown(results, scope, template, year, group_by)
    return results


def _add_breakdown(results, scope, template, year, group_by):
    first = next(iter(template.questions), None)
    if first is None:
        return
    kind = first.block_type
    options = [(row.code, row.label) for row in results.questions[0].rows]
    column = f"{group_by}_id"
    totals, counts = {}, {}
    for row in (
        SurveyCount.objects.filter(
            counts_module.groups_filter(scope, column),
            Q(question=kind) | Q(question=ANSWERS, code__in=[ALL, VOCATIONAL]),
            template=template,
            year=year,
        )
        .values(column, "question", "code")
        .annotate(n=Sum("n"))
    ):
        if row["question"] == ANSWERS:
            totals.setdefault(row[column], {"n": 0, "voc": 0})[
                "n" if row["code"] == ALL else "voc"
            ] = row["n"]
        else:
            counts[(row[column], row["code"])] = row["n"]
    totals = {pk: total for pk, total in totals.items() if total["n"]}
    model = SurveyClass if group_by == "survey_class" else GeneralSchool
    labels = dict(model.objects.filter(pk__in=list(totals)).values_list("pk", "name"))
    results.breakdown_kind = kind
    results.breakdown_options = options
    results.group_label = _("Lớp") if group_by == "survey_class" else _("Trường")
    for pk in sorted(totals, key=lambda pk: labels.get(pk, "")):
        n = totals[pk]["n"]
        shown = _shown_total(n, True)
        cells = protect([counts.get((pk, code), 0) for code, _label in options], n, True)
        [voc] = protect([totals[pk]["voc"]], n, True)
        results.groups.append(
            GroupRow(
                labels.get(pk, ""),
                Cell(shown, shown),
                Cell(voc, shown),
                [Cell(c, shown) for c in cells],
            )
        )


def latest(scope):
    """(template id, year) of the scope's latest year with answers — its most answered
    template that year — or None. One query, over the counts."""
    return (
        SurveyCount.objects.filter(
            counts_module.scope_filter(scope), question=ANSWERS, code=ALL, n__gt=0
        )
        .order_by("-year", "-n")
        .values_list("template_id", "year")
        .first()
    )
