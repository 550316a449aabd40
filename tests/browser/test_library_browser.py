"""On a phone: the teachers' library (search without diacritics, a filter, a summary page, a
restricted download that asks to log in) and a page in a second language — axe finds nothing."""

import pytest

from wagtail.models import Locale

from tests import factories
from tests.browser.conftest import axe_violations
from website.models import DocumentKind, PlainSummaryPage

pytestmark = pytest.mark.browser


@pytest.fixture
def library(home_page):
    index = factories.library_index(home_page)
    factories.library_document(
        index,
        "Kế hoạch bài dạy: Nghề điện công nghiệp",
        kind=DocumentKind.LESSON_PLAN,
        grade_from=9,
        grade_to=9,
        restricted=True,
    )
    factories.library_document(index, "Tài liệu tập huấn về thị trường lao động", grade_to=12)
    return index


def test_a_teacher_finds_a_document_on_a_phone(phone, library):
    phone.goto("/thu-vien/")
    assert axe_violations(phone) == []
    phone.get_by_label("Tìm tài liệu (có dấu hoặc không dấu)").fill("dien cong nghiep")
    phone.locator("main").get_by_role("button", name="Tìm", exact=True).click()
    phone.wait_for_url("**/thu-vien/?q=dien+cong+nghiep*")
    assert phone.get_by_role("status").inner_text() == "1 tài liệu"
    phone.get_by_label("Lớp", exact=True).select_option("12")
    phone.locator("main").get_by_role("button", name="Tìm", exact=True).click()
    assert "Không có tài liệu nào phù hợp" in phone.locator("main").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    phone.goto("/thu-vien/?lop=9")
    phone.get_by_role("link", name="Kế hoạch bài dạy: Nghề điện công nghiệp").click()
    assert phone.get_by_role("heading", level=1).inner_text() == (
        "Kế hoạch bài dạy: Nghề điện công nghiệp"
    )
    assert "chỉ tải được khi đã đăng nhập" in phone.locator("main").inner_text()
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="Tải tài liệu").click()
    phone.wait_for_url("**/_util/login/**")
    assert phone.console_errors == []


def test_a_page_in_a_second_language_on_a_phone(phone, home_page):
    summary = factories.publish(
        home_page,
        PlainSummaryPage(
            title="Học gì sau lớp 9",
            slug="hoc-gi-sau-lop-9",
            body=[("paragraph", "<p>Ba con đường sau lớp 9.</p>")],
        ),
    )
    sedang = Locale.objects.create(language_code="sed")
    home_page.copy_for_translation(sedang).save_revision().publish()
    copy = summary.copy_for_translation(sedang)
    copy.awaiting_translation = True
    copy.save_revision().publish()

    phone.goto("/hoc-gi-sau-lop-9/")
    assert axe_violations(phone) == []
    switch = phone.get_by_role("navigation", name="Ngôn ngữ")
    switch.get_by_role("link", name="Xơ Đăng").click()
    phone.wait_for_url("**/sed/hoc-gi-sau-lop-9/")
    assert "Bản mẫu, chưa được dịch" in phone.get_by_role("note").inner_text()
    assert phone.locator("article").get_attribute("lang") == "vi"
    assert axe_violations(phone) == []
    switch.get_by_role("link", name="Tiếng Việt").click()
    phone.wait_for_url("**/hoc-gi-sau-lop-9/")
    assert phone.console_errors == []
