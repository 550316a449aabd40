"""The labour-market overview: which charts, the figures behind them, and their CSV files."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers.importers import INFORMATION_COLUMNS, SERIES_COLUMNS
from careers.models import HiringNeed, LabourFigure
from careers.models.labour import latest_per
from website.charts import Bar, bar_chart
from website.parsing import is_ascii_digits
from website.tables import SafeCsvWriter

HIRING_PER_PAGE = 20


@dataclass(frozen=True)
class ChartSpec:
    slug: str
    title: str
    indicator: str
    dimension: str  # isco, sector, province or region
    note: str = ""

    def figures(self):
        figures = LabourFigure.objects.with_related().filter(indicator__slug=self.indicator)
        if self.dimension == "isco":
            return figures.filter(isco_group__level=1)
        if self.dimension == "sector":
            return figures.filter(sector__isnull=False)
        if self.dimension == "province":
            return figures.filter(province__isnull=False)
        return figures.filter(
            province__isnull=True,
            isco_group__isnull=True,
            sector__isnull=True,
            occupation__isnull=True,
        )


CHARTS = [
    ChartSpec(
        "lao-dong-theo-nhom-nghe",
        gettext_lazy("Lao động có việc làm theo nhóm nghề"),
        "lao-dong-co-viec-lam",
        "isco",
        gettext_lazy("Nhóm nghề cấp 1 theo ISCO-08 (Việt Nam dùng cùng cách chia nhóm lớn)."),
    ),
    ChartSpec(
        "lao-dong-theo-nganh",
        gettext_lazy("Lao động có việc làm theo ngành kinh tế"),
        "lao-dong-co-viec-lam",
        "sector",
    ),
    ChartSpec(
        "lao-dong-qua-dao-tao-theo-tinh",
        gettext_lazy("Tỷ lệ lao động có việc làm đã qua đào tạo, theo tỉnh"),
        "ty-le-qua-dao-tao",
        "province",
        gettext_lazy("63 tỉnh, thành phố trước ngày 01/7/2025, như trong niên giám."),
    ),
    ChartSpec(
        "thu-nhap-theo-nganh",
        gettext_lazy("Thu nhập bình quân một tháng của lao động khu vực Nhà nước, theo ngành"),
        "thu-nhap-khu-vuc-nha-nuoc",
        "sector",
    ),
    ChartSpec(
        "thu-nhap-dau-nguoi-theo-vung",
        gettext_lazy("Thu nhập bình quân đầu người một tháng, theo vùng"),
        "thu-nhap-dau-nguoi",
        "region",
    ),
]
CHARTS_BY_SLUG = {chart.slug: chart for chart in CHARTS}


def _periods(spec):
    return sorted(set(spec.figures().values_list("period", flat=True)), reverse=True)


def chart_data(spec, year=None):
    """The chart for one period (the chosen year, or the latest before it): dict or None."""
    periods = _periods(spec)
    if not periods:
        return None
    period = next((p for p in periods if year and p <= year), periods[0])
    figures = list(spec.figures().filter(period=period).order_by("-value", "pk"))
    if spec.dimension == "province" and not figures:
        return None
    if spec.dimension in ("sector", "isco"):
        figures = [f for f in figures if f.subject_label]
    bars = [
        Bar(_label(spec, figure), figure.value, highlight=figure.region == "ca-nuoc")
        for figure in figures
    ]
    first = figures[0]
    return {
        "spec": spec,
        "period": period,
        "periods": periods,
        "figures": figures,
        "unit": first.unit,
        "source": first.source,
        "reference_date": first.reference_date,
        "is_preliminary": any(f.is_preliminary for f in figures),
        "is_sample": any(f.is_sample for f in figures),
        "svg": bar_chart(
            bars, title=f"{spec.title}, {period}", chart_id=spec.slug, unit=first.unit
        ),
    }


def _label(spec, figure):
    if spec.dimension in ("province", "region"):
        return figure.area_label
    return figure.subject_label


# Recent official figures shown as tables (2019–2025, careers/data/lfs_recent/), in this order.
RECENT_INDICATORS = [
    "thu-nhap-binh-quan-lao-dong",
    "thu-nhap-binh-quan-lao-dong-lam-cong",
    "ty-le-that-nghiep",
    "ty-le-that-nghiep-thanh-nien",
    "ty-le-lao-dong-co-bang-cap",
]


def recent_figures():
    """Per indicator of RECENT_INDICATORS: the latest national figure of each population group
    (all, by sex, area, qualification …), with the indicator's caveat. One query."""
    figures = (
        LabourFigure.objects.with_related()
        .national()
        .filter(indicator__slug__in=RECENT_INDICATORS, isco_group=None)
    )
    latest = latest_per(figures, lambda figure: (figure.indicator.slug, figure.breakdown))
    tables = []
    for slug in RECENT_INDICATORS:
        rows = sorted(
            (figure for (indicator, _group), figure in latest.items() if indicator == slug),
            key=lambda figure: (bool(figure.breakdown), figure.breakdown),
        )
        if rows:
            sources = {(f.source, f.reference_date): f for f in rows}
            tables.append(
                {"indicator": rows[0].indicator, "rows": rows, "sources": list(sources.values())}
            )
    return tables


def market_context(page, request):
    year = request.GET.get("nam", "")
    year = year if len(year) == 4 and is_ascii_digits(year) else None
    charts = [data for spec in CHARTS if (data := chart_data(spec, year))]
    years = sorted({p for data in charts for p in data["periods"]}, reverse=True)
    hiring = HiringNeed.objects.select_related("occupation", "province").order_by(
        "-period_start", "enterprise", "pk"
    )
    return {
        "charts": charts,
        "recent": recent_figures(),
        "years": years,
        "selected_year": year or "",
        "hiring_page": Paginator(hiring, HIRING_PER_PAGE).get_page(request.GET.get("trang")),
    }


# CSV ----------------------------------------------------------------------------------------


def figure_csv_row(figure):
    return [
        figure.indicator.slug,
        figure.isco_group.code if figure.isco_group_id else "",
        figure.sector.code if figure.sector_id else "",
        figure.occupation.slug if figure.occupation_id else "",
        figure.province.short_name if figure.province_id else figure.region,
        figure.region if figure.province_id else "",
        figure.breakdown,
        figure.province.structure if figure.province_id else "",
        figure.period,
        format(figure.value.normalize(), "f"),
        figure.unit,
        "có" if figure.is_preliminary else "không",
        figure.source,
        figure.reference_date.strftime("%d/%m/%Y"),
        "có" if figure.is_sample else "không",
        figure.note,
        figure.subject_label,
        figure.area_label,
    ]


def _csv_response(filename):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel opens UTF-8 only with a byte-order mark
    return response


def table_csv_response(page, table):
    if table == "nhu-cau-tuyen-dung":
        return hiring_csv_response()
    spec = CHARTS_BY_SLUG.get(table)
    if spec is None:
        raise Http404(_("Không có bảng này."))
    response = _csv_response(f"{spec.slug}.csv")
    writer = SafeCsvWriter(response)
    writer.writerow([column.label for column in SERIES_COLUMNS] + INFORMATION_COLUMNS)
    for figure in spec.figures().order_by("period", "pk").iterator(chunk_size=500):
        writer.writerow(figure_csv_row(figure))
    return response


def hiring_csv_response():
    response = _csv_response("nhu-cau-tuyen-dung.csv")
    writer = SafeCsvWriter(response)
    writer.writerow(
        [
            "doanh nghiệp",
            "nghề",
            "vị trí",
            "số người",
            "trình độ",
            "tỉnh, thành phố",
            "từ ngày",
            "đến ngày",
            "lương từ (triệu đồng/tháng)",
            "lương đến (triệu đồng/tháng)",
            "nguồn",
            "ngày ghi nhận",
            "dữ liệu mẫu",
        ]
    )
    needs = HiringNeed.objects.select_related("occupation", "province").order_by(
        "-period_start", "pk"
    )
    for need in needs.iterator(chunk_size=500):
        writer.writerow(
            [
                need.enterprise,
                need.occupation.title if need.occupation_id else "",
                need.position,
                need.workers,
                need.get_level_display(),
                need.province.name,
                need.period_start.strftime("%d/%m/%Y"),
                need.period_end.strftime("%d/%m/%Y") if need.period_end else "",
                format(need.wage_min.normalize(), "f") if need.wage_min is not None else "",
                format(need.wage_max.normalize(), "f") if need.wage_max is not None else "",
                need.source,
                need.reference_date.strftime("%d/%m/%Y"),
                "có" if need.is_sample else "không",
            ]
        )
    return response
