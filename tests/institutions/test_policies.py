"""Support policies for ethnic-minority students: the filter on the schools' policies page,
the programme pages where a policy applies, and the flag each school's save keeps."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from institutions.models import SupportPolicyIndexPage
from tests.factories import publish
from tests.institutions import factories

pytestmark = pytest.mark.django_db


def policy(title, kind="khac", groups=(), levels=()):
    return (
        "policy",
        {
            "kind": kind,
            "title": title,
            "who": "Người học của trường",
            "groups": list(groups),
            "levels": list(levels),
            "details": "Mức hỗ trợ mẫu.",
        },
    )


@pytest.fixture
def policies_page(home_page):
    return publish(home_page, SupportPolicyIndexPage(title="Chính sách các trường", slug="cs"))


def test_policies_page_filters_policies_for_ethnic_minority_students(client, index, policies_page):
    boarding = factories.institution(
        index,
        title="Trường Nội trú Mẫu",
        support_policies=[
            policy("Học bổng nội trú", "noi-tru", groups=["dan-toc-thieu-so", "khuyet-tat"]),
            policy("Vay vốn học tập", "tin-dung", groups=["ho-ngheo"]),
        ],
    )
    factories.institution(
        index,
        title="Trường Không Có",
        support_policies=[policy("Học bổng khuyến khích", "hoc-bong")],
    )
    by_kind = factories.institution(
        index,
        title="Trường Theo Loại",
        support_policies=[policy("Hỗ trợ tiền ăn", "dan-toc-thieu-so")],
    )
    assert boarding.ethnic_minority_support and by_kind.ethnic_minority_support

    html = client.get(policies_page.url).text
    assert "Chính sách cho học sinh dân tộc thiểu số" in html
    assert all(title in html for title in ("Học bổng nội trú", "Vay vốn", "Học bổng khuyến"))

    html = client.get(policies_page.url, {"doi-tuong": "dan-toc-thieu-so"}).text
    assert "2 trường, trung tâm" in html
    assert "Học bổng nội trú" in html
    assert "Hỗ trợ tiền ăn" in html
    assert "Dành cho: Học sinh dân tộc thiểu số, Người khuyết tật" in html
    assert "Vay vốn học tập" not in html  # same school, another group
    assert "Trường Không Có" not in html

    response = client.get(policies_page.url, {"doi-tuong": "tat-ca", "tinh": "khong-co"})
    assert response.status_code == 200
    assert "Không có bộ lọc đối tượng “tat-ca”." in response.text
    assert "Không có tỉnh, thành phố “khong-co”." in response.text


def test_policies_page_queries_do_not_grow(client, index, policies_page):
    ethnic = [policy("Hỗ trợ", "dan-toc-thieu-so")]
    factories.institution(index, title="Trường 0", support_policies=ethnic)
    client.get(policies_page.url)
    with CaptureQueriesContext(connection) as few:
        client.get(policies_page.url, {"doi-tuong": "dan-toc-thieu-so"})
    for n in range(1, 15):
        factories.institution(index, title=f"Trường {n}", support_policies=ethnic)
    with CaptureQueriesContext(connection) as many:
        html = client.get(policies_page.url, {"doi-tuong": "dan-toc-thieu-so"}).text
    assert "15 trường, trung tâm" in html
    assert "Trang 1/2" in html
    assert len(many) <= len(few)


def test_programme_page_shows_the_policies_that_apply_to_its_level(client, index):
    school = factories.institution(
        index,
        support_policies=[
            policy("Miễn học phí trung cấp", "mien-giam-hoc-phi", levels=["trung-cap"]),
            policy("Hỗ trợ học sinh dân tộc thiểu số", "dan-toc-thieu-so"),
        ],
    )
    college = factories.programme(school, "Kế toán", code="6340301", level="cao-dang")
    intermediate = factories.programme(school, "Hàn", code="5520123", level="trung-cap")

    html = client.get(college.url).text
    assert "Hỗ trợ học sinh dân tộc thiểu số" in html
    assert "Miễn học phí trung cấp" not in html
    html = client.get(intermediate.url).text
    assert "Miễn học phí trung cấp" in html
    assert "Dành cho: Học sinh dân tộc thiểu số" in html


def test_the_flag_follows_the_policies(index):
    school = factories.institution(index, support_policies=[policy("Học bổng", "hoc-bong")])
    assert not school.ethnic_minority_support
    school.support_policies = [policy("Học bổng", "hoc-bong", groups=["dan-toc-thieu-so"])]
    school.save_revision().publish()
    school.refresh_from_db()
    assert school.ethnic_minority_support
