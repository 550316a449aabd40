"""The streaming dashboard loads the figures it shows — the chosen year, the province-level
trend, the groups whose sources disagree — not every figure of the province for every year."""

import pytest

from careers.streaming import views as streaming_views
from careers.streaming.importers import import_streaming
from tests.streaming.test_streaming import HEADER, upload

pytestmark = pytest.mark.django_db

PARAMS = {"tinh": "tay-ninh", "nam": 2025, "cap": "THCS"}


def district_rows(year, values, document="Báo cáo kết quả (mẫu kiểm thử)"):
    return "".join(
        f"district,{name},Long An,{year},THCS,pct_graduates_to_vocational_so_cap_trung_cap,"
        f"actual,{value},=,{document} {year},\n"
        for name, value in values
    )


@pytest.fixture
def loaded(monkeypatch):
    """How many figures each dashboard view loads."""
    counts = []
    load = streaming_views._loaded

    def counting(figures):
        rows = load(figures)
        counts.append(len(rows))
        return rows

    monkeypatch.setattr(streaming_views, "_loaded", counting)
    return counts


def test_other_years_district_figures_are_not_loaded(
    client, real_streaming, streaming_page, loaded
):
    client.get(streaming_page.url, PARAMS)
    districts = (("Tân An", "38.5"), ("Bến Lức", "41"), ("Tân Trụ", "12"), ("Cần Đước", "20"))
    assert import_streaming(upload(HEADER + district_rows(2023, districts)), "a.csv").ok
    client.get(streaming_page.url, PARAMS)
    assert loaded[1] == loaded[0]
    html = client.get(streaming_page.url, {**PARAMS, "nam": 2023}).content.decode()
    assert "38,5" in html and "Cần Đước" in html  # shown when their year is chosen


def test_sources_disagreeing_in_another_year_are_still_listed(
    client, real_streaming, streaming_page
):
    first = district_rows(2023, [("Bến Lức", "41")], document="Báo cáo A")
    second = district_rows(2023, [("Bến Lức", "43")], document="Báo cáo B")
    assert import_streaming(upload(HEADER + first + second), "b.csv").ok
    html = client.get(streaming_page.url, PARAMS).content.decode()
    notice = html.split("Nguồn không thống nhất", 1)[1].split("</ul>", 1)[0]
    assert "Bến Lức" in notice and "41" in notice and "43" in notice
