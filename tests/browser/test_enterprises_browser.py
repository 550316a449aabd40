"""On a phone: the enterprise directory, its search without diacritics, an enterprise page and
the partner school it links to, accessible (axe) and without horizontal scrolling."""

import pytest

from institutions.models import Partnership
from tests.browser.conftest import axe_violations
from tests.careers import factories as careers_factories
from tests.institutions import factories

pytestmark = pytest.mark.browser


@pytest.fixture
def enterprise(home_page):
    directory = careers_factories.enterprise_index(home_page)
    area = factories.province("Cần Thơ")
    enterprise = careers_factories.enterprise(
        directory, "Công ty Thực phẩm Miền Tây (mẫu)", province=area, is_sample=True
    )
    careers_factories.enterprise(directory, "Khách sạn Biển Xanh (mẫu)", province=area)
    school = factories.institution(factories.index(home_page), "Trường Cao đẳng Mẫu A")
    school.partnerships.add(Partnership(enterprise=enterprise, internship=True))
    school.save_revision().publish()
    return enterprise


def test_directory_and_enterprise_page_on_a_phone(phone, enterprise):
    phone.goto("/doanh-nghiep/")
    assert axe_violations(phone) == []
    phone.locator("#loc-q").fill("thuc pham")
    phone.locator("form.filters button[type=submit]").click()
    phone.wait_for_url("**/doanh-nghiep/?q=thuc+pham**")
    assert phone.locator(".card__title").all_inner_texts() == ["Công ty Thực phẩm Miền Tây (mẫu)"]
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(phone) == []

    phone.locator(".card__title a").click()
    phone.wait_for_url(f"**{enterprise.url}")
    assert "Dữ liệu mẫu" in phone.content()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(phone) == []
    phone.get_by_role("link", name="Trường Cao đẳng Mẫu A").click()
    phone.wait_for_url("**/truong/truong-cao-dang-mau-a/")
    assert "Công ty Thực phẩm Miền Tây (mẫu)" in phone.content()
    assert phone.console_errors == []
