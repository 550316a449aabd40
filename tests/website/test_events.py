import datetime
import zoneinfo

import pytest
from icalendar import Calendar

from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories
from website.models import Audience, Commune, Structure

pytestmark = pytest.mark.django_db

VIETNAM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def events(home_page):
    return factories.event_index(home_page)


def in_days(days, hour=8):
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def test_upcoming_first_soonest_first_and_past_separately(client, events):
    factories.event(events, title="Ngày hội tháng sau", start=in_days(30))
    factories.event(events, title="Ngày hội tuần sau", start=in_days(7))
    factories.event(events, title="Ngày hội năm ngoái", start=in_days(-300))
    factories.event(events, title="Ngày hội tuần trước", start=in_days(-7))
    html = client.get("/su-kien/").text
    upcoming, past = html.split('id="past-title"')
    assert upcoming.index("Ngày hội tuần sau") < upcoming.index("Ngày hội tháng sau")
    assert "tuần trước" not in upcoming
    assert past.index("Ngày hội tuần trước") < past.index("Ngày hội năm ngoái")


def test_an_event_under_way_is_still_upcoming(client, events):
    factories.event(
        events, title="Đang diễn ra", start=timezone.now() - datetime.timedelta(hours=1)
    )
    upcoming = client.get("/su-kien/").text.split('id="past-title"')[0]
    assert "Đang diễn ra" in upcoming


def test_filter_by_province(client, events):
    can_tho = factories.province("Cần Thơ", "can-tho")
    ha_noi = factories.province("Hà Nội", "ha-noi")
    factories.event(events, title="Ngày hội ở Cần Thơ", province=can_tho)
    factories.event(events, title="Ngày hội ở Hà Nội", province=ha_noi)
    html = client.get("/su-kien/?tinh=can-tho").text
    assert "Ngày hội ở Cần Thơ" in html
    assert "Ngày hội ở Hà Nội" not in html
    assert '<option value="can-tho" selected>' in html


def test_filter_by_month_keeps_events_overlapping_the_month(client, events):
    factories.event(
        events, title="Hội chợ cuối tháng", start=datetime.datetime(2027, 1, 31, 20, tzinfo=VIETNAM)
    )
    factories.event(
        events, title="Hội chợ tháng hai", start=datetime.datetime(2027, 2, 10, 8, tzinfo=VIETNAM)
    )
    january = client.get("/su-kien/?thang=2027-01").text
    assert "Hội chợ cuối tháng" in january
    assert "Hội chợ tháng hai" not in january
    assert "Tháng 02/2027" in january


def test_bad_filters_are_explained_not_fatal(client, events):
    factories.event(events, title="Sự kiện A")
    response = client.get("/su-kien/", {"tinh": "khong-co", "thang": "13/2026", "trang": "x"})
    assert response.status_code == 200
    assert "Không có tỉnh, thành phố “khong-co”." in response.text
    assert "Tháng “13/2026” không hợp lệ" in response.text
    assert "Sự kiện A" in response.text


def test_drafts_are_not_listed(client, events):
    factories.event(events, title="Sự kiện chưa duyệt", live=False)
    assert "Sự kiện chưa duyệt" not in client.get("/su-kien/").text


def test_ics_carries_the_right_times_and_place(client, events):
    start = datetime.datetime(2027, 3, 14, 7, 30, tzinfo=VIETNAM)
    page = factories.event(
        events,
        title="Ngày hội tư vấn tuyển sinh Cần Thơ",
        start=start,
        hours=4,
        venue_name="Nhà thi đấu Ninh Kiều",
        venue_address="Số 1 đường Mẫu",
        province=factories.province("Cần Thơ", "can-tho"),
    )
    response = client.get(page.url + "lich/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar"
    assert f'filename="{page.slug}.ics"' in response["Content-Disposition"]

    calendar = Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert item.decoded("dtstart") == start
    assert item.decoded("dtend") == start + datetime.timedelta(hours=4)
    assert item.decoded("dtstart").utcoffset() == datetime.timedelta(hours=7)
    assert str(item["summary"]) == "Ngày hội tư vấn tuyển sinh Cần Thơ"
    assert str(item["location"]) == "Nhà thi đấu Ninh Kiều, Số 1 đường Mẫu, Thành phố Cần Thơ"
    assert str(item["url"]).endswith(page.url)
    assert calendar.walk("VTIMEZONE"), "the time zone must be described for calendar apps"


def test_event_page_shows_facts_calendar_and_map(client, events):
    audience = Audience.objects.get(slug="phu-huynh")
    page = factories.event(
        events,
        title="Một ngày làm công nhân",
        start=datetime.datetime(2027, 4, 2, 8, tzinfo=VIETNAM),
        hours=3,
        registration_url="https://example.vn/dang-ky",
    )
    page.audiences.add(audience)
    page.participants.create(name="Trường Cao đẳng Mẫu", url="https://example.vn")
    page.save_revision().publish()
    html = client.get(page.url).text
    assert "08:00, 02/04/2027" in html
    assert "11:00" in html
    assert "Phụ huynh" in html
    assert "Trường Cao đẳng Mẫu" in html
    assert 'href="https://example.vn/dang-ky"' in html
    assert f'href="{page.url}lich/"' in html
    assert "Thêm vào lịch" in html
    assert "https://www.openstreetmap.org/search?query=" in html


def test_past_event_keeps_its_report_but_drops_registration(client, events):
    page = factories.event(
        events,
        title="Ngày hội năm trước",
        start=in_days(-30),
        registration_url="https://example.vn/dang-ky",
        report=[("paragraph", "<p>Hơn 2.000 học sinh đã tham dự.</p>")],
    )
    html = client.get(page.url).text
    assert "Đã diễn ra" in html
    assert "Hơn 2.000 học sinh đã tham dự." in html
    assert "dang-ky" not in html
    assert "Thêm vào lịch" not in html


def test_online_event_needs_no_venue(client, events):
    page = factories.event(
        events, title="Tư vấn trực tuyến", venue_name="", online_url="https://meet.example.vn/abc"
    )
    html = client.get(page.url).text
    assert "Trực tuyến" in html
    assert "https://meet.example.vn/abc" in html
    assert "openstreetmap" not in html
    ics = Calendar.from_ical(client.get(page.url + "lich/").content)
    assert str(ics.walk("VEVENT")[0]["location"]) == "https://meet.example.vn/abc"


def test_validation_messages_are_vietnamese(events):
    ha_noi = factories.province("Hà Nội", "ha-noi")
    can_tho = factories.province("Cần Thơ", "can-tho")
    commune = Commune.objects.create(
        structure=Structure.CURRENT,
        code="31117",
        name="Phường Ninh Kiều",
        short_name="Ninh Kiều",
        province=can_tho,
    )
    page = factories.event(events, province=ha_noi)
    page.end = page.start - datetime.timedelta(hours=1)
    page.commune = commune
    page.venue_name = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    messages = error.value.message_dict
    assert messages["end"] == ["Thời gian kết thúc phải sau thời gian bắt đầu."]
    assert messages["commune"] == ["Xã, phường này không thuộc tỉnh, thành phố đã chọn."]
    assert messages["venue_name"] == ["Cần có địa điểm hoặc đường dẫn tham gia trực tuyến."]
