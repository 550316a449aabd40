"""The intended vocational share (from the survey) beside the streaming target of the same
area and year, for the streaming dashboard (``careers.streaming.views``).

The target is the area's published vocational indicator for the level (THCS: học sơ cấp,
trung cấp; THPT: học trung cấp, cao đẳng — or cao đẳng where the plan sets only that); the
intended share is the share of the area's answers to a route question that chose a
vocational route. Areas match as the figures are placed: a legacy district's target against
the answers of the schools in that district, a legacy province's against the schools in its
districts, a current province's against all its schools. One query, over the precomputed
counts (``SurveyCount``: the province's row and its districts' rows); the figures are the
dashboard's, already loaded. Cells under 5 answers are suppressed.

Freshness: the dashboard is a public page, kept by the reverse proxy for
``PUBLIC_CACHE_SECONDS`` (s-maxage, 300 s), and an answer does not purge it. The page says
instead when its figures were counted ("tính đến 09:42, 01/12/2026") and that a new answer
shows within those minutes. Purging was the other choice and is worse here: the site's
Varnish turns any PURGE into a ban of every cached page (deploy/varnish.vcl: one publish
invalidates all pages), so a purge per area, even debounced to one a minute, would empty the
whole site's cache every minute of a survey morning — the hour the cache matters most —
and a debounce without a scheduler leaves the answers of the last minute unpurged anyway.
An intended share moves over weeks; five minutes late, with the time stated, misleads nobody.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from careers.streaming.models import PROVINCE_LEVELS, FigureKind, ScopeLevel
from careers.survey.models import (
    ANSWERS,
    SAMPLE,
    VOCATIONAL,
    WITH_ROUTE,
    CountKind,
    SurveyCount,
)
from careers.survey.results import Cell, protect
from website.charts import Pair, paired_bar_chart
from website.models.areas import District, Structure

VOCATIONAL_INDICATORS = {
    "THCS": ["pct_graduates_to_vocational_so_cap_trung_cap", "pct_graduates_to_vocational_any"],
    "THPT": [
        "pct_graduates_to_vocational_trung_cap_cao_dang",
        "pct_graduates_to_vocational_cao_dang",
        "pct_graduates_to_vocational_any",
    ],
}
BOTH_LEVELS = "THCS+THPT"


@dataclass
class IntendedRow:
    label: str
    target: object  # a StreamingFigure or None
    intended: Cell

    @property
    def missed(self):
        share = self.intended.share
        return self.target is not None and share is not None and share < self.target.value

    @property
    def intended_text(self):
        share = self.intended.share
        return "" if share is None else f"{share:.1f}".replace(".", ",") + " %"


def _targets(figures, year, level):
    """The vocational target of each area for ``year``: the first indicator of the level's
    preference list that the area has."""
    preference = VOCATIONAL_INDICATORS[level]
    best = {}
    for figure in figures:
        if (
            figure.year != year
            or figure.kind != FigureKind.TARGET
            or figure.indicator.slug not in preference
            or figure.education_level not in (level, BOTH_LEVELS)
            or figure.scope_level not in (*PROVINCE_LEVELS, ScopeLevel.DISTRICT)
        ):
            continue
        area = (figure.scope_level in PROVINCE_LEVELS, figure.province_id, figure.district_id)
        rank = preference.index(figure.indicator.slug)
        if area not in best or rank < best[area][0]:
            best[area] = (rank, figure)
    return [figure for _rank, figure in best.values()]


def _cell(counts):
    n, voc = counts
    total = n if n >= 5 else None
    [shown] = protect([voc], n, True)
    return Cell(shown, total)


def intended_vs_target(province, year, level, figures):
    """The rows, chart and notes for the dashboard, or None when there is nothing to show."""
    if year is None or level not in VOCATIONAL_INDICATORS:
        return None
    by_district, by_legacy_province, whole = {}, {}, [0, 0]
    any_sample = False
    for row in (
        SurveyCount.objects.filter(
            Q(kind=CountKind.PROVINCE) | Q(kind=CountKind.DISTRICT),
            province_id=province.pk,
            year=year,
            template__education_level=level,
            question=ANSWERS,
            code__in=[WITH_ROUTE, VOCATIONAL, SAMPLE],
        )
        .values("kind", "district_id", "code")
        .annotate(
            n=Sum("n"),
            legacy=Subquery(
                District.objects.filter(pk=OuterRef("district_id")).values("province_id")
            ),
        )
    ):
        if row["code"] == SAMPLE:
            any_sample = any_sample or row["n"] > 0
            continue
        index = 0 if row["code"] == WITH_ROUTE else 1
        if row["kind"] == CountKind.PROVINCE:
            whole[index] += row["n"]
        else:
            by_district.setdefault(row["district_id"], [0, 0])[index] += row["n"]
            by_legacy_province.setdefault(row["legacy"], [0, 0])[index] += row["n"]
    if not whole[0]:
        return None
    result = []
    own_target = False
    for figure in sorted(
        _targets(figures, year, level),
        key=lambda f: (f.scope_level not in PROVINCE_LEVELS, f.area_label),
    ):
        if figure.scope_level == ScopeLevel.DISTRICT:
            counts = by_district.get(figure.district_id, [0, 0])
        elif figure.province.structure == Structure.LEGACY:
            counts = by_legacy_province.get(figure.province_id, [0, 0])
        else:
            counts, own_target = whole, True
        if counts[0]:
            result.append(IntendedRow(figure.area_label, figure, _cell(counts)))
    if not own_target:
        result.insert(
            0, IntendedRow(_("%(name)s (toàn tỉnh)") % {"name": province.name}, None, _cell(whole))
        )
    title = _(
        "Dự định học nghề (khảo sát nguyện vọng) và chỉ tiêu phân luồng, %(level)s, năm %(year)s"
    ) % {
        "level": level,
        "year": year,
    }
    chart_id = f"du-dinh-{level}".lower()
    svg = paired_bar_chart(
        [
            Pair(
                row.label,
                row.target.value if row.target else None,
                Decimal(str(row.intended.share)) if row.intended.share is not None else None,
                row.missed,
                row.target.display_value if row.target else "",
                row.intended_text,
            )
            for row in result
        ],
        title=title,
        chart_id=chart_id,
        target_label=_("Chỉ tiêu"),
        actual_label=_("Dự định"),
        missed_label=_("Thấp hơn chỉ tiêu"),
        none_label=_("chưa có / dưới 5 phiếu"),
    )
    return {
        "rows": result,
        "svg": svg,
        "title": title,
        "chart_id": chart_id,
        "sample": any_sample,
        "as_of": timezone.now(),
        "cache_minutes": max(1, -(-settings.PUBLIC_CACHE_SECONDS // 60)),
    }
