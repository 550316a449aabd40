import pytest

from tests.careers import factories as careers

pytestmark = pytest.mark.browser


@pytest.fixture
def occupations(home_page):
    index = careers.occupation_index(home_page)
    careers.occupation(index, title="Điện công nghiệp", slug="dien-cong-nghiep")
    careers.occupation(index, title="Điện dân dụng", slug="dien-dan-dung")
    careers.occupation(index, title="Kế toán doanh nghiệp", slug="ke-toan", levels=("cao-dang",))
    return index


def test_a_parent_searches_from_the_header_without_diacritics(phone, occupations):
    phone.goto("/")
    phone.get_by_role("searchbox", name="Tìm nghề, chương trình học").fill("dien")
    phone.get_by_role("search").get_by_role("button", name="Tìm").click()
    phone.wait_for_url("**/tim-kiem/?q=dien*")
    results = phone.locator("main")
    assert results.get_by_role("link", name="Điện công nghiệp", exact=True).is_visible()
    assert results.get_by_role("link", name="Điện dân dụng", exact=True).is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    from tests.browser.conftest import axe_violations

    assert axe_violations(phone) == []
    assert phone.console_errors == []
