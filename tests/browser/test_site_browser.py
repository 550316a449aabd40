import datetime

import pytest
from icalendar import Calendar

from django.contrib.auth.models import User
from django.utils import timezone

from tests import factories
from tests.browser.conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def site_with_events(home_page):
    events = factories.event_index(home_page)
    events.show_in_menus = True
    events.save_revision().publish()
    news = factories.news_index(home_page)
    news.show_in_menus = True
    news.save_revision().publish()
    factories.news(news, title="Trường nghề mở ngành mới")
    soon = timezone.now() + datetime.timedelta(days=10)
    factories.event(
        events,
        title="Ngày hội tuyển sinh Cần Thơ",
        start=soon,
        province=factories.province("Cần Thơ", "can-tho"),
        is_sample=True,
    )
    factories.event(
        events,
        title="Ngày hội hướng nghiệp Hà Nội",
        start=soon + datetime.timedelta(days=3),
        province=factories.province("Hà Nội", "ha-noi"),
    )
    factories.event(
        events,
        title="Ngày hội năm ngoái",
        start=timezone.now() - datetime.timedelta(days=200),
        province=factories.province("Hà Nội", "ha-noi"),
    )
    return events


def fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_student_on_a_phone_finds_an_event_and_adds_it_to_the_calendar(phone, site_with_events):
    phone.goto("/")
    assert fits_the_screen(phone)
    assert axe_violations(phone) == []

    phone.get_by_role("navigation", name="Mục chính").get_by_role("link", name="Sự kiện").click()
    assert phone.get_by_role("heading", name="Sắp diễn ra").is_visible()
    assert axe_violations(phone) == []

    phone.get_by_label("Tỉnh, thành phố").select_option("can-tho")
    phone.wait_for_url("**/su-kien/?tinh=can-tho*")
    assert phone.get_by_role("link", name="Ngày hội tuyển sinh Cần Thơ").is_visible()
    assert phone.get_by_role("link", name="Ngày hội hướng nghiệp Hà Nội").count() == 0

    phone.get_by_role("link", name="Ngày hội tuyển sinh Cần Thơ").click()
    assert phone.get_by_text("Dữ liệu mẫu").first.is_visible()
    assert fits_the_screen(phone)
    assert axe_violations(phone) == []
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Thêm vào lịch").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    with open(download.path(), "rb") as ics:
        (event,) = Calendar.from_ical(ics.read()).walk("VEVENT")
    assert str(event["summary"]) == "[Dữ liệu mẫu] Ngày hội tuyển sinh Cần Thơ"
    assert phone.console_errors == []


def test_event_filters_work_without_javascript(phone_without_javascript, site_with_events):
    page = phone_without_javascript
    page.goto("/su-kien/")
    page.get_by_label("Tỉnh, thành phố").select_option("ha-noi")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/su-kien/?tinh=ha-noi*")
    upcoming = page.locator("section", has=page.get_by_role("heading", name="Sắp diễn ra"))
    assert upcoming.get_by_role("link", name="Ngày hội hướng nghiệp Hà Nội").is_visible()
    assert upcoming.get_by_role("link", name="Ngày hội tuyển sinh Cần Thơ").count() == 0
    past = page.locator("section", has=page.get_by_role("heading", name="Đã diễn ra"))
    assert past.get_by_role("link", name="Ngày hội năm ngoái").is_visible()


def test_news_list_is_accessible(phone, site_with_events):
    phone.goto("/tin-tuc/")
    assert phone.get_by_role("link", name="Trường nghề mở ngành mới").is_visible()
    assert axe_violations(phone) == []
    assert phone.console_errors == []


def test_the_admin_works_under_the_content_security_policy(desktop, site_with_events):
    User.objects.create_superuser("quantri-test", password="mat-khau-thu-nghiem")
    desktop.goto("/admin/login/")
    desktop.locator("#id_username").fill("quantri-test")
    desktop.locator("#id_password").fill("mat-khau-thu-nghiem")
    desktop.locator("form button[type=submit]").click()
    desktop.wait_for_url("**/admin/")
    desktop.goto(
        f"/admin/pages/add/website/newspage/{factories.news_index(site_with_events.get_parent()).pk}/"
    )
    desktop.locator("#id_title").fill("Tin viết trong trình duyệt")
    # the date pickers were set up (each adds its calendar, hidden until used)
    assert desktop.locator(".xdsoft_datetimepicker").count() >= 1
    desktop.get_by_role("button", name="Chọn hình ảnh").first.click()
    desktop.locator(".modal-dialog").wait_for(state="visible")

    desktop.goto(f"/admin/pages/add/website/eventpage/{site_with_events.pk}/")
    desktop.locator("#id_participants-ADD").click()
    desktop.locator("#id_participants-0-name").wait_for(state="visible")
    csp_errors = [error for error in desktop.console_errors if "Content Security Policy" in error]
    assert csp_errors == []
