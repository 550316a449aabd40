"""The enterprise directory: search without diacritics, filters, constant SQL per page, the
enterprise page with its JSON-LD, the links to occupations and hiring needs, the API."""

import json
import re

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.test.utils import WagtailPageTestCase

from careers.models import EnterpriseIndexPage, EnterprisePage, HiringNeed
from tests.careers import factories
from website.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return factories.enterprise_index(home_page)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def listed(response):
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a>', response.text)


def test_directory_searches_without_diacritics_and_filters(client, directory):
    north = factories.province("Bắc Ninh")
    south = factories.province("Cần Thơ")
    factories.enterprise(directory, "Công ty Điện Sáng", province=north, sector="C")
    factories.enterprise(directory, "Khách sạn Biển Xanh", province=south, sector="I")
    factories.enterprise(directory, "Bệnh viện Tâm An", province=south, sector="Q")
    factories.enterprise(directory, "Công ty Điện Tối", live=False)

    assert listed(client.get("/doanh-nghiep/")) == [
        "Bệnh viện Tâm An",
        "Công ty Điện Sáng",
        "Khách sạn Biển Xanh",
    ]
    for query in ("dien sang", "ĐIỆN", "điện sáng", "cong ty dien"):
        assert listed(client.get("/doanh-nghiep/", {"q": query})) == ["Công ty Điện Sáng"]
    assert listed(client.get("/doanh-nghiep/", {"tinh": south.slug})) == [
        "Bệnh viện Tâm An",
        "Khách sạn Biển Xanh",
    ]
    assert listed(client.get("/doanh-nghiep/", {"nganh": "Q"})) == ["Bệnh viện Tâm An"]
    assert listed(client.get("/doanh-nghiep/", {"tinh": south.slug, "nganh": "C"})) == []

    response = client.get("/doanh-nghiep/", {"tinh": "khong-co", "nganh": "ZZ", "q": "x" * 300})
    assert response.status_code == 200
    assert "Không có tỉnh, thành phố “khong-co”." in response.text
    assert "Không có ngành kinh tế “ZZ”." in response.text
    assert "Từ khóa dài quá 100 ký tự" in response.text


def test_directory_queries_do_not_grow_with_its_size(client, directory):
    area = factories.province("Đồng Nai")
    for n in range(3):
        factories.enterprise(directory, f"Công ty Mẫu {n}", province=area)
    client.get("/doanh-nghiep/")
    with CaptureQueriesContext(connection) as few:
        first = client.get("/doanh-nghiep/", {"tinh": area.slug, "q": "mau"})
    for n in range(3, 40):
        factories.enterprise(
            directory, f"Công ty Mẫu {n:02d}", province=factories.province(f"T{n}")
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get("/doanh-nghiep/", {"q": "mau", "trang": "2"})
    assert len(listed(first)) == 3
    assert len(listed(response)) == 12  # one full page of the 40
    assert "Trang 2/4" in response.text
    assert len(many) <= len(few), [q["sql"] for q in many]


def test_enterprise_page_shows_occupations_hiring_needs_and_json_ld(client, directory, index):
    electrician = factories.occupation(index, title="Điện công nghiệp", slug="dien-cn")
    hidden = factories.occupation(index, title="Nghề nháp", slug="nghe-nhap", live=False)
    area = factories.province("Bắc Ninh")
    page = factories.enterprise(
        directory,
        "Công ty Điện Sáng",
        province=area,
        occupations=[electrician, hidden],
        website="https://diensang.example.com",
        is_sample=True,
    )
    factories.hiring_need(electrician, area, workers=25, employer=page, enterprise="")

    html = client.get(page.url).text
    assert 'href="/nghe-nghiep/dien-cn/">Điện công nghiệp</a>' in html
    assert "Nghề nháp" not in html
    assert "Điện công nghiệp</strong> (Bắc Ninh): 25 người" in html
    assert "Dữ liệu mẫu" in html
    data = json_ld(html)
    assert data["@type"] == "Organization"
    assert data["name"] == "Công ty Điện Sáng"
    assert data["url"].endswith("/doanh-nghiep/cong-ty-dien-sang/")
    assert data["sameAs"] == "https://diensang.example.com"
    assert data["address"]["addressRegion"] == "Tỉnh Bắc Ninh"
    assert data["numberOfEmployees"] == {
        "@type": "QuantitativeValue",
        "minValue": 200,
        "maxValue": 999,
    }

    # The occupation page lists the enterprise that hires for it, and names it on the posting.
    occupation_html = client.get(electrician.url).text
    assert 'href="/doanh-nghiep/cong-ty-dien-sang/">Công ty Điện Sáng</a>' in occupation_html
    assert "Doanh nghiệp tuyển người làm nghề này" in occupation_html


def test_enterprise_page_queries_do_not_grow(client, directory, index):
    area = factories.province("Bắc Ninh")
    page = factories.enterprise(directory, province=area)
    occupation = factories.occupation(index, title="Nghề 0", slug="nghe-0")
    page.occupations.add(occupation)
    page.save()
    factories.hiring_need(occupation, area, employer=page)
    client.get(page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    for n in range(1, 8):
        occupation = factories.occupation(index, title=f"Nghề {n}", slug=f"nghe-{n}")
        page.occupations.add(occupation)
        factories.hiring_need(occupation, area, employer=page)
    page.save()
    with CaptureQueriesContext(connection) as many:
        html = client.get(page.url).text
    assert html.count('href="/nghe-nghiep/nghe-') == 8
    assert len(many) <= len(few)


def test_hiring_need_takes_the_directory_name(directory, index):
    area = factories.province("Hà Nội")
    page = factories.enterprise(directory, "Gara Thành Công", province=area)
    need = HiringNeed(
        employer=page,
        job_title="Thợ sửa ô tô",
        workers=3,
        province=area,
        period_start="2027-01-01",
        source="Sở",
        reference_date="2026-12-01",
    )
    need.full_clean()
    assert need.enterprise == "Gara Thành Công"
    need.employer = None
    need.enterprise = " "
    with pytest.raises(ValidationError) as error:
        need.full_clean()
    assert "Chọn doanh nghiệp trong danh bạ hoặc ghi tên doanh nghiệp." in str(error.value)


def test_api_serves_live_enterprises_with_public_fields(client, directory):
    area = factories.province("Cần Thơ")
    factories.enterprise(directory, "Công ty Công khai", province=area, is_sample=True)
    factories.enterprise(directory, "Công ty Nháp", live=False)

    listing = client.get("/api/v2/enterprises/").json()
    assert [item["title"] for item in listing["items"]] == ["Công ty Công khai"]
    item = listing["items"][0]
    assert item["sector_info"]["code"] == "C"
    assert item["area"]["province"] == "Tỉnh Cần Thơ"
    assert item["is_sample"] is True
    detail = client.get(f"/api/v2/enterprises/{item['id']}/").json()
    assert detail["phone"] == "0222 000 001"
    assert "search_text" not in detail
    pages = client.get("/api/v2/pages/", {"type": "careers.EnterprisePage"}).json()
    assert pages["meta"]["total_count"] == 1
    assert client.get("/api/v2/enterprises/", {"offset": "²"}).status_code == 400


class EnterprisePageTreeTests(WagtailPageTestCase):
    def test_enterprises_live_only_in_the_one_directory(self):
        self.assertAllowedParentPageTypes(EnterpriseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EnterpriseIndexPage, {EnterprisePage})
        self.assertAllowedParentPageTypes(EnterprisePage, {EnterpriseIndexPage})
        self.assertAllowedSubpageTypes(EnterprisePage, set())
        assert EnterpriseIndexPage.max_count == 1
