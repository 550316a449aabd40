"""The aspiration survey end to end in Chromium on a phone (390 px): a counsellor opens a round
and a class, a student answers through the class link with no account, the counsellor and the
district officer see the answer counted, and the streaming page shows it beside the target."""

import datetime

import pytest
from playwright.sync_api import expect

from django.contrib.auth.models import User
from django.utils import timezone

from careers.streaming.access import ensure_officer_group
from careers.streaming.demo import STREAMING_DEMO
from careers.survey.access import create_counsellor
from careers.survey.models import GeneralSchool, SurveyRound
from tests.browser.conftest import PASSWORD, PHONE, axe_violations, log_in, new_page
from tests.survey import factories
from website.adminunits import load_admin_units
from website.demo import load_demo
from website.models.areas import District, Province

pytestmark = pytest.mark.browser

RESULTS = "/admin/khao-sat/ket-qua/?mau=nguyen-vong-sau-thcs&nam=2025"


@pytest.fixture
def tan_an(home_page):
    """Tây Ninh's streaming figures (the demo's: Tân An's 2025 target), a THCS school in the
    legacy district of Tân An, its counsellor, and the district's data officer."""
    load_admin_units()
    load_demo(STREAMING_DEMO)
    factories.fields()
    district = District.objects.get(short_name="Tân An", province__short_name="Long An")
    school = GeneralSchool.objects.create(
        name="Trường THCS Thử Nghiệm Tân An",
        level="thcs",
        province=Province.objects.get(structure="2025", slug="tay-ninh"),
        district=district,
    )
    create_counsellor("gvtv-trinh-duyet", school, password=PASSWORD)
    officer = User.objects.create_user("phong-gd-tan-an", password=PASSWORD)
    officer.groups.add(ensure_officer_group(district=district))
    return school


def cell_text(page, selector):
    return page.locator(selector).first.inner_text().strip()


def test_a_round_answered_on_a_phone_is_counted_up_to_the_streaming_page(
    browser, live_server, phone, tan_an
):
    today = timezone.localdate()
    # The counsellor opens the round of school year 2024-2025 and a class, on a phone.
    log_in(phone, "gvtv-trinh-duyet")
    phone.goto("/admin/khao-sat/")
    phone.get_by_label("Mẫu phiếu").select_option(label="Nguyện vọng sau tốt nghiệp THCS")
    phone.get_by_label("Năm học kết thúc").fill("2025")
    phone.get_by_label("Mở từ ngày").fill(f"{today - datetime.timedelta(days=1):%Y-%m-%d}")
    phone.get_by_label("Đóng sau ngày").fill(f"{today + datetime.timedelta(days=14):%Y-%m-%d}")
    phone.get_by_label("Giữ yêu cầu liên hệ đến hết ngày").fill(
        f"{today + datetime.timedelta(days=90):%Y-%m-%d}"
    )
    phone.get_by_role("button", name="Mở đợt").click()
    expect(phone.get_by_text("Đã mở đợt khảo sát.")).to_be_visible()
    phone.get_by_label("Lớp").fill("9A1")
    phone.get_by_label("Sĩ số").fill("40")
    phone.get_by_role("button", name="Thêm lớp").click()
    expect(phone.get_by_text("Đã thêm lớp 9A1.")).to_be_visible()
    link = phone.locator("a[href*='/khao-sat/']", has_text="/khao-sat/").first.get_attribute("href")
    class_path = "/khao-sat/" + link.split("/khao-sat/", 1)[1]

    # Five classmates of 9A2 answered on paper earlier (4 trung cấp, 1 THPT công lập), so the
    # district's cells reach 5.
    survey_round = SurveyRound.objects.get(school=tan_an)
    earlier = factories.survey_class(survey_round, "9A2")
    factories.answers(earlier, "trung-cap", 4, extra=[("fields", "51")])
    factories.answers(earlier, "thpt-cong-lap", 1)

    # The student: another phone, no account, through the class link.
    context, student = new_page(browser, live_server.url, PHONE)
    try:
        student.goto(class_path)
        expect(
            student.get_by_role("heading", name="Nguyện vọng sau tốt nghiệp THCS")
        ).to_be_visible()
        assert axe_violations(student) == []
        assert student.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        student.get_by_label("Học trung cấp", exact=True).check()
        student.get_by_label("Công nghệ kỹ thuật").check()
        student.get_by_label("Chi phí học").check()
        student.get_by_role("button", name="Gửi phiếu").click()
        expect(student.get_by_role("heading", name="Cảm ơn em đã trả lời!")).to_be_visible()
        assert axe_violations(student) == []
        assert student.console_errors == []

        # The streaming page (public) shows the intended share beside Tân An's target.
        student.goto("/thong-ke/phan-luong/?tinh=tay-ninh&nam=2025&cap=THCS")
        section = student.locator("#du-dinh-thcs")
        row = section.locator("tr", has=student.get_by_role("rowheader", name="Thành phố Tân An"))
        section.locator("summary").click()
        expect(row.locator("td").nth(0)).to_have_text("40,21 %")
        expect(row.locator("td.intended-share")).to_have_text("83,3 %")  # 5 of 6
        expect(row.locator("td").nth(2)).to_have_text("6")
        expect(section.get_by_text("Số phiếu tính đến")).to_be_visible()
    finally:
        context.close()

    # The counsellor sees the class's answer and the school's six.
    phone.goto(f"/admin/khao-sat/dot/{survey_round.pk}/")
    class_row = phone.locator("tr", has=phone.get_by_role("cell", name="9A1", exact=True))
    expect(class_row.locator("td.survey-count")).to_have_text("1")
    phone.goto(RESULTS)
    expect(phone.locator("td.survey-total")).to_contain_text("6")

    # The district officer sees the district's six, by school.
    context, officer = new_page(browser, live_server.url, PHONE)
    try:
        log_in(officer, "phong-gd-tan-an")
        officer.goto(RESULTS)
        expect(officer.locator("td.survey-total")).to_contain_text("6")
        expect(officer.locator("td.survey-vocational")).to_contain_text("5")
        expect(
            officer.get_by_role("rowheader", name="Trường THCS Thử Nghiệm Tân An")
        ).to_be_visible()
    finally:
        context.close()
