"""Contact requests: only with a parent's phone and consent, seen only by the chosen schools,
withdrawn by a link, not shown after the retention date and then deleted from the database."""

import datetime
import re

import pytest

from django.core.management import call_command
from django.utils import timezone

from careers.survey.models import ContactRequest, SurveyAnswer
from institutions.accounts import create_school_account
from tests.institutions import factories as institution_factories

pytestmark = pytest.mark.django_db

ANSWER = {"route": "trung-cap", "fields": ["51"]}


@pytest.fixture
def vocational(home_page, area):
    """Two vocational schools of the survey's province, each with a staff account."""
    index = institution_factories.index(home_page)
    school_a = institution_factories.institution(
        index, title="Trường Cao đẳng Mẫu A", province=area
    )
    school_b = institution_factories.institution(
        index, title="Trường Trung cấp Mẫu B", institution_type="trung-cap", province=area
    )
    staff_a = create_school_account(school_a, "canbo-a", password="x").user
    staff_b = create_school_account(school_b, "canbo-b", password="x").user
    return school_a, school_b, staff_a, staff_b


def contact(school, **extra):
    return {
        **ANSWER,
        "parent_phone": "0912 345 678",
        "contact_field": "51",
        "contact_institutions": [school.pk],
        "consent": "on",
        **extra,
    }


def test_a_request_with_consent_is_kept_with_its_exact_consent_text(
    client, survey_class, vocational
):
    school_a, _school_b, _staff_a, _staff_b = vocational
    page = client.get(survey_class.get_absolute_url()).content.decode()
    assert "Trường Cao đẳng Mẫu A" in page and "Tôi là cha, mẹ (người giám hộ)" in page
    response = client.post(survey_class.get_absolute_url(), contact(school_a))
    html = response.content.decode()
    assert response.status_code == 200
    request = ContactRequest.objects.get()
    assert request.parent_phone == "0912345678"
    assert list(request.institutions.all()) == [school_a]
    retention = survey_class.round.retention_date
    assert request.expires_on == retention
    assert "Trường Cao đẳng Mẫu A — và chỉ các trường này" in request.consent_text
    assert retention.strftime("%d/%m/%Y") in request.consent_text
    assert request.consent_text in html
    assert re.search(r'href="/khao-sat/rut-yeu-cau/[\w-]{20,}/"', html)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"consent": ""}, "Cha, mẹ cần đánh dấu đồng ý"),
        ({"parent_phone": "12345"}, "Số điện thoại di động gồm 10 chữ số"),
        ({"parent_phone": ""}, "Nhập số điện thoại của cha, mẹ"),
        ({"contact_institutions": []}, "Chọn ít nhất một trường."),
        ({"contact_field": ""}, "Chọn nhóm ngành muốn được tư vấn."),
    ],
)
def test_no_consent_or_incomplete_contact_stores_nothing(
    client, survey_class, vocational, extra, message
):
    response = client.post(survey_class.get_absolute_url(), contact(vocational[0], **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ContactRequest.objects.exists()
    assert not SurveyAnswer.objects.exists()  # nothing half-saved


def test_only_the_chosen_schools_staff_see_the_request(client, survey_class, vocational):
    school_a, _school_b, staff_a, staff_b = vocational
    client.post(survey_class.get_absolute_url(), contact(school_a))
    client.force_login(staff_a)
    page = client.get("/admin/khao-sat/yeu-cau-lien-he/").content.decode()
    assert "0912345678" in page and "Công nghệ kỹ thuật" in page
    client.force_login(staff_b)
    page = client.get("/admin/khao-sat/yeu-cau-lien-he/").content.decode()
    assert "0912345678" not in page
    assert "Chưa có yêu cầu liên hệ nào." in page


def test_a_counsellor_does_not_see_contact_requests(client, survey_class, vocational, counsellor):
    client.post(survey_class.get_absolute_url(), contact(vocational[0]))
    client.force_login(counsellor)
    assert client.get("/admin/khao-sat/yeu-cau-lien-he/").status_code in (302, 403)
    page = client.get(f"/admin/khao-sat/dot/{survey_class.round_id}/").content.decode()
    assert "0912345678" not in page


def test_the_withdraw_link_deletes_the_request(client, survey_class, vocational):
    html = client.post(survey_class.get_absolute_url(), contact(vocational[0])).content.decode()
    link = re.search(r'href="(/khao-sat/rut-yeu-cau/[\w-]+/)"', html).group(1)
    assert "Xoá yêu cầu liên hệ" in client.get(link).content.decode()
    done = client.post(link).content.decode()
    assert "Đã xoá số điện thoại" in done
    assert not ContactRequest.objects.exists()
    assert SurveyAnswer.objects.count() == 1  # the anonymous answer stays
    assert client.get(link).status_code == 404
    assert client.get("/khao-sat/rut-yeu-cau/khong-co/").status_code == 404


def test_an_expired_request_is_hidden_at_once_and_then_deleted(client, survey_class, vocational):
    school_a, _school_b, staff_a, _staff_b = vocational
    client.post(survey_class.get_absolute_url(), contact(school_a))
    ContactRequest.objects.update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(staff_a)
    page = client.get("/admin/khao-sat/yeu-cau-lien-he/").content.decode()
    assert "0912345678" not in page  # hidden before the job runs
    kept = ContactRequest.objects.create(
        round=survey_class.round,
        parent_phone="0987654321",
        field_id=ContactRequest.objects.get().field_id,
        consent_text="…",
        expires_on=timezone.localdate(),
        withdraw_hash="h" * 64,
    )
    call_command("delete_expired_contact_requests")
    assert list(ContactRequest.objects.all()) == [kept]  # the expired one is gone from the database
    assert "0912345678" not in str(
        list(ContactRequest.objects.values_list("parent_phone", flat=True))
    )
