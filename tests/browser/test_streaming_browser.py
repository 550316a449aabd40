import pytest

from careers.streaming.demo import STREAMING_DEMO
from tests.browser.conftest import axe_violations
from website.adminunits import load_admin_units
from website.demo import load_demo

pytestmark = pytest.mark.browser


def test_an_official_reads_the_streaming_dashboard_on_a_phone(phone, home_page):
    load_admin_units()
    load_demo(STREAMING_DEMO)

    phone.goto("/thong-ke/phan-luong/?tinh=tay-ninh&nam=2025&cap=THCS")
    assert phone.get_by_text("Thành phố Tân An").first.is_visible()
    assert phone.get_by_text("40,21").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(phone) == []
    assert phone.console_errors == []


def test_school_plans_page_reads_on_a_phone(phone, home_page):
    load_admin_units()
    load_demo(STREAMING_DEMO)

    phone.goto("/thong-ke/phan-luong/truong/")
    heading = "Trường THCS Tân Thắng (An Lão), năm học 2023-2024"
    assert phone.get_by_role("heading", name=heading).is_visible()
    assert phone.get_by_text("≥ 1 lần/năm").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert axe_violations(phone) == []
    assert phone.console_errors == []
