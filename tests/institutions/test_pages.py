import datetime
import json
import re

import pytest

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase

from institutions.models import (
    InstitutionIndexPage,
    InstitutionOutcome,
    InstitutionPage,
    PartnerEnterprise,
    ProgramPage,
)
from tests.institutions import factories
from website.models import HomePage

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_tree(self):
        self.assertCanCreateAt(HomePage, InstitutionIndexPage)
        self.assertCanCreateAt(InstitutionIndexPage, InstitutionPage)
        self.assertCanCreateAt(InstitutionPage, ProgramPage)
        self.assertCanNotCreateAt(HomePage, InstitutionPage)
        self.assertCanNotCreateAt(InstitutionIndexPage, ProgramPage)
        self.assertCanNotCreateAt(ProgramPage, ProgramPage)


def json_ld(html):
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def test_institution_page_shows_profile_programmes_and_outcomes(client, school_a, occupation):
    factories.programme(school_a, "Điện công nghiệp", code="6520227", occupations=[occupation])
    factories.programme(
        school_a, "Hàn", code="5520123", level="trung-cap", nine_plus=True, with_outcome=True
    )
    factories.programme(school_a, "Bản nháp", code="6520999", live=False)
    factories.programme(school_a, "Ngành cũ", code="6520998", retired=True)
    InstitutionOutcome.objects.create(
        page=school_a, year=2025, rate="88.5", surveyed=120, survey_date=datetime.date(2026, 2, 1)
    )
    html = client.get(school_a.url).text
    assert "Trường cao đẳng · Công lập" in html
    assert "Điện công nghiệp" in html and "6520227" in html
    assert "1.200.000 đồng/tháng" in html
    assert "Bản nháp" not in html and "Ngành cũ" not in html
    assert "trường tự báo cáo" in html and "đã xác minh" in html
    assert "88,5%" in html
    assert "openstreetmap.org" in html
    assert "Miễn học phí trung cấp" in html
    data = json_ld(html)
    assert data["@type"] == "EducationalOrganization"
    assert data["address"]["addressRegion"] == school_a.province.name
    assert len(data["hasOfferCatalog"]["itemListElement"]) == 2
    assert "Cập nhật lần cuối" in html


def test_programme_page_shows_facts_and_json_ld(client, school_a, occupation):
    today = datetime.date.today()
    page = factories.programme(
        school_a,
        "Điện công nghiệp",
        code="6520227",
        occupations=[occupation],
        admission_start=today - datetime.timedelta(days=3),
        admission_end=today + datetime.timedelta(days=3),
        tuition_exemptions="Miễn học phí cho học sinh dân tộc thiểu số.",
    )
    assert page.url.startswith(school_a.url)
    html = client.get(page.url).text
    assert "Đang nhận hồ sơ" in html
    assert "2,5 năm" in html
    assert occupation.url in html
    assert "Miễn học phí cho học sinh dân tộc thiểu số." in html
    data = json_ld(html)
    assert data["@type"] == "EducationalOccupationalProgram"
    assert data["timeToComplete"] == "P30M"
    assert data["offers"]["priceCurrency"] == "VND"
    assert data["offers"]["price"] == 1_200_000
    assert data["occupationalCategory"] == ["Điện công nghiệp"]
    assert data["provider"]["name"] == school_a.title
    assert data["programPrerequisites"] == "Tốt nghiệp THPT"


def test_admission_closed_outside_the_period(school_a):
    page = factories.programme(
        school_a,
        admission_start=datetime.date(2020, 1, 1),
        admission_end=datetime.date(2020, 2, 1),
    )
    assert not page.admission_open()
    assert page.admission_open(datetime.date(2020, 1, 15))


def test_occupation_page_lists_programmes_with_their_school(client, school_a, occupation):
    factories.programme(school_a, "Điện công nghiệp", code="6520227", occupations=[occupation])
    factories.programme(school_a, "Nháp", code="6520228", occupations=[occupation], live=False)
    html = client.get(occupation.url).text
    assert "Điện công nghiệp</a> (Cao đẳng) – Trường Cao đẳng Mẫu A" in html
    assert "Nháp" not in html


def test_occupation_page_query_count_does_not_grow(
    client, school_a, occupation, django_assert_num_queries
):
    factories.programme(school_a, occupations=[occupation])
    client.get(occupation.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(occupation.url)
    for n in range(6):
        factories.programme(school_a, f"Ngành {n}", occupations=[occupation])
    with django_assert_num_queries(len(few)):
        client.get(occupation.url)


@pytest.mark.parametrize(
    ("code", "level", "message"),
    [
        ("12345", "cao-dang", "không phải mã 7 chữ số"),
        ("5520227", "cao-dang", "không khớp trình độ"),
        ("7520227", "trung-cap", "phải bắt đầu bằng 5"),
        ("5520227", "so-cap", "sơ cấp không có mã"),
    ],
)
def test_programme_code_is_checked(school_a, code, level, message):
    page = ProgramPage(
        title="Thử", slug="thu", code=code, level=level, duration_months=24, entry_requirements="x"
    )
    school_a.add_child(
        instance=ProgramPage(
            title="Mẫu",
            slug="mau",
            code="6480201",
            level="cao-dang",
            duration_months=30,
            entry_requirements="x",
            live=False,
        )
    )
    page.path = school_a.path + "0099"
    page.depth = school_a.depth + 1
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert message in str(error.value)


def test_code_sets_the_training_field(school_a):
    page = factories.programme(school_a, code="6480201", level="cao-dang")
    page.full_clean()
    assert page.training_field.code == "48"


def test_duplicate_code_in_one_school_is_refused(school_a):
    factories.programme(school_a, code="6480201")
    twin = factories.programme(school_a, "Khác", code="6480202")
    twin.code = "6480201"
    with pytest.raises(ValidationError, match="đã có ngành mã"):
        twin.full_clean()


def test_list_filters_by_province_type_and_paginates(client, index, school_a, school_b):
    html = client.get(index.url).text
    assert school_a.title in html and school_b.title in html
    html = client.get(index.url, {"tinh": school_a.province.slug}).text
    assert school_a.title in html and school_b.title not in html
    html = client.get(index.url, {"loai": "trung-cap"}).text
    assert school_a.title not in html and school_b.title in html
    html = client.get(index.url, {"so-huu": "tu-thuc"}).text
    assert school_b.title in html and school_a.title not in html
    html = client.get(index.url, {"tinh": "khong-co", "loai": "xyz", "trang": "99"}).text
    assert "Không có tỉnh, thành phố “khong-co”" in html
    assert "Không có loại hình “xyz”" in html
    for n in range(14):
        factories.institution(index, f"Trường Mẫu {n:02d}", province=school_a.province)
    html = client.get(index.url, {"trang": "2"}).text
    assert "Trang 2/2" in html


def test_list_counts_live_programmes(client, index, school_a):
    factories.programme(school_a, "Một")
    factories.programme(school_a, "Hai")
    factories.programme(school_a, "Nháp", live=False)
    html = client.get(index.url).text
    assert "Ngành đang tuyển:</strong> 2" in html


def test_institution_page_query_count_does_not_grow(
    client, index, occupation, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    school = factories.institution(index, partners=1, outcomes=1)
    factories.programme(school, occupations=[occupation], with_outcome=True)
    client.get(school.url)
    with CaptureQueriesContext(connection) as few:
        client.get(school.url)
    for n in range(10):
        factories.programme(
            school,
            f"Ngành {n}",
            occupations=[occupation],
            with_outcome=True,
            level="trung-cap" if n % 2 else "cao-dang",
        )
        PartnerEnterprise.objects.create(page=school, name=f"Công ty {n}")
        InstitutionOutcome.objects.create(
            page=school, year=2000 + n, rate=80, survey_date=datetime.date(2024, 1, 1)
        )
    with django_assert_num_queries(len(few)):
        response = client.get(school.url)
    assert response.text.count("Công ty") >= 10


def test_programme_page_query_count_does_not_grow(
    client, school_a, occupation, django_assert_num_queries, home_page
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.careers import factories as careers_factories

    page = factories.programme(school_a, occupations=[occupation], with_outcome=True)
    client.get(page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(page.url)
    index = careers_factories.occupation_index(home_page)
    more = [careers_factories.occupation(index, title=f"Nghề {n}", slug=f"n-{n}") for n in range(5)]
    page.occupations.add(*more)
    page.save_revision().publish()
    with django_assert_num_queries(len(few)):
        client.get(page.url)


def test_list_query_count_does_not_grow(client, index, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    area = factories.province("Huế")
    school = factories.institution(index, "Trường 0", province=area)
    factories.programme(school)
    client.get(index.url)
    with CaptureQueriesContext(connection) as few:
        client.get(index.url, {"tinh": area.slug})
    for n in range(1, 15):
        other = factories.institution(index, f"Trường {n}", province=factories.province(f"T{n}"))
        factories.programme(other)
    with django_assert_num_queries(len(few)):
        client.get(index.url, {"tinh": area.slug})
    with django_assert_num_queries(len(few) - 1):  # no province filter: one query fewer
        client.get(index.url, {"trang": "2"})


def test_api_serves_live_pages_only(client, school_a):
    draft = factories.programme(school_a, "Bản nháp API", live=False)
    live = factories.programme(school_a, "Công khai API")
    data = client.get("/api/v2/pages/", {"type": "institutions.ProgramPage"}).json()
    titles = {item["title"] for item in data["items"]}
    assert live.title in titles and draft.title not in titles
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
