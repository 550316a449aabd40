"""The admin in Chromium: what an editor sees while typing."""

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group, User

from tests import factories
from website.roles import EDITORS

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-thu-nghiem"


@pytest.fixture
def editor(home_page):
    user = User.objects.create_user("bientap-trinh-duyet", password=PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def log_in(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def test_the_slug_typed_with_the_title_is_vietnamese(desktop, editor, home_page):
    news = factories.news_index(home_page)
    log_in(desktop, editor.username)
    desktop.goto(f"/admin/pages/add/website/newspage/{news.pk}/")
    title = desktop.locator("#id_title")
    title.press_sequentially("Ngày hội tư vấn tuyển sinh Hà Nội – Đợt 2")
    slug = desktop.locator("#id_slug")
    expect(slug).to_have_value("ngay-hoi-tu-van-tuyen-sinh-ha-noi-dot-2")
    title.blur()
    expect(slug).to_have_value("ngay-hoi-tu-van-tuyen-sinh-ha-noi-dot-2")
    csp_errors = [error for error in desktop.console_errors if "Content Security Policy" in error]
    assert csp_errors == []
