"""On a phone: take the interest quiz, open a matched occupation, keep two programmes,
compare them, and open the shared link on another phone; axe finds nothing on the way."""

import re

import pytest

from careers import quiz
from tests.browser.conftest import PHONE, axe_violations, new_page
from tests.careers import factories as careers_factories
from tests.institutions import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def welding(home_page):
    occupations = careers_factories.occupation_index(home_page)
    welder = careers_factories.occupation(
        occupations,
        title="Hàn",
        slug="han",
        isco_group=careers_factories.isco_group("7212", "Welders", "RCI"),
    )
    careers_factories.occupation(
        occupations,
        title="Giáo viên mầm non",
        slug="giao-vien-mam-non",
        riasec_code="SAE",
        riasec_override_reason="Mã đặt cho phép thử.",
    )
    area = factories.province("Cần Thơ")
    index = factories.index(home_page)
    school_a = factories.institution(index, "Trường Cao đẳng Mẫu A", province=area)
    school_b = factories.institution(index, "Trường Trung cấp Mẫu B", province=area)
    first = factories.programme(school_a, "Hàn cao đẳng", occupations=[welder], tuition=0)
    second = factories.programme(
        school_b, "Hàn trung cấp", level="trung-cap", occupations=[welder], tuition=800_000
    )
    return welder, area, first, second


def answer_realistic(page):
    for item in quiz.quiz().items:
        choice = "2" if item.type == "R" else "0"
        page.locator(f"input[name={item.name}][value='{choice}']").check()


def test_quiz_to_a_shared_comparison_on_a_phone(browser, live_server, phone, welding):
    welder, area, first, second = welding
    phone.goto("/trac-nghiem-so-thich/")
    assert axe_violations(phone) == []
    answer_realistic(phone)
    phone.locator("#quiz-province").select_option(area.slug)
    phone.get_by_role("button", name="Xem kết quả").click()
    phone.wait_for_url("**/trac-nghiem-so-thich/ket-qua/?tl=*")
    assert phone.locator("h1").inner_text().startswith("Nhóm sở thích của em: R")
    assert axe_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    phone.locator(".quiz-matches .card__title a").first.click()
    phone.wait_for_url(f"**{welder.url}")
    for programme in (first, second):
        phone.goto(welder.url)
        phone.get_by_role("link", name=programme.title).click()
        phone.wait_for_url(f"**{programme.url}")
        keep = phone.locator("a[data-keep]")
        keep.click()
        phone.get_by_text("Đã lưu").wait_for()  # kept in place, by script

    phone.goto("/danh-sach-cua-toi/")
    phone.wait_for_url(f"**/danh-sach-cua-toi/?ct={first.pk}&ct={second.pk}")
    phone.get_by_role("button", name="So sánh chương trình đã chọn").click()
    phone.wait_for_url("**/so-sanh/?ct=*")
    headers = phone.locator("table.compare thead th[scope=col] a").all_inner_texts()
    assert headers == ["Hàn cao đẳng", "Hàn trung cấp"]
    assert axe_violations(phone) == []
    link = phone.locator("#share-url").input_value()
    assert link.startswith(live_server.url + "/so-sanh/?")

    context, other_phone = new_page(browser, live_server.url, PHONE)
    try:
        other_phone.goto(link)
        shared = other_phone.locator("table.compare thead th[scope=col] a").all_inner_texts()
        assert shared == headers
        assert (
            other_phone.locator("table.compare").inner_text()
            == phone.locator("table.compare").inner_text()
        )
    finally:
        context.close()

    phone.get_by_role("link", name="Bản in một trang A4").click()
    phone.wait_for_url("**/so-sanh/ban-in/?*")
    assert axe_violations(phone) == []
    pdf = phone.pdf(format="A4", print_background=False)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    assert phone.console_errors == []


def test_the_quiz_and_keeping_work_without_javascript(phone_without_javascript, welding):
    page = phone_without_javascript
    welder, area, first, second = welding
    page.goto("/trac-nghiem-so-thich/")
    answer_realistic(page)
    page.get_by_role("button", name="Xem kết quả").click()
    page.wait_for_url("**/trac-nghiem-so-thich/ket-qua/?tl=*")
    page.locator(".quiz-matches a[data-keep]").first.click()  # a plain link without script
    page.wait_for_url(f"**/danh-sach-cua-toi/?nghe={welder.pk}")
    assert "Hàn" in page.locator("main").inner_text()
    page.goto(first.url)
    page.locator("a[data-keep]").click()
    page.wait_for_url(f"**/danh-sach-cua-toi/?ct={first.pk}&nghe={welder.pk}")
    page.get_by_role("button", name="So sánh chương trình đã chọn").click()
    page.wait_for_url(f"**/so-sanh/?ct={first.pk}")
    assert "Hàn cao đẳng" in page.locator("table.compare").inner_text()
