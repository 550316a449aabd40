"""The admin in Chromium: what an editor sees while typing."""

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import Group, User

from tests import factories
from tests.browser.conftest import PASSWORD, log_in
from website.roles import EDITORS

pytestmark = pytest.mark.browser


@pytest.fixture
def editor(home_page):
    user = User.objects.create_user("bientap-trinh-duyet", password=PASSWORD)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


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


def test_the_commune_chooser_searches_the_chosen_provinces_communes(desktop, editor, home_page):
    from website.models import Commune, Province, Structure

    events = factories.event_index(home_page)
    can_tho = factories.province("Cần Thơ", "can-tho")
    ha_noi = factories.province("Hà Nội", "ha-noi")
    factories.province("Long An", "long-an", structure=Structure.LEGACY)
    for code, name, province in [
        ("31135", "Phường Ninh Kiều", can_tho),
        ("31136", "Phường Cái Khế", can_tho),
        ("00166", "Phường Cầu Giấy", ha_noi),
    ]:
        Commune.objects.create(
            structure=Structure.CURRENT,
            code=code,
            name=name,
            short_name=name.removeprefix("Phường "),
            province=province,
        )
    assert Province.objects.count() == 3
    log_in(desktop, editor.username)
    desktop.goto(f"/admin/pages/add/website/eventpage/{events.pk}/")

    desktop.get_by_role("button", name="Chọn tỉnh, thành phố").click()
    modal = desktop.locator(".modal-dialog")
    modal.get_by_placeholder("Có dấu hoặc không dấu").fill("can tho")
    expect(modal.locator("[data-chooser-modal-choice]")).to_have_text(["Thành phố Cần Thơ"])
    modal.locator("[data-chooser-modal-choice]").click()
    expect(desktop.locator("#id_province")).to_have_value(str(can_tho.pk))

    desktop.get_by_role("button", name="Chọn xã, phường").click()
    modal = desktop.locator(".modal-dialog")
    choices = modal.locator("[data-chooser-modal-choice]")
    expect(choices).to_have_count(2)  # Cần Thơ's communes, not Hà Nội's
    modal.get_by_placeholder("Có dấu hoặc không dấu").fill("cai khe")
    expect(choices).to_have_text(["Phường Cái Khế, Cần Thơ"])
    csp_errors = [error for error in desktop.console_errors if "Content Security Policy" in error]
    assert csp_errors == []
