import datetime
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.models import LabourMarketPage, OccupationIndexPage, OccupationPage
from tests.careers import factories
from website.models import HomePage, Structure

pytestmark = pytest.mark.django_db


def test_page_tree_rules():
    assert OccupationIndexPage in HomePage.allowed_subpage_models()
    assert LabourMarketPage in HomePage.allowed_subpage_models()
    assert OccupationPage not in HomePage.allowed_subpage_models()
    assert OccupationIndexPage.allowed_subpage_models() == [OccupationPage]
    assert OccupationPage.allowed_subpage_models() == []


def test_occupation_page_shows_every_section_with_sources(client, electrician, index):
    area = factories.province("Đồng Nai")
    factories.hiring_need(electrician, area, workers=12, enterprise="Công ty Điện Sáng")
    factories.figure(electrician, region="dong-nam-bo", value="1250")
    related = factories.occupation(index, title="Điện công nghiệp", slug="dien-cong-nghiep")
    electrician.related_occupations.add(related)
    electrician.save_revision().publish()

    response = client.get("/nghe-nghiep/dien-dan-dung/")

    assert response.status_code == 200
    html = response.text
    for heading in (
        "Công việc hằng ngày",
        "Làm ở đâu, làm thế nào",
        "Hợp với ai",
        "Kỹ năng cần có",
        "Con đường vào nghề",
        "Học lên (liên thông)",
        "Trường và chương trình đào tạo",
        "Thu nhập",
        "Triển vọng và nhu cầu tuyển dụng",
        "Nghề liên quan",
        "Mã nghề",
    ):
        assert heading in html, heading
    # What the work is, where and how, who it suits.
    assert "Đi dây điện âm tường." in html
    assert "Làm tại nhà dân" in html
    assert "Giờ hành chính, khách hay gọi buổi tối." in html
    assert "Leo thang, chui trần." in html
    assert "Ngắt điện trước khi làm." in html
    assert "<strong>RCI</strong>" in html
    assert "R – Kỹ thuật" in html and "C – Nghiệp vụ" in html
    assert "thợ điện nhà, thợ điện nước" in html
    # Routes by level, the 9+ route and liên thông.
    for level in ("Sơ cấp", "Trung cấp", "Cao đẳng"):
        assert f"<h3>{level}" in html
    assert "9+ học kèm văn hóa THPT" in html
    assert "Liên thông lên cao đẳng khoảng 1,5 năm." in html
    # Pay with source, date and the sample label.
    assert "5,5–7 triệu đồng/tháng" in html
    assert "9–14 triệu đồng/tháng" in html
    assert "Khảo sát lương mẫu, số liệu tại 01/10/2026" in html
    assert "dữ liệu mẫu" in html
    # Outlook: figure and hiring need, each with source and date.
    assert "1.250 người" in html
    assert "Khảo sát doanh nghiệp của Sở, số liệu tại 30/06/2026" in html
    assert "Công ty Điện Sáng" in html
    assert "Sàn việc làm tỉnh, 15/12/2026" in html
    assert "7–9,5 triệu đồng/tháng" in html
    # Related occupations and codes.
    assert 'href="/nghe-nghiep/dien-cong-nghiep/"' in html
    assert "7411 Thợ điện công trình và thợ có liên quan" in html
    assert "Building and Related Electricians" not in html  # English only in the open data
    assert "52 – Kỹ thuật" in html
    assert "O*NET 29.3" in html and "ISCO-08, International Labour Organization." in html


def test_draft_related_occupation_is_not_linked(client, electrician, index):
    draft = factories.occupation(index, title="Nghề nháp", slug="nghe-nhap", live=False)
    electrician.related_occupations.add(draft)
    electrician.save_revision().publish()
    assert "/nghe-nghiep/nghe-nhap/" not in client.get(electrician.url).text


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_occupation_page_query_count_does_not_grow(client, electrician, index):
    area = factories.province("Hà Nội")
    electrician.related_occupations.add(factories.occupation(index, title="Hàn", slug="han"))
    electrician.save_revision().publish()
    factories.figure(electrician)
    factories.hiring_need(electrician, area)
    client.get(electrician.url)  # warm the site and page caches

    before = _count_queries(client, electrician.url)

    more_related = [
        factories.occupation(index, title=f"Nghề {n}", slug=f"nghe-them-{n}") for n in range(6)
    ]
    electrician.related_occupations.add(*more_related)
    electrician.save_revision().publish()
    regions = ["dong-bang-song-hong", "tay-nguyen", "dong-bang-song-cuu-long", "ca-nuoc"]
    for number, region in enumerate(regions):
        factories.figure(electrician, region=region, period=f"202{number}")
    for number in range(8):
        factories.hiring_need(electrician, factories.province(f"Tỉnh {number}"), workers=number + 1)

    after = _count_queries(client, electrician.url)

    assert after == before
    assert after <= 30


def test_occupation_page_query_budget(client, electrician, django_assert_max_num_queries):
    client.get(electrician.url)
    with django_assert_max_num_queries(30):
        client.get(electrician.url)


def test_programmes_section_says_when_there_are_none(client, electrician):
    html = client.get(electrician.url).text
    assert "Danh sách trường đào tạo nghề này sẽ hiện ở đây" in html


def test_riasec_code_is_validated(index):
    from django.core.exceptions import ValidationError

    page = OccupationPage(title="Thử", slug="thu", summary="x", riasec_code="RRX")
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=["path", "depth", "tasks", "environment"])
    assert "riasec_code" in error.value.message_dict


def test_pay_band_and_levels(electrician):
    electrician = OccupationPage.objects.prefetch_related("routes").get(pk=electrician.pk)
    assert electrician.training_levels == ["so-cap", "trung-cap", "cao-dang"]
    assert electrician.pay_band == "duoi-7"
    assert electrician.pay == {
        "unit": "triệu đồng/tháng",
        "start_min": 5.5,
        "start_max": 7.0,
        "experienced_min": 9.0,
        "experienced_max": 14.0,
        "source": "Khảo sát lương mẫu",
        "reference_date": "2026-10-01",
        "is_sample": True,
    }


def test_initial_and_sort_key_follow_vietnamese_order(index):
    d = factories.occupation(index, title="Dược", slug="duoc")
    dd = factories.occupation(index, title="Điều dưỡng", slug="dieu-duong")
    e = factories.occupation(index, title="Ép nhựa", slug="ep-nhua")
    assert (d.initial, dd.initial, e.initial) == ("D", "Đ", "E")
    ordered = list(OccupationPage.objects.order_by("sort_title").values_list("slug", flat=True))
    assert ordered.index("duoc") < ordered.index("dieu-duong") < ordered.index("ep-nhua")


def test_hiring_need_validation(electrician):
    from django.core.exceptions import ValidationError

    from careers.models import HiringNeed

    need = HiringNeed(
        enterprise="Công ty A",
        workers=3,
        province=factories.province("Huế", Structure.CURRENT),
        period_start=datetime.date(2027, 2, 1),
        period_end=datetime.date(2027, 1, 1),
        wage_min=Decimal(9),
        wage_max=Decimal(7),
        source="x",
        reference_date=datetime.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        need.full_clean()
    assert {"job_title", "period_end", "wage_max"} <= set(error.value.message_dict)


def test_preview_of_an_unsaved_occupation_has_a_context():
    from careers.context import occupation_context
    from careers.models import OccupationRoute

    page = OccupationPage(title="Nghề mới", slug="nghe-moi", summary="x", riasec_code="SA")
    page.routes = [OccupationRoute(level="so-cap", entry="Từ 15 tuổi", duration="3 tháng")]

    context = occupation_context(page)

    assert [route.level for route in context["routes"]] == ["so-cap"]
    assert [t.code for t in context["riasec_types"]] == ["S", "A"]
    assert context["figure_groups"] == [] and context["hiring_needs"] == []


def test_an_outlook_claim_is_shown_only_with_a_source_or_as_sample(client, electrician):
    url = "/nghe-nghiep/dien-dan-dung/"
    html = client.get(url).text  # the fixture's claim has no source and is not sample data
    assert "Nhu cầu tăng" not in html and "Đô thị mới cần nhiều thợ điện." not in html

    electrician.outlook_is_sample = True
    electrician.save_revision().publish()
    section = client.get(url).text.split('id="trien-vong"')[1].split("</section>")[0]
    assert "Nhu cầu tăng." in section and "Đô thị mới cần nhiều thợ điện." in section
    assert "dữ liệu mẫu" in section and "không có nguồn số liệu" in section

    electrician.outlook_is_sample = False
    electrician.outlook_source = "Dự báo nhu cầu nhân lực của Sở LĐTB&XH, 2026"
    electrician.save_revision().publish()
    section = client.get(url).text.split('id="trien-vong"')[1].split("</section>")[0]
    assert "Nhu cầu tăng." in section
    assert "Nguồn: Dự báo nhu cầu nhân lực của Sở LĐTB&amp;XH, 2026" in section
    assert "dữ liệu mẫu" not in section
