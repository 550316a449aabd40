"""Events as iCalendar (RFC 5545) files for "Thêm vào lịch"."""

from icalendar import Calendar, Event, vText

from django.utils import timezone


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
    item.add("summary", event.title)
    organiser = f"Đơn vị tổ chức: {event.organiser}"
    item.add("description", "\n\n".join(part for part in (event.lead, organiser, url) if part))
    item["location"] = vText(event.place if event.venue_name else event.online_url)
    item.add("url", url)
    if event.last_published_at:
        item.add("last-modified", event.last_published_at)
    calendar.add_component(item)
    calendar.add_missing_timezones()
    return calendar.to_ical()
