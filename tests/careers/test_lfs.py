"""The 2019–2025 labour-force figures: converted to the series import format by a tested step
and loaded through the ordinary import, never typed in by hand."""

import csv
import io
import re
from decimal import Decimal

import pytest

from careers.importers import SERIES_COLUMNS, import_isco, import_series
from careers.lfs import FILES, LFS_DIR, SERIES_FILE, ConversionError, convert
from careers.models import LabourFigure

pytestmark = pytest.mark.django_db


@pytest.fixture
def lfs_loaded(admin_units):
    import_isco()
    with SERIES_FILE.open("rb") as handle:
        result = import_series(handle, SERIES_FILE.name)
    assert result.ok, [str(error) for error in result.errors[:5]]
    return result


def test_the_shipped_series_file_is_exactly_the_conversion_of_the_source_files():
    assert SERIES_FILE.read_text(encoding="utf-8") == convert()


def test_every_source_row_is_converted_or_merged_with_its_twin():
    sources = 0
    for name in FILES:
        with (LFS_DIR / name).open(encoding="utf-8") as handle:
            sources += sum(1 for _row in csv.DictReader(handle))
    rows = list(csv.DictReader(io.StringIO(convert())))
    assert sources == 258
    assert len(rows) == 256  # two figures were published twice (merged, both sources noted)
    assert list(rows[0]) == [column.label for column in SERIES_COLUMNS]
    trained = next(
        row
        for row in rows
        if (row["chỉ tiêu"], row["kỳ"], row["nhóm"]) == ("ty-le-lao-dong-co-bang-cap", "2025", "")
    )
    assert trained["giá trị"] == "29,2"  # the statistics office's value …
    # … and the other source's, in the note
    assert "số 29,0 trong Chính phủ / Bộ Giáo dục và Đào tạo" in trained["ghi chú"]


def test_a_row_it_cannot_place_is_an_error_naming_file_and_line(tmp_path):
    for name in FILES:
        text = (LFS_DIR / name).read_text(encoding="utf-8")
        if name == FILES[0]:
            text = text.replace(",sex,male,", ",religion,male,", 1)
        (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(ConversionError, match=r"income_monthly_2019_2025\.csv, dòng 3: .*religion"):
        convert(tmp_path)


def test_the_figures_load_through_the_series_import_idempotently(lfs_loaded):
    assert lfs_loaded.created == 256
    national = LabourFigure.objects.filter(
        region="ca-nuoc", province=None, isco_group=None, sector=None, breakdown=""
    )
    employed = national.get(indicator__slug="thu-nhap-binh-quan-lao-dong", period="2025")
    assert (employed.value, employed.unit) == (Decimal("8.4"), "triệu đồng/tháng")
    assert employed.source.startswith("Cục Thống kê (Bộ Tài chính)")
    assert not employed.is_sample
    wage = national.get(indicator__slug="thu-nhap-binh-quan-lao-dong-lam-cong", period="2025-Q1")
    assert wage.value == Decimal("9.4")
    college = LabourFigure.objects.get(
        indicator__slug="thu-nhap-binh-quan-lao-dong-lam-cong",
        breakdown="Cao đẳng",
        period="2021-Q1",
    )
    assert college.value == Decimal("7.6") and "độ tin cậy thấp hơn" in college.note
    elementary = LabourFigure.objects.get(
        indicator__slug="thu-nhap-binh-quan-lao-dong-lam-cong", isco_group__code="9", period="2020"
    )
    assert elementary.reference_date.isoformat() == "2020-12-31"
    nine_months = national.get(
        indicator__slug="thu-nhap-binh-quan-lao-dong-lam-cong", period="2019-01..2019-09"
    )
    assert nine_months.reference_date.isoformat() == "2019-09-30"
    with SERIES_FILE.open("rb") as handle:
        again = import_series(handle, SERIES_FILE.name)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 256)


def test_the_import_format_takes_half_years_cumulative_months_and_groups():
    from careers.models.labour import is_period

    assert all(is_period(p) for p in ("2025", "2025-Q3", "2025-H1", "2025-06", "2025-01..2025-09"))
    assert not any(is_period(p) for p in ("2025-H3", "2025-09..2025-01", "2024-01..2025-09"))


def test_occupation_page_shows_real_averages_beside_the_sample_pay(client, lfs_loaded, electrician):
    section = client.get(electrician.url).text.split('id="thu-nhap"')[1].split("</section>")[0]
    assert "dữ liệu mẫu" in section  # the sample pay keeps its label
    items = re.findall(r"<li><strong>(.*?)</strong> \((.*?)\)\.(.*?)</li>", section, flags=re.S)
    shown = {label: (period, rest) for label, period, rest in items}
    all_employed = shown[
        "Thu nhập bình quân tháng của lao động có việc làm, cả nước: 8,4 triệu đồng/tháng"
    ]
    assert all_employed[0] == "năm 2025"
    assert "gồm cả người tự làm" in all_employed[1]  # the concept's caveat
    assert "Nguồn: Cục Thống kê (Bộ Tài chính)" in all_employed[1]
    wage = shown[
        "Thu nhập bình quân tháng của lao động làm công hưởng lương, cả nước: 9,4 triệu đồng/tháng"
    ]
    assert wage[0] == "quý 1/2025" and "Chỉ lao động làm công hưởng lương" in wage[1]
    college = shown["Lao động làm công có trình độ Cao đẳng: 7,6 triệu đồng/tháng"]
    assert college[0] == "quý 1/2021" and "độ tin cậy thấp hơn" in college[1]
    assert "Lao động làm công có trình độ Trung cấp: 7,2 triệu đồng/tháng" in shown
    assert "Lao động làm công có trình độ Sơ cấp: 8 triệu đồng/tháng" in shown
    assert not any("Đại học" in label for label in shown)  # not a route of this occupation


def test_labour_market_page_shows_the_recent_official_figures(client, lfs_loaded, market):
    html = client.get(market.url).text
    section = html.split('id="so-lieu-gan-day"')[1].split("</section>")[0]
    tables = dict(re.findall(r"<h3>(.*?)</h3>(.*?)(?=<h3>|$)", section, flags=re.S))
    income = tables["Thu nhập bình quân tháng của lao động có việc làm"]
    rows = {
        group: (value, period)
        for group, value, period in re.findall(
            r'<th scope="row">(.*?)</th><td class="number">(.*?)</td><td>(.*?)</td>', income
        )
    }
    assert rows["Tất cả"] == ("8,4 triệu đồng/tháng", "năm 2025")
    assert {"nam", "nữ", "thành thị", "nông thôn"} <= set(rows)
    assert "gồm cả người tự làm" in income and "Nguồn: Cục Thống kê (Bộ Tài chính)" in income
    wage = tables["Thu nhập bình quân tháng của lao động làm công hưởng lương"]
    assert "Chỉ lao động làm công hưởng lương" in wage and "Đại học trở lên" in wage
    assert "Tỷ lệ thất nghiệp của thanh niên 15–24 tuổi" in tables
