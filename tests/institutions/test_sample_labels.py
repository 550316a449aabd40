"""Sample data is labelled wherever it is shown: the schools and programmes list of an
occupation page, and the calendar file of a sample event."""

import re

import pytest
from icalendar import Calendar

from tests.institutions import factories

pytestmark = pytest.mark.django_db


def test_occupation_page_labels_programmes_of_sample_schools(client, school_a, occupation):
    sample_school = factories.institution(
        school_a.get_parent(), title="Trường Trung cấp Mẫu", is_sample=True
    )
    factories.programme(school_a, "Điện công nghiệp", occupations=[occupation])
    factories.programme(sample_school, "Điện dân dụng", occupations=[occupation])
    html = client.get(occupation.url).content.decode()
    items = dict(re.findall(r'<li><a href="[^"]*">([^<]+)</a>(.*?)</li>', html, flags=re.S))
    assert "dữ liệu mẫu" in items["Điện dân dụng"]
    assert "dữ liệu mẫu" not in items["Điện công nghiệp"]


def test_the_calendar_file_of_a_sample_event_says_it_is_sample(client, home_page):
    from tests import factories as site_factories

    events = site_factories.event_index(home_page)
    sample = site_factories.event(events, title="Ngày hội mẫu", is_sample=True)
    real = site_factories.event(events, title="Ngày hội thật")
    (item,) = Calendar.from_ical(client.get(sample.url + "lich/").content).walk("VEVENT")
    assert str(item["summary"]) == "[Dữ liệu mẫu] Ngày hội mẫu"
    assert str(item["description"]).startswith("Dữ liệu mẫu: sự kiện minh họa, không có thật.")
    (item,) = Calendar.from_ical(client.get(real.url + "lich/").content).walk("VEVENT")
    assert str(item["summary"]) == "Ngày hội thật"
    assert "Dữ liệu mẫu" not in str(item["description"])
