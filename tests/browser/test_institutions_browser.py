"""A school's staff member updates a fee and submits; an editor approves; the page shows it."""

import pytest

from django.contrib.auth.models import Group, User

from institutions.accounts import create_school_account
from tests.browser.conftest import PASSWORD, axe_violations, log_in
from tests.institutions import factories
from website.roles import EDITORS

pytestmark = pytest.mark.browser


@pytest.fixture
def school(home_page):
    index = factories.index(home_page)
    area = factories.province("Cần Thơ")
    school = factories.institution(index, "Trường Cao đẳng Mẫu A", province=area, is_sample=True)
    programme = factories.programme(school, "Điện công nghiệp", code="6520227", tuition=1_200_000)
    create_school_account(school, "canbo-a", password=PASSWORD)
    editor = User.objects.create_user("bientap-thu", password=PASSWORD)
    editor.groups.add(Group.objects.get(name=EDITORS))
    return school, programme


def test_staff_update_a_fee_editor_publishes_public_page_shows_it(desktop, school):
    school_page, programme = school
    log_in(desktop, "canbo-a")
    desktop.goto(f"/admin/pages/{programme.pk}/edit/")
    desktop.locator("#id_tuition").fill("1350000")
    desktop.locator("button[name=action-submit]").dispatch_event("click")
    desktop.wait_for_url(f"**/admin/pages/{school_page.pk}/")
    desktop.goto(programme.url)
    assert "1.200.000 đồng/tháng" in desktop.content()  # not live before review

    desktop.context.clear_cookies()
    log_in(desktop, "bientap-thu")
    desktop.goto(f"/admin/pages/{programme.pk}/edit/")
    desktop.locator("button[data-workflow-action-name=approve]").first.dispatch_event("click")
    desktop.wait_for_url(f"**/admin/pages/{school_page.pk}/")
    desktop.context.clear_cookies()
    desktop.goto(programme.url)
    assert "1.350.000 đồng/tháng" in desktop.content()
    csp_errors = [error for error in desktop.console_errors if "Content Security Policy" in error]
    assert csp_errors == []


def test_institution_pages_on_a_phone_are_accessible(phone, school):
    school_page, programme = school
    for url in (school_page.get_parent().url, school_page.url, programme.url):
        phone.goto(url)
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url
        assert axe_violations(phone) == [], url
    assert phone.console_errors == []
