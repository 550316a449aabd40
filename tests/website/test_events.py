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


@pytest.fixture
def school(home_page):
    from tests.institutions import factories as school_factories

    index = school_factories.index(home_page)
    return school_factories.institution(
        index, "Trường Cao đẳng Kỹ thuật Mẫu Cần Thơ", province=factories.province()
    )


def test_participants_come_from_the_directory_and_link_to_the_school(client, events, school):
    page = factories.event(events, title="Ngày hội Cần Thơ")
    page.participants.create(institution=school)
    page.participants.create(name="Trường THCS Mẫu A")
    page.participants.create(name="Công ty Mẫu", url="https://example.vn")
    page.save_revision().publish()
    html = client.get(page.url).text
    assert f'<a href="{school.url}">Trường Cao đẳng Kỹ thuật Mẫu Cần Thơ</a>' in html
    assert "<li>Trường THCS Mẫu A</li>" in html
    assert '<a href="https://example.vn" rel="noopener">Công ty Mẫu</a>' in html

    school.unpublish()
    html = client.get(page.url).text
    assert "<li>Trường Cao đẳng Kỹ thuật Mẫu Cần Thơ</li>" in html  # no link to a hidden page


def test_a_participant_is_a_school_or_a_name_not_both_nor_neither(events, school):
    from website.models import EventParticipant

    page = factories.event(events)
    with pytest.raises(ValidationError) as both:
        EventParticipant(page=page, institution=school, name="Trường khác").full_clean()
    assert "để trống tên đơn vị ngoài danh bạ" in str(both.value)
    with pytest.raises(ValidationError) as neither:
        EventParticipant(page=page, name=" ").full_clean()
    assert "Chọn một trường hoặc doanh nghiệp trong danh bạ" in str(neither.value)


def test_the_editor_chooses_participants_from_the_directory(admin_client, events, school):
    from wagtail.admin.widgets import AdminPageChooser

    html = admin_client.get(f"/admin/pages/add/website/eventpage/{events.pk}/").text
    assert "Trường trong danh bạ" in html and "Tên đơn vị ngoài danh bạ" in html
    form_class = factories.EventPage.get_edit_handler().get_form_class()
    widget = form_class.formsets["participants"].form.base_fields["institution"].widget
    assert isinstance(widget, AdminPageChooser)
    assert [model.__name__ for model in widget.target_models] == ["InstitutionPage"]


def test_the_migration_links_free_text_participants_that_match_a_school(events, school):
    import importlib

    from django.apps import apps

    from website.models import EventParticipant

    migration = importlib.import_module("website.migrations.0005_editors_link_participants")
    page = factories.event(events)
    page.participants.create(name="TRƯỜNG CAO ĐẲNG KỸ THUẬT MẪU CẦN THƠ")
    page.participants.create(name="Trường THCS Mẫu A")
    page.save_revision().publish()

    migration.link(apps, None)

    linked, free = EventParticipant.objects.filter(page=page).order_by("sort_order", "pk")
    assert (linked.institution_id, linked.name) == (school.pk, "")
    assert (free.institution_id, free.name) == (None, "Trường THCS Mẫu A")
    page = factories.EventPage.objects.get(pk=page.pk)
    rows = page.get_latest_revision().content["participants"]
    assert [(row["institution"], row["name"]) for row in rows] == [
        (school.pk, ""),
        (None, "Trường THCS Mẫu A"),
    ]
    editing = page.get_latest_revision_as_object()
    assert sorted(p.title for p in editing.participants.all()) == sorted(
        [school.title, "Trường THCS Mẫu A"]
    )

    migration.unlink(apps, None)
    assert sorted(
        EventParticipant.objects.filter(page=page).values_list("name", flat=True)
    ) == sorted([school.title, "Trường THCS Mẫu A"])
