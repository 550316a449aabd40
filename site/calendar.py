"""Events as iCalendar (RFC 5545) files for "Thêm vào lịch"."""

from icalendar import Calendar, Event, vText

from django.utils import timezone
from django.utils.translation import gettext as _


def event_to_ics(event, request):
    calendar = Calendar()
    calendar.add("prodid", "-//Huong nghiep//Su kien//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    url = event.get_full_url(request)
    item = Event()
    item.add("uid", f"event-{event.pk}@{request.get_host()}")
    item.add("dtstamp", timezone.now())
    item.add("dtstart", timezone.localtime(event.start))
    item.add("dtend", timezone.localtime(event.end))
    sample = _("Dữ liệu mẫu: sự kiện minh họa, không có thật.") if event.is_sample else ""
    item.add("summary", f"[{_('Dữ liệu mẫu')}] {event.title}" if sample else event.title)
    organiser = _("Đơn vị tổ chức: %(organiser)s") % {"organiser": event.organiser}
    parts = (sample, event.lead, organiser, url)
    item.add("description", "\n\n".join(part for part in parts if part))
    item["location"] = vText(event.place if event.venue_name else event.online_url)
    item.add("url", url)
    if event.last_published_at:
        item.add("last-modified", event.last_published_at)
    calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
