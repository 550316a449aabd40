"""The streaming dashboard shows the intended vocational share (from the survey) beside the
streaming target of the same area and year, chart and table, suppressed under 5 answers."""

import re

import pytest

from careers.survey.models import GeneralSchool
from tests.survey import factories
from website.models.areas import District, Province

pytestmark = pytest.mark.django_db


@pytest.fixture
def tay_ninh_answers(real_streaming):
    tay_ninh = Province.objects.get(structure="2025", slug="tay-ninh")
    tan_an = District.objects.get(short_name="Tân An", province__short_name="Long An")
    ben_luc = District.objects.get(short_name="Bến Lức", province__short_name="Long An")
    factories.fields()
    school = GeneralSchool.objects.create(
        name="Trường THCS Mẫu Tân An", level="thcs", province=tay_ninh, district=tan_an
    )
    nine = factories.survey_class(factories.survey_round(school, year=2025), "9A1")
    factories.answers(nine, "trung-cap", 6)
    factories.answers(nine, "thpt-cong-lap", 14)
    other = GeneralSchool.objects.create(
        name="Trường THCS Mẫu Bến Lức", level="thcs", province=tay_ninh, district=ben_luc
    )
    factories.answers(factories.survey_class(factories.survey_round(other, year=2025)), "so-cap", 3)
    return nine


def intended_rows(html):
    section = html.split('id="du-dinh-thcs"', 1)[1].split("</section>", 1)[0]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
        cells = [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        rows[cells[0]] = cells[1:]
    return section, rows


def test_intended_share_beside_the_target(client, streaming_page, tay_ninh_answers):
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025, "cap": "THCS"})
    html = response.content.decode()
    section, rows = intended_rows(html)
    assert "Dự định học nghề của học sinh và chỉ tiêu" in section
    assert "<svg" in section and "style=" not in section
    assert rows["Thành phố Tân An"][0] == "40,21 %"
    assert (
        rows["Thành phố Tân An"][1].startswith("30,0 %")
        and "thấp hơn chỉ tiêu" in rows["Thành phố Tân An"][1]
    )
    assert rows["Thành phố Tân An"][2] == "20"
    # 3 answers in Bến Lức: never shown.
    assert rows["Huyện Bến Lức"][1] == "— (dưới 5 phiếu)" and rows["Huyện Bến Lức"][2] == "dưới 5"


def test_the_dashboard_keeps_its_queries_with_more_answers(
    client, streaming_page, tay_ninh_answers, django_assert_max_num_queries
):
    params = {"tinh": "tay-ninh", "nam": 2025, "cap": "THCS"}
    client.get(streaming_page.url, params)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(streaming_page.url, params)
    factories.answers(factories.survey_class(tay_ninh_answers.round, "9A2"), "9-cong", 30)
    with django_assert_max_num_queries(len(before)):
        html = client.get(streaming_page.url, params).content.decode()
    assert intended_rows(html)[1]["Thành phố Tân An"][2] == "50"


def test_the_page_says_when_the_intended_share_was_counted(
    client, streaming_page, tay_ninh_answers, settings
):
    """Answers do not purge the cached page; the page states the time of its count and how
    long a proxy may keep it (the page's own s-maxage)."""
    from django.utils import timezone

    settings.PUBLIC_CACHE_SECONDS = 300
    before = timezone.localtime()
    response = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025, "cap": "THCS"})
    after = timezone.localtime()
    section, _rows = intended_rows(response.content.decode())
    stated = {f"{moment:%H:%M, %d/%m/%Y}" for moment in (before, after)}
    assert any(f"Số phiếu tính đến {text}." in section for text in stated)
    assert "Phiếu mới gửi sẽ được tính trên trang này trong vòng 5 phút." in section
    assert "s-maxage=300" in response["Cache-Control"]
