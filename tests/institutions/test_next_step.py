"""The next step to apply, on every programme and school page, from the school's profile."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import timezone

from tests import factories as site_factories
from tests.institutions import factories
from website.models import EventParticipant

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(index):
    return factories.institution(
        index,
        title="Trường Cao đẳng Mẫu Bước Tiếp",
        admissions_zalo="0912345678",
        apply_how="Điền phiếu đăng ký tại phòng tuyển sinh\nXét tuyển theo học bạ",
        apply_documents="Bản sao học bạ\n2 ảnh 3×4",
        apply_url="https://example.com/nop-ho-so",
    )


def test_a_programme_page_says_how_to_apply_and_whether_it_is_open_now(client, school):
    today = timezone.localdate()
    programme = factories.programme(
        school,
        admission_start=today - datetime.timedelta(days=3),
        admission_end=today + datetime.timedelta(days=30),
    )
    html = client.get(programme.url).text
    section = html[html.index('id="nop-ho-so"') :]
    assert "Bước tiếp theo: nộp hồ sơ" in section and "Đang nhận hồ sơ" in section
    end = (today + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    assert f"– {end}" in section
    assert "<li>Điền phiếu đăng ký tại phòng tuyển sinh</li>" in section
    assert "<li>Bản sao học bạ</li>" in section
    assert 'href="tel:0292000000"' in section
    assert 'href="https://zalo.me/0912345678"' in section
    assert 'href="mailto:tuyensinh@example.com"' in section
    assert 'href="https://example.com/nop-ho-so"' in section


def test_a_school_page_gives_the_period_of_its_programmes_and_the_fairs_it_attends(
    client, home_page, school
):
    factories.programme(
        school,
        admission_start=datetime.date(2030, 3, 1),
        admission_end=datetime.date(2030, 6, 30),
    )
    factories.programme(
        school,
        title="Hàn",
        admission_start=datetime.date(2030, 5, 1),
        admission_end=datetime.date(2030, 9, 30),
    )
    events = site_factories.event_index(home_page)
    other = site_factories.event(events, title="Ngày hội của trường khác", province=school.province)
    fair = site_factories.event(
        events, title="Ngày hội tuyển sinh Cần Thơ 2030", province=school.province
    )
    EventParticipant.objects.create(page=fair, institution=school)
    # A free-text name is an organisation outside the directory, even when it reads the same.
    EventParticipant.objects.create(page=other, name=school.title)
    EventParticipant.objects.create(page=other, name="Trường Trung cấp Khác")
    html = client.get(school.url).text
    section = html[html.index('id="nop-ho-so"') :]
    assert "Hiện chưa nhận hồ sơ" in section
    assert "Thời gian nhận hồ sơ: 01/03/2030 – 30/09/2030." in section
    assert "Ngày hội tuyển sinh Cần Thơ 2030" in section
    assert "Ngày hội của trường khác" not in section


def test_a_school_that_has_not_said_is_told_plainly(client, index):
    school = factories.institution(index, title="Trường Chưa Cập Nhật")
    html = client.get(school.url).text
    section = html[html.index('id="nop-ho-so"') :]
    assert "Trường chưa công bố thời gian nhận hồ sơ." in section
    assert "Chưa có ngày hội sắp tới có trường tham gia." in section


@pytest.mark.parametrize("number", ["12345", "+84912345678", "0912 345 678", "09123456789012"])
def test_a_zalo_number_is_a_phone_number(school, number):
    school.admissions_zalo = number
    with pytest.raises(ValidationError) as error:
        school.full_clean()
    assert "admissions_zalo" in error.value.message_dict
