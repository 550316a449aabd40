"""The public streaming dashboard, its downloads and the printable annual report.

Everything a page shows comes from a fixed number of queries: the provinces that have
published figures, the years of the chosen province, and the figures the page shows
(``_dashboard_figures``); the grouping into indicators, areas, years and discrepancies
happens in Python.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from careers.streaming.importers import export_csv, export_order, export_xlsx
from careers.streaming.models import (
    PROVINCE_LEVELS,
    EducationLevel,
    FigureKind,
    ScopeLevel,
    StreamingFigure,
    school_year_label,
)
from careers.survey.streaming import intended_vs_target
from website.charts import Pair, paired_bar_chart
from website.models.areas import Province, Structure
from website.parsing import strict_int
from website.text import sort_key

LEVELS = [EducationLevel.THCS, EducationLevel.THPT]
SCOPE_ORDER = {
    ScopeLevel.PROVINCE: 0,
    ScopeLevel.CITY: 0,
    ScopeLevel.DISTRICT: 1,
    ScopeLevel.COMMUNE: 2,
    ScopeLevel.SCHOOL: 3,
}


@dataclass
class AreaRow:
    """One area's targets and results for one indicator and year."""

    label: str
    sort_key: tuple
    is_province: bool
    targets: list = field(default_factory=list)
    actuals: list = field(default_factory=list)

    @property
    def target(self):
        return self.targets[0] if self.targets else None

    @property
    def actual(self):
        return self.actuals[0] if self.actuals else None

    @property
    def target_values_differ(self):
        return len({figure.value for figure in self.targets}) > 1

    @property
    def actual_values_differ(self):
        return len({figure.value for figure in self.actuals}) > 1

    @property
    def has_discrepancy(self):
        return self.target_values_differ or self.actual_values_differ

    @property
    def missed(self):
        return any(actual.misses(target) for actual in self.actuals for target in self.targets)

    @property
    def status(self):
        if not self.actuals:
            return "target_only"
        if not self.targets:
            return "actual_only"
        return "missed" if self.missed else "met"

    @property
    def figures(self):
        return [*self.targets, *self.actuals]


def _area_key(figure):
    return (
        SCOPE_ORDER.get(figure.scope_level, 9),
        figure.province.short_name if figure.province_id else "",
        sort_key(figure.area_name),
        figure.area_label,
    )


def group_by_area(figures):
    rows = {}
    for figure in figures:
        key = _area_key(figure)
        row = rows.get(key)
        if row is None:
            row = rows[key] = AreaRow(
                label=figure.area_label,
                sort_key=key,
                is_province=figure.scope_level in PROVINCE_LEVELS,
            )
        (row.targets if figure.kind == FigureKind.TARGET else row.actuals).append(figure)
    for row in rows.values():
        row.targets.sort(key=lambda figure: figure.document)
        row.actuals.sort(key=lambda figure: figure.document)
    return sorted(rows.values(), key=lambda row: row.sort_key)


def _applies(figure, level):
    return figure.education_level in (level, EducationLevel.BOTH)


class Sources:
    """Numbers the documents a section cites: [1], [2] … (long names stay out of tables)."""

    def __init__(self):
        self.documents = []

    def number(self, document):
        if document not in self.documents:
            self.documents.append(document)
        return self.documents.index(document) + 1


def _number_sources(rows, sources):
    """Give each row its (figure, source number) pairs. The numbers belong to one section's
    list of sources, so they are kept on the row, never on the figure: the same figure appears
    in the year table and in the trend table, each with its own numbering."""
    for row in rows:
        row.target_refs = [(figure, sources.number(figure.document)) for figure in row.targets]
        row.actual_refs = [(figure, sources.number(figure.document)) for figure in row.actuals]
        row.source_numbers = sorted({number for _f, number in row.target_refs + row.actual_refs})


def target_chart(rows, labels, title, chart_id, indicator):
    """The paired bars of target and result, one pair a row, each under its label."""
    pairs = [
        Pair(
            label,
            row.target.value if row.target else None,
            row.actual.value if row.actual else None,
            row.missed,
            row.target.display_value if row.target else "",
            row.actual.display_value if row.actual else "",
        )
        for row, label in zip(rows, labels, strict=True)
    ]
    return paired_bar_chart(
        pairs,
        title=title,
        chart_id=chart_id,
        target_label=_("Chỉ tiêu"),
        actual_label=_("Kết quả"),
        missed_label=_("Chưa đạt"),
        none_label=_("chưa có"),
        unit=indicator.unit,
    )


def indicator_sections(figures, level, year, chart_prefix):
    """Per indicator: the rows by area for ``year`` and ``level``, a chart and the sources."""
    by_indicator = defaultdict(list)
    for figure in figures:
        if figure.year == year and _applies(figure, level):
            by_indicator[figure.indicator].append(figure)
    sections = []
    for indicator in sorted(by_indicator, key=lambda i: (i.sort_order, i.name)):
        rows = group_by_area(by_indicator[indicator])
        sources = Sources()
        _number_sources(rows, sources)
        chart_id = f"{chart_prefix}-{indicator.slug}".replace("_", "-")
        title = _("%(indicator)s, năm học %(year)s: chỉ tiêu và kết quả (%(unit)s)") % {
            "indicator": indicator.name,
            "year": school_year_label(year),
            "unit": indicator.unit,
        }
        sections.append(
            {
                "indicator": indicator,
                "rows": rows,
                "chart_id": chart_id,
                "title": title,
                "svg": target_chart(rows, [row.label for row in rows], title, chart_id, indicator),
                "sources": sources.documents,
                "only_targets": all(not row.actuals for row in rows),
                "missed": sum(row.status == "missed" for row in rows),
            }
        )
    return sections


def trend_sections(figures, level):
    """Per indicator: the province-level target and result of every year, oldest first."""
    by_indicator = defaultdict(list)
    for figure in figures:
        if figure.scope_level in PROVINCE_LEVELS and _applies(figure, level):
            by_indicator[figure.indicator].append(figure)
    sections = []
    for indicator in sorted(by_indicator, key=lambda i: (i.sort_order, i.name)):
        years = defaultdict(list)
        for figure in by_indicator[indicator]:
            years[figure.year, figure.area_label].append(figure)
        if len({year for year, _label in years}) < 2:
            continue
        rows = []
        for (year, label), items in sorted(years.items()):
            row = group_by_area(items)[0]
            row.year = year
            row.school_year = school_year_label(year)
            row.area = label
            rows.append(row)
        several_areas = len({row.area for row in rows}) > 1
        labels = [
            f"{row.school_year} – {row.area}" if several_areas else row.school_year for row in rows
        ]
        sources = Sources()
        _number_sources(rows, sources)
        chart_id = f"trend-{level}-{indicator.slug}".replace("_", "-").replace("+", "-").lower()
        title = _("%(indicator)s qua các năm (%(unit)s)") % {
            "indicator": indicator.name,
            "unit": indicator.unit,
        }
        sections.append(
            {
                "indicator": indicator,
                "rows": rows,
                "several_areas": several_areas,
                "chart_id": chart_id,
                "title": title,
                "svg": target_chart(rows, labels, title, chart_id, indicator),
                "sources": sources.documents,
            }
        )
    return sections


def discrepancies(figures):
    """Groups of figures for the same area, year, level, indicator and kind whose values
    differ — a source that disagrees with itself or with another source."""
    groups = defaultdict(list)
    for figure in figures:
        groups[
            figure.scope_level,
            figure.province_id,
            figure.district_id,
            figure.commune_id,
            figure.school_name,
            figure.year,
            figure.education_level,
            figure.indicator_id,
            figure.kind,
        ].append(figure)
    return [
        sorted(items, key=lambda figure: figure.document)
        for items in groups.values()
        if len({figure.value for figure in items}) > 1
    ]


def published_provinces():
    """Current provinces with published figures, most figures first, and the names of the
    legacy provinces whose figures they hold. Two queries."""
    counts = dict(
        StreamingFigure.objects.published()
        .exclude(current_province=None)
        .values_list("current_province_id")
        .annotate(n=Count("id"))
        .values_list("current_province_id", "n")
    )
    provinces = list(Province.objects.filter(pk__in=counts).order_by("short_name"))
    by_id = {province.pk: province for province in provinces}
    legacy = defaultdict(list)
    for province in Province.objects.filter(structure=Structure.LEGACY, successor_id__in=counts):
        successor = by_id.get(province.successor_id)
        if successor is not None and province.short_name != successor.short_name:
            legacy[successor.pk].append(province.short_name)
    for province in provinces:
        province.figure_count = counts[province.pk]
        province.legacy_names = sorted(legacy.get(province.pk, []), key=sort_key)
    return provinces


def _latest_results():
    """(current province id, level, year) of the most recent published result, or None."""
    return (
        StreamingFigure.objects.published()
        .filter(kind=FigureKind.ACTUAL)
        .exclude(current_province=None)
        .order_by("-year", "education_level")
        .values_list("current_province_id", "education_level", "year")
        .first()
    )


def _province_figures(province):
    return StreamingFigure.objects.published().filter(current_province=province)


def _loaded(figures):
    return list(figures.with_related().order_by("year", "indicator__sort_order", "pk"))


# What makes figures "the same figure" for ``discrepancies``.
SAME_FIGURE = (
    "scope_level",
    "province_id",
    "district_id",
    "commune_id",
    "school_name",
    "year",
    "education_level",
    "indicator_id",
    "kind",
)


def _dashboard_figures(figures, year):
    """The figures the dashboard shows for one level, not every figure of the province: all
    of ``year``, the province-level ones of every year (trends), and those of any year whose
    sources disagree (found by the database: groups with more than one value). Two queries
    whatever the number of years, districts and schools."""
    disagreeing = (
        figures.order_by()
        .values(*SAME_FIGURE)
        .annotate(values=Count("value", distinct=True))
        .filter(values__gt=1)
        .values_list(*SAME_FIGURE)
    )
    shown = Q(scope_level__in=PROVINCE_LEVELS)
    if year is not None:
        shown |= Q(year=year)
    for group in disagreeing:
        shown |= Q(**dict(zip(SAME_FIGURE, group, strict=True)))
    return _loaded(figures.filter(shown))


def statistics_sections(page, request):
    """/thong-ke/: the live, public sections under it."""
    return {"sections": page.get_children().live().public().specific()}


def dashboard_context(page, request):
    provinces = published_provinces()
    slug = request.GET.get("tinh", "")
    province = next((p for p in provinces if p.slug == slug), None)
    level = request.GET.get("cap", "").upper()
    level = level if level in LEVELS else None
    default_year = None
    if province is None and provinces:
        # Open on the latest area-year that has results, not on a wall of empty bars.
        latest = _latest_results()
        province = next((p for p in provinces if latest and p.pk == latest[0]), None)
        if province is not None and level in (None, latest[1]):
            level, default_year = latest[1], latest[2]
        province = province or max(provinces, key=lambda p: p.figure_count)
    level = level or EducationLevel.THCS
    context = {
        "provinces": provinces,
        "province": province,
        "levels": [(value, EducationLevel(value).label) for value in LEVELS],
        "level": level,
        "level_label": EducationLevel(level).label,
    }
    if province is None:
        return context
    published = _province_figures(province)
    year_levels = set(published.order_by().values_list("year", "education_level").distinct())
    years = sorted(
        {y for y, applies_to in year_levels if applies_to in (level, EducationLevel.BOTH)},
        reverse=True,
    )
    requested = request.GET.get("nam", "").strip()
    year = strict_int(requested)
    if requested and year not in years:
        context["year_unavailable"] = requested
    if year not in years:
        with_results = (
            published.filter(
                kind=FigureKind.ACTUAL, education_level__in=[level, EducationLevel.BOTH]
            )
            .order_by("-year")
            .values_list("year", flat=True)
            .first()
        )
        year = default_year or with_results or (years[0] if years else None)
    figures = _dashboard_figures(
        published.filter(education_level__in=[level, EducationLevel.BOTH]), year
    )
    context.update(
        {
            "years": [(y, school_year_label(y)) for y in years],
            "year": year,
            "school_year": school_year_label(year) if year else "",
            "sections": indicator_sections(figures, level, year, f"ct-{level}".lower())
            if year
            else [],
            "trends": trend_sections(figures, level),
            "discrepancies": [
                group for group in discrepancies(figures) if _applies(group[0], level)
            ],
            "report_years": sorted({y for y, _level in year_levels}, reverse=True),
            "intended": intended_vs_target(province, year, level, figures),
        }
    )
    return context


def school_plans_context(page, request):
    """/thong-ke/phan-luong/truong/: the targets schools set in their own plans, one table
    per school and school year, rows by indicator. One query."""
    figures = (
        StreamingFigure.objects.published()
        .filter(scope_level=ScopeLevel.SCHOOL)
        .with_related()
        .order_by("school_name", "-year", "indicator__sort_order", "kind", "document", "pk")
    )
    plans = {}
    for figure in figures:
        plan = plans.setdefault(
            (figure.area_label, figure.year),
            {"school": figure.area_label, "school_year": figure.school_year, "rows": {}},
        )
        row = plan["rows"].setdefault(
            figure.indicator.pk,
            AreaRow(label=figure.indicator.name, sort_key=(), is_province=False),
        )
        row.unit = figure.indicator.unit
        (row.targets if figure.kind == FigureKind.TARGET else row.actuals).append(figure)
    for number, plan in enumerate(plans.values(), start=1):
        plan["rows"] = list(plan["rows"].values())
        plan["chart_id"] = f"truong-{number}"
        plan["sources"] = Sources()
        _number_sources(plan["rows"], plan["sources"])
    return {"plans": list(plans.values())}


def download(page, request, kind):
    figures = StreamingFigure.objects.published()
    name = "chi-tieu-phan-luong"
    slug = request.GET.get("tinh", "")
    if slug:
        province = Province.objects.filter(structure=Structure.CURRENT, slug=slug).first()
        if province is None:
            raise Http404
        figures = figures.filter(current_province=province)
        name = f"{name}-{province.slug}"
    figures = export_order(figures)
    if kind == "xlsx":
        response = HttpResponse(
            export_xlsx(figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export_csv(figures), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


def report_context(page, request, province_slug, year):
    province = Province.objects.filter(structure=Structure.CURRENT, slug=province_slug).first()
    if province is None:
        raise Http404
    figures = _loaded(_province_figures(province).filter(year=year))
    levels = []
    for level in LEVELS:
        sections = indicator_sections(figures, level, year, f"bc-{level}".lower())
        if sections:
            levels.append(
                {"level": level, "label": EducationLevel(level).label, "sections": sections}
            )
    rows = [row for level in levels for section in level["sections"] for row in section["rows"]]
    return {
        "province": province,
        "year": year,
        "school_year": school_year_label(year),
        "report_levels": levels,
        "summary": {
            "met": sum(row.status == "met" for row in rows),
            "missed": sum(row.status == "missed" for row in rows),
            "target_only": sum(row.status == "target_only" for row in rows),
        },
        "discrepancies": discrepancies(figures),
    }
