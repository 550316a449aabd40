"""Streaming targets and results: the real figures, the dashboard, import and export."""

import csv
import io
import re
from decimal import Decimal

import pytest

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import ReferenceIndex

from careers.streaming.importers import DATA_DIR, import_streaming
from careers.streaming.models import StreamingFigure
from tests.conftest import default_home_page, fresh_pages, module_content, rolled_back
from tests.streaming.conftest import make_streaming_page

pytestmark = pytest.mark.django_db

REAL_CSV = DATA_DIR / "streaming_targets_from_plans.csv"
HEADER = (
    "scope_level,scope,province,period,education_level,indicator,kind,value,comparator,"
    "document,note\n"
)


@module_content
def streaming_page_pk(django_db_setup, django_db_blocker):
    """The dashboard page, made once for the module and rolled back after it."""
    with rolled_back(django_db_blocker):
        yield make_streaming_page(default_home_page()).pk


@pytest.fixture
def streaming_page(streaming_page_pk):
    return fresh_pages({"page": streaming_page_pk})["page"]


def real_rows():
    with REAL_CSV.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def so(text):
    """A CSV value as the site writes it: decimal comma, no trailing zero decimals."""
    value = Decimal(text).normalize()
    return f"{value:f}".replace(".", ",")


def table_rows(html):
    """{row header: row html} for every table row of a page."""
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html, flags=re.S):
        header = re.search(r'<th scope="row">(.*?)</th>', row, flags=re.S)
        if header:
            rows.setdefault(re.sub(r"<[^>]+>", "", header.group(1)).strip(), []).append(row)
    return rows


def upload(text, name="phan-luong.csv"):
    file = io.BytesIO(text.encode("utf-8"))
    file.name = name
    return file


# The real figures -----------------------------------------------------------------------


def test_every_real_row_is_loaded_as_published(real_streaming):
    result = real_streaming["streaming_targets_from_plans.csv"]
    assert (result.rows, result.created, len(result.errors)) == (125, 125, 0)
    # + the supplement: the body-text 45,84, the four 100 % school targets, Tân Thắng's count
    assert StreamingFigure.objects.filter(live=True).count() == 131
    for row in real_rows():
        if row["scope_level"] != "district":
            continue
        figure = StreamingFigure.objects.get(
            district__short_name=row["scope"],
            district__province__short_name=row["province"],
            period=row["period"],
            education_level=row["education_level"],
            indicator__slug=row["indicator"],
            kind=row["kind"],
        )
        assert figure.value == Decimal(row["value"])
        assert figure.comparator == row["comparator"]
        assert figure.document == row["document"]
        if row["province"] == "Long An":
            assert figure.year == 2025
            assert figure.current_province.slug == "tay-ninh"  # Long An joined Tây Ninh


def test_the_reference_index_after_the_import_is_what_a_rebuild_gives(real_streaming):
    """The import updates Wagtail's reference index once per figure, at its end."""

    def entries():
        return sorted(
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(StreamingFigure)
            ).values_list("object_id", "to_content_type", "to_object_id", "content_path")
        )

    imported = entries()
    assert {path for *_, path in imported} >= {"indicator", "province"}
    for figure in StreamingFigure.objects.all():
        ReferenceIndex.create_or_update_for_object(figure)
    assert entries() == imported


@pytest.mark.parametrize("level", ["THCS", "THPT"])
def test_long_an_2025_district_targets_appear_exactly_as_published(
    client, real_streaming, streaming_page, level
):
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025, "cap": level})
    assert response.status_code == 200
    html = response.content.decode()
    rows = table_rows(html)
    checked = 0
    for row in real_rows():
        if (row["scope_level"], row["province"], row["education_level"]) != (
            "district",
            "Long An",
            level,
        ):
            continue
        slug = row["indicator"]
        matching = [
            cells
            for label, found in rows.items()
            if label.endswith(row["scope"])
            for cells in found
        ]
        assert any(so(row["value"]) in cells for cells in matching), (row, matching)
        assert slug.replace("_", "-") in html
        checked += 1
    assert checked == 45  # 15 districts × 3 indicators
    # Tân An's THCS vocational target, as in the appendix.
    if level == "THCS":
        assert "40,21" in "".join(rows["Thành phố Tân An"])


def test_a_result_below_its_target_is_flagged_in_text(client, real_streaming, streaming_page):
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2022, "cap": "THCS"})
    rows = table_rows(response.content.decode())
    long_an = "".join(rows["Tỉnh Long An"])
    assert "16,46" in long_an and "23,3" in long_an
    assert "✗ Chưa đạt" in long_an
    thpt = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2022, "cap": "THPT"})
    long_an_thpt = "".join(table_rows(thpt.content.decode())["Tỉnh Long An"])
    assert "67,5" in long_an_thpt and "✓ Đạt" in long_an_thpt and "Chưa đạt" not in long_an_thpt


def test_only_a_target_says_so(client, real_streaming, streaming_page):
    response = client.get(streaming_page.url, {"tinh": "can-tho", "nam": 2025, "cap": "THPT"})
    html = response.content.decode()
    assert "Chỉ có chỉ tiêu" in html
    assert "chưa có kết quả nào được công bố" in html
    assert "≥ 45" in html  # 'ít nhất' kept as a comparator


def test_the_document_that_disagrees_with_itself_shows_both_values(
    client, real_streaming, streaming_page
):
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025, "cap": "THPT"})
    html = response.content.decode()
    assert "Nguồn không thống nhất" in html
    row = "".join(table_rows(html)["Tỉnh Long An"])
    assert "45,81" in row and "45,84" in row
    assert "Nguồn ghi hai số khác nhau" in row
    assert "Phụ lục" in html and "mục II.2.2" in html


def test_trend_over_the_years_has_its_table(client, real_streaming, streaming_page):
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "cap": "THCS"})
    html = response.content.decode()
    assert 'id="qua-cac-nam"' in html
    for school_year in ("2021-2022", "2022-2023", "2024-2025"):
        assert school_year in html


def test_dashboard_queries_do_not_grow_with_the_data(client, real_streaming, streaming_page):
    params = {"tinh": "tay-ninh", "nam": 2025, "cap": "THCS"}
    client.get(streaming_page.url, params)  # warm caches (site root, page)
    with CaptureQueriesContext(connection) as before:
        assert client.get(streaming_page.url, params).status_code == 200
    extra = HEADER + "".join(
        f"district,{name},Long An,2025,THCS,pct_graduates_to_vocational_so_cap_trung_cap,"
        f"actual,{value},=,Báo cáo kết quả năm học 2024-2025 (mẫu kiểm thử),\n"
        for name, value in (("Tân An", "38.5"), ("Bến Lức", "41"), ("Tân Trụ", "12"))
    )
    assert import_streaming(upload(extra), "extra.csv").ok
    with CaptureQueriesContext(connection) as after:
        response = client.get(streaming_page.url, params)
    assert len(after) == len(before)
    assert "38,5" in "".join(table_rows(response.content.decode())["Thành phố Tân An"])


def test_drafts_stay_off_the_public_pages(client, real_streaming, streaming_page):
    figure = StreamingFigure.objects.get(
        district__short_name="Tân An",
        education_level="THCS",
        kind="target",
        indicator__slug="pct_graduates_to_vocational_so_cap_trung_cap",
    )
    figure.value = Decimal("12.34")
    figure.save_revision()  # a draft: the published value stays
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025, "cap": "THCS"})
    html = response.content.decode()
    assert "12,34" not in html and "40,21" in html


def test_report_is_a_printable_page(client, real_streaming, streaming_page):
    response = client.get(f"{streaming_page.url}bao-cao/tay-ninh/2022/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa đạt chỉ tiêu: 1" in html
    assert "30 tháng 5" in html
    assert client.get(f"{streaming_page.url}bao-cao/khong-co/2022/").status_code == 404


def test_area_page_links_to_programmes_and_events(client, real_streaming, streaming_page):
    html = client.get(streaming_page.url, {"tinh": "tay-ninh"}).content.decode()
    assert 'href="/truong/?tinh=tay-ninh"' in html
    assert 'href="/su-kien/?tinh=tay-ninh"' in html


# Import --------------------------------------------------------------------------------


def test_reimporting_the_real_file_changes_nothing(real_streaming):
    with REAL_CSV.open("rb") as handle:
        result = import_streaming(handle, REAL_CSV.name)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 125)


def test_a_bad_row_writes_nothing_and_is_named(real_streaming):
    before = StreamingFigure.objects.count()
    text = HEADER + (
        "district,Tân An,Long An,2026,THCS,pct_graduates_to_thpt,target,80,=,Kế hoạch A,\n"
        "province,Long An,Long An,2024,THCS,pct_graduates_to_thpt,target,120,=,Kế hoạch A,\n"
        "district,Không Có,Long An,2024,THCS,chi_tieu_la,actual,5,=,Kế hoạch A,\n"
        "province,Cần Thơ,Cần Thơ,2024,THCS,pct_graduates_to_thpt,target,70,=,Kế hoạch B,\n"
    )
    result = import_streaming(upload(text), "bad.csv")
    messages = [str(error) for error in result.errors]
    assert StreamingFigure.objects.count() == before
    assert "Dòng 2, cột “tỉnh”: không có tỉnh, thành phố “Long An” cho năm 2026." in messages
    assert "Dòng 3, cột “giá trị”: 120 nằm ngoài 0–100 %." in messages
    assert any(m.startswith("Dòng 4, cột “địa bàn”") and "Không Có" in m for m in messages)
    assert any(m.startswith("Dòng 4, cột “chỉ tiêu”") for m in messages)
    assert not any(m.startswith("Dòng 5") for m in messages)


def test_an_indicator_for_the_wrong_level_is_refused(real_streaming):
    text = HEADER + (
        "province,Cần Thơ,Cần Thơ,2024,THPT,pct_graduates_to_thpt,target,70,=,Kế hoạch B,\n"
    )
    result = import_streaming(upload(text), "level.csv")
    assert [str(e) for e in result.errors] == [
        "Dòng 2, cột “chỉ tiêu”: chỉ tiêu “pct_graduates_to_thpt” không dùng cho cấp THPT."
    ]


def test_current_units_hold_figures_after_the_reform(client, real_streaming, streaming_page):
    text = HEADER + (
        "province,Tây Ninh,Tây Ninh,2025-2026,THCS,pct_graduates_to_vocational_so_cap_trung_cap,"
        "actual,33.5,=,Báo cáo năm học 2025-2026 (mẫu kiểm thử),\n"
        "commune,Long An,Tây Ninh,2026,THCS,pct_schools_with_career_programme,actual,100,=,"
        "Báo cáo năm học 2025-2026 (mẫu kiểm thử),\n"
    )
    result = import_streaming(upload(text), "2026.csv")
    assert result.ok, [str(e) for e in result.errors]
    figure = StreamingFigure.objects.get(scope_level="commune")
    assert figure.commune.structure == "2025" and figure.current_province.slug == "tay-ninh"
    assert figure.year == 2026
    # The 2026 commune report sits in the same province's pages as Long An's 2025 districts.
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2026, "cap": "THCS"})
    rows = table_rows(response.content.decode())
    assert "100" in "".join(rows[figure.commune.name])
    assert "33,5" in "".join(rows["Tỉnh Tây Ninh"])
    trend = client.get(streaming_page.url, {"tinh": "tay-ninh", "cap": "THCS"}).content.decode()
    assert "2025-2026 – Tỉnh Tây Ninh" in trend and "2024-2025 – Tỉnh Long An" in trend


def test_import_command_loads_a_file(real_streaming, capsys):
    call_command("import_streaming", str(REAL_CSV))
    assert "125 dòng: 0 mới, 0 cập nhật, 125 không đổi" in capsys.readouterr().out


# Export --------------------------------------------------------------------------------


def test_csv_export_round_trips_through_the_import(client, real_streaming, streaming_page):
    response = client.get(f"{streaming_page.url}csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.csv"')
    exported = response.content.decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    assert len(rows) == 131
    result = import_streaming(upload(exported), "export.csv")
    assert (result.ok, result.created, result.updated, result.unchanged) == (True, 0, 0, 131)
    assert client.get(f"{streaming_page.url}csv/").content.decode("utf-8") == exported


# The download's Vietnamese header and words, by the English key of the data file.
VIETNAMESE_HEADER = {
    "scope_level": "cấp địa bàn",
    "scope": "địa bàn",
    "province": "tỉnh",
    "period": "năm",
    "education_level": "cấp học",
    "indicator": "chỉ tiêu",
    "kind": "loại",
    "value": "giá trị",
    "comparator": "so sánh",
    "document": "văn bản",
    "note": "ghi chú",
}
VIETNAMESE_WORDS = {
    "district": "huyện",
    "province": "tỉnh",
    "target": "chỉ tiêu",
    "actual": "kết quả",
}


def test_export_writes_the_published_values(client, real_streaming, streaming_page):
    exported = client.get(f"{streaming_page.url}csv/", {"tinh": "tay-ninh"}).content.decode()
    assert exported.lstrip("\ufeff").splitlines()[0].split(",") == list(VIETNAMESE_HEADER.values())
    rows = list(csv.DictReader(io.StringIO(exported.lstrip("\ufeff"))))
    by_key = {}
    for mine in rows:
        key = {english: mine[vietnamese] for english, vietnamese in VIETNAMESE_HEADER.items()}
        fields = ("scope", "period", "education_level", "indicator", "kind", "document")
        by_key[tuple(key[k] for k in fields)] = key
    for row in real_rows():
        if row["province"] != "Long An":
            continue
        row = row | {k: VIETNAMESE_WORDS.get(row[k], row[k]) for k in ("scope_level", "kind")}
        mine = by_key[tuple(row[k] for k in fields)]
        # the value as the source printed it: 23,30 and 40,00 keep their zeros
        assert mine["value"] == row["value"].replace(".", ",")
        assert {k: mine[k] for k in ("scope_level", "period", "kind", "comparator", "note")} == {
            k: row[k] for k in ("scope_level", "period", "kind", "comparator", "note")
        }


def test_the_download_has_no_english_and_its_columns_are_documented(
    client, real_streaming, streaming_page
):
    exported = client.get(f"{streaming_page.url}csv/").content.decode()
    for english in ("as reported", "cited in", "appendix", "body text", "target not met", "about"):
        assert english not in exported
    docs = (DATA_DIR.parents[2] / "docs" / "streaming.md").read_text(encoding="utf-8")
    for english, vietnamese in VIETNAMESE_HEADER.items():
        assert f"| `{vietnamese}` | `{english}` |" in docs


def test_xlsx_export_round_trips_through_the_import(client, real_streaming, streaming_page):
    response = client.get(f"{streaming_page.url}xlsx/", {"tinh": "can-tho"})
    assert response.status_code == 200
    file = io.BytesIO(response.content)
    result = import_streaming(file, "can-tho.xlsx")
    assert (result.ok, result.unchanged, result.created) == (True, 12, 0)


# Pages and demo --------------------------------------------------------------------------


def test_statistics_pages_live_under_the_home_page():
    from careers.streaming.models import StatisticsIndexPage, StreamingDashboardPage
    from website.models import HomePage, StandardPage

    assert set(StatisticsIndexPage.allowed_parent_page_models()) == {HomePage}
    assert set(StreamingDashboardPage.allowed_parent_page_models()) == {StatisticsIndexPage}
    assert StatisticsIndexPage.allowed_subpage_models() == [StreamingDashboardPage]
    assert StreamingDashboardPage.allowed_subpage_models() == []
    assert StandardPage not in StreamingDashboardPage.allowed_parent_page_models()
    assert StatisticsIndexPage.max_count == StreamingDashboardPage.max_count == 1


def test_demo_loads_pages_figures_and_officers(home_page, real_streaming):
    from careers.streaming.demo import STREAMING_DEMO
    from careers.streaming.models import StatisticsIndexPage, StreamingDashboardPage
    from website.demo import load_demo

    accounts = load_demo(STREAMING_DEMO).accounts
    index, dashboard = StatisticsIndexPage.objects.get(), StreamingDashboardPage.objects.get()
    assert index.url == "/thong-ke/" and index.show_in_menus
    assert dashboard.url == "/thong-ke/phan-luong/"
    assert [a.username for a in accounts] == ["sotayninh", "phongtanan"]
    assert load_demo(STREAMING_DEMO).created == {}  # idempotent
    assert (StatisticsIndexPage.objects.get(), StreamingDashboardPage.objects.get()) == (
        index,
        dashboard,
    )


def marked_values(html, chart_id):
    """[(value, cited document)] for every value carrying a source mark in a chart's table,
    each mark resolved through its link to the source list item it points at."""
    sources = dict(re.findall(r'<li id="([^"]+)">Nguồn: (.*?)</li>', html, flags=re.S))
    marked = re.findall(
        r'([\d.,]+) <a href="#(' + re.escape(chart_id) + r'-nguon-\d+)">\[\d+\]</a>', html
    )
    assert marked, chart_id
    return [(value, sources.get(anchor)) for value, anchor in marked]


def test_each_marked_value_resolves_to_its_own_document_and_place(
    client, real_streaming, streaming_page
):
    """45,84 is in the body (mục II.2.2) of the Long An 2025 draft plan, 45,81 in its appendix
    total row; the trend table numbers its own sources without overwriting the year table's."""
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025, "cap": "THPT"})
    html = response.content.decode()
    for chart_id in (
        "ct-thpt-pct-graduates-to-vocational-cao-dang",
        "trend-thpt-pct-graduates-to-vocational-cao-dang",
    ):
        resolved = dict(marked_values(html, chart_id))
        assert resolved["45,84"].endswith("(dự thảo), mục II.2.2"), (chart_id, resolved)
        assert resolved["45,81"].endswith("(dự thảo), Phụ lục"), (chart_id, resolved)


@pytest.mark.parametrize("level", ["THCS", "THPT"])
def test_long_an_2025_school_targets_of_the_province_are_kept(
    client, real_streaming, streaming_page, level
):
    """Body (mục II.2.1 / II.2.2) and appendix total row: 100 % of schools with a
    career-guidance programme and with a counsellor teacher, at both levels."""
    for slug in ("pct_schools_with_career_programme", "pct_schools_with_counsellor_teacher"):
        figure = StreamingFigure.objects.get(
            scope_level="province",
            province__short_name="Long An",
            period="2025",
            education_level=level,
            indicator__slug=slug,
            kind="target",
        )
        assert (figure.value, figure.document[-7:]) == (Decimal(100), "Phụ lục")
        assert "Tổng cộng" in figure.note and "II.2." in figure.note
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025, "cap": level})
    html = response.content.decode()
    for chart in ("pct-schools-with-career-programme", "pct-schools-with-counsellor-teacher"):
        section = html.split(f'id="ct-{level.lower()}-{chart}"')[1].split("</section>")[0]
        assert "100" in "".join(table_rows(section)["Tỉnh Long An"])


def test_trailing_zeros_the_source_printed_are_kept(client, real_streaming, streaming_page):
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2022, "cap": "THCS"})
    long_an = "".join(table_rows(response.content.decode())["Tỉnh Long An"])
    assert "23,30" in long_an
    thpt = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2022, "cap": "THPT"})
    assert "67,50" in "".join(table_rows(thpt.content.decode())["Tỉnh Long An"])
    html = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025}).content.decode()
    assert "40,00" in "".join(table_rows(html)["Huyện Tân Hưng"])


def test_chart_labels_carry_their_unit(client, real_streaming, streaming_page):
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2022, "cap": "THCS"})
    svg = response.content.decode().split("<svg", 1)[1].split("</svg>")[0]
    assert "Chỉ tiêu 23,30 %" in svg and "Kết quả 16,46 %" in svg


def test_kon_tum_target_says_it_covers_both_levels(client, real_streaming, streaming_page):
    for level in ("THCS", "THPT"):
        response = client.get(streaming_page.url, {"tinh": "quang-ngai", "nam": 2024, "cap": level})
        row = "".join(table_rows(response.content.decode())["Tỉnh Kon Tum"])
        assert "35" in row and "chung cho THCS và THPT" in row


def test_can_tho_figures_say_they_are_for_the_city_before_the_merger(
    client, real_streaming, streaming_page
):
    html = client.get(streaming_page.url, {"tinh": "can-tho", "nam": 2025}).content.decode()
    assert "Cần Thơ gồm cả Hậu Giang, Sóc Trăng" in html
    assert "Cần Thơ cũ chưa gồm Hậu Giang, Sóc Trăng" in html


def test_the_default_view_opens_on_the_latest_results(client, real_streaming, streaming_page):
    html = client.get(streaming_page.url).content.decode()
    assert "Tây Ninh: THCS (sau lớp 9), năm học 2021-2022" in html  # Long An's 2022 results
    assert "16,46" in html
    assert "Kết quả: chưa có" not in html.split('id="qua-cac-nam"')[0]


def test_a_requested_year_that_is_not_there_says_so(client, real_streaming, streaming_page):
    html = client.get(streaming_page.url, {"tinh": "can-tho", "nam": 2019}).content.decode()
    assert "Không có số liệu năm “2019” cho Cần Thơ ở cấp học này" in html
    html = client.get(streaming_page.url, {"tinh": "can-tho", "nam": "abc"}).content.decode()
    assert "Không có số liệu năm “abc”" in html
    html = client.get(streaming_page.url, {"tinh": "can-tho", "nam": 2025}).content.decode()
    assert "Không có số liệu năm" not in html


def test_school_plans_are_on_a_public_page(client, real_streaming, streaming_page):
    dashboard = client.get(streaming_page.url).content.decode()
    assert f'href="{streaming_page.url}truong/"' in dashboard
    response = client.get(f"{streaming_page.url}truong/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Trường THCS Tân Thắng (An Lão), năm học 2023-2024" in html
    rows = table_rows(html)
    assert "80 %" in "".join(rows["Tỷ lệ học sinh tốt nghiệp THCS vào học lớp 10 trường THPT"])
    meetings = "".join(
        rows["Số hội nghị cha mẹ học sinh khối 9 về định hướng phân luồng mỗi năm học"]
    )
    assert "≥ 1 lần/năm" in meetings and "%" not in meetings


def test_a_count_target_is_stored_and_checked_as_a_count(real_streaming):
    figure = StreamingFigure.objects.get(indicator__slug="n_grade9_parent_meetings_per_year")
    assert (figure.value, figure.comparator, figure.display_value) == (1, ">=", "1 lần/năm")
    text = HEADER + (
        "school,Trường A,(An Lão),2024-2025,THCS,n_grade9_parent_meetings_per_year,target,"
        "1.5,>=,Kế hoạch A,\n"
        "school,Trường A,(An Lão),2024-2025,THCS,n_grade9_parent_meetings_per_year,target,"
        "250,>=,Kế hoạch B,\n"
    )
    messages = [str(e) for e in import_streaming(upload(text), "dem.csv").errors]
    assert messages == [
        "Dòng 2, cột “giá trị”: “1.5”: chỉ tiêu này đếm số lần, ghi số nguyên từ 0 đến 999."
    ]


def test_streaming_import_refuses_a_declared_huge_sheet_and_caps_rows(real_streaming):
    """A 1.8 KB XLSX declaring a million rows exhausted a worker; the import had no row cap."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = "scope_level"
    workbook.active.cell(row=1_048_576, column=16_384, value="x")
    file = io.BytesIO()
    workbook.save(file)
    file.seek(0)
    before = StreamingFigure.objects.count()
    result = import_streaming(file, "bom.xlsx")
    assert [str(error) for error in result.errors] == [
        "Tệp có quá 5.000 dòng số liệu: hãy chia nhỏ."
    ]
    rows = "province,Cần Thơ,Cần Thơ,2026,THCS,x,target,1,=,Văn bản,\n" * 5_001
    result = import_streaming(upload(HEADER + rows), "dai.csv")
    assert [str(error) for error in result.errors] == [
        "Tệp có quá 5.000 dòng số liệu: hãy chia nhỏ."
    ]
    assert StreamingFigure.objects.count() == before


def test_exports_neutralise_formulas_in_every_cell(client, real_streaming, streaming_page):
    """An officer's `=HYPERLINK(…)`, `+cmd|…` or `@SUM(…)` in a note became a live formula in
    /thong-ke/phan-luong/xlsx/ and stood raw in the CSV."""
    from openpyxl import load_workbook

    from careers.streaming.models import StreamingFigure

    notes = ['=HYPERLINK("http://x.example","bấm")', "+cmd|' /C calc'!A0", "@SUM(1+1)"]
    figures = StreamingFigure.objects.filter(current_province__slug="can-tho")[: len(notes)]
    for figure, note in zip(figures, notes, strict=True):
        StreamingFigure.objects.filter(pk=figure.pk).update(note=note)
    csv_text = client.get(f"{streaming_page.url}csv/", {"tinh": "can-tho"}).content.decode()
    cells = {cell for row in csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))) for cell in row}
    assert {"'" + note for note in notes} <= cells and not set(notes) & cells
    response = client.get(f"{streaming_page.url}xlsx/", {"tinh": "can-tho"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    written = [cell for row in sheet.iter_rows() for cell in row]
    assert not [cell for cell in written if cell.data_type == "f"]
    assert {"'" + note for note in notes} <= {cell.value for cell in written}
