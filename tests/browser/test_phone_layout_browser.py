"""On a 390 px phone: search results come first (filters behind "Lọc"), one search box, every
menu item on screen, wide tables in a focusable region that scrolls — axe finds nothing."""

import pytest

from careers.models import TrainingField
from tests import factories
from tests.browser.conftest import axe_violations
from tests.careers import factories as careers
from tests.institutions import factories as schools
from tests.website.test_wide_tables import comparison_page

pytestmark = pytest.mark.browser

PHONE_HEIGHT = 844


@pytest.fixture
def occupations(home_page):
    index = careers.occupation_index(home_page)
    field = TrainingField.objects.get(code="52")
    for number, title in enumerate(
        ["Điện công nghiệp", "Điện dân dụng", "Điện tử công nghiệp", "Điện lạnh", "Cơ điện tử"]
    ):
        careers.occupation(
            index,
            title=title,
            slug=f"nghe-{number}",
            levels=("trung-cap", "cao-dang") if number % 2 else ("so-cap",),
            training_field=field,
        )
    return index


def top(page, selector):
    return page.locator(selector).first.bounding_box()["y"]


def test_results_come_first_on_a_phone_with_the_filters_behind_loc(phone, occupations):
    phone.goto("/tim-kiem/?q=dien&trinh-do=cao-dang")
    # One search box: the header's is not shown on the search page.
    assert phone.locator("input[type=search]:visible").count() == 1
    filters = phone.locator("details[data-search-filters]")
    assert not filters.evaluate("details => details.open")
    assert phone.locator(".search-facets fieldset").first.is_hidden()
    # The count and the selected filter (a removable chip) above the first result, which is
    # on the first screen.
    count = phone.locator(".search-count")
    assert count.inner_text().startswith("2 nghề")
    chip = phone.get_by_role("link", name="Bỏ lọc Trình độ đào tạo: Cao đẳng")
    assert chip.is_visible()
    first_hit = top(phone, ".search-hits a")
    assert top(phone, ".search-count") < top(phone, ".search-chips") < first_hit
    assert first_hit < PHONE_HEIGHT
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(phone) == []

    phone.locator("summary", has_text="Lọc").click()
    assert phone.locator(".search-facets fieldset").first.is_visible()
    assert axe_violations(phone) == []
    phone.get_by_label("Trung cấp").check()  # applies at once with JavaScript
    phone.wait_for_url("**trinh-do=trung-cap*")
    phone.wait_for_function("document.querySelector('.search-count').textContent.includes('2')")
    assert phone.get_by_role("link", name="Bỏ lọc Trình độ đào tạo: Trung cấp").is_visible()
    assert phone.console_errors == []


def test_the_filters_work_without_javascript(phone_without_javascript, occupations):
    page = phone_without_javascript
    page.goto("/tim-kiem/?q=dien")
    assert page.locator("input[type=search]:visible").count() == 1
    assert top(page, ".search-hits a") < PHONE_HEIGHT
    page.locator("summary", has_text="Lọc").click()  # <details>: no script needed
    page.get_by_label("Sơ cấp").check()
    page.get_by_role("button", name="Áp dụng bộ lọc").click()
    page.wait_for_url("**trinh-do=so-cap*")
    assert page.locator(".search-count").inner_text().startswith("3 nghề")
    assert page.get_by_role("link", name="Bỏ lọc Trình độ đào tạo: Sơ cấp").is_visible()
    # (axe needs JavaScript; the same markup is checked with it above.)


MENU = [
    "Nghề nghiệp",
    "Trường học",
    "Sau lớp 9",
    "Sau lớp 12",
    "Chính sách hỗ trợ",
    "Sự kiện",
    "Tin tức",
    "Thị trường lao động",
    "Thống kê phân luồng",
]


@pytest.fixture
def nine_sections(home_page):
    for number, title in enumerate(MENU):
        factories.standard(home_page, title=title, slug=f"muc-{number}", show_in_menus=True)


def test_every_menu_item_is_on_a_phone_screen(phone, nine_sections):
    phone.goto("/")
    links = phone.locator(".main-menu a")
    assert links.count() >= 9
    for number in range(links.count()):
        box = links.nth(number).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, links.nth(number).inner_text()
    assert phone.evaluate(
        "(() => { const ul = document.querySelector('.main-menu ul');"
        " return ul.scrollWidth <= ul.clientWidth; })()"
    )
    assert axe_violations(phone) == []


def assert_wide_table_region(page, name):
    region = page.get_by_role("region", name=name)
    assert region.get_attribute("tabindex") == "0"
    region.focus()
    assert region.evaluate("region => document.activeElement === region")
    # The page itself never scrolls sideways; the region does, and says so.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if region.evaluate("region => region.scrollWidth > region.clientWidth"):
        hint = page.locator("#" + region.get_attribute("aria-describedby"))
        assert hint.is_visible()
        assert "vuốt sang ngang" in hint.inner_text()
    # No word-per-line wrapping: a cell of several words keeps two or more on a line.
    for cell in region.locator("th, td").all():
        words, lines = cell.evaluate(
            """cell => {
                const text = document.createRange();
                text.selectNodeContents(cell);
                const line = parseFloat(getComputedStyle(cell).lineHeight);
                return [cell.innerText.split(/\\s+/).filter(Boolean).length,
                        Math.round(text.getBoundingClientRect().height / line)];
            }"""
        )
        if words >= 3:
            assert lines <= (words + 1) // 2, (cell.inner_text(), words, lines)
    return region


def test_the_school_employment_table_scrolls_in_a_labelled_region(phone, home_page):
    index = schools.index(home_page)
    school = schools.institution(index, outcomes=3)
    phone.goto(school.url)
    region = assert_wide_table_region(phone, "Tỉ lệ có việc làm sau tốt nghiệp, theo năm và ngành")
    assert region.evaluate("region => region.scrollWidth > region.clientWidth")
    assert axe_violations(phone) == []


def test_the_after_grade_9_comparison_scrolls_in_a_labelled_region(phone, home_page):
    rows = [
        ["Con đường", "Học ở đâu", "Thời gian thường gặp", "Văn bằng, chứng chỉ"],
        ["THPT", "Trường THPT công lập, tư thục", "3 năm", "Bằng tốt nghiệp THPT"],
        ["Trung cấp", "Trường trung cấp, cao đẳng", "1–2 năm học", "Bằng tốt nghiệp trung cấp"],
    ]
    comparison_page(home_page, rows)
    phone.goto("/sau-lop-9/")
    assert_wide_table_region(phone, "So sánh các con đường sau lớp 9")
    assert axe_violations(phone) == []
    assert phone.console_errors == []
