"""Partnerships between schools and the directory's enterprises: one row shown on both pages,
a school's proposals waiting for an editor, each role kept to its own school, the free-text
partners linked to the directory, and the events that name an enterprise."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from careers.models import EconomicSector, EnterprisePage
from institutions.models import PartnerEnterprise, Partnership
from institutions.partners import link_named_partners
from tests import factories as site_factories
from tests.careers import factories as careers_factories
from tests.institutions import factories
from tests.institutions.test_permissions import institution_form, shows
from website.models import EventParticipant

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(home_page):
    return careers_factories.enterprise_index(home_page)


@pytest.fixture
def enterprise(directory):
    return careers_factories.enterprise(
        directory, "Công ty Điện Sáng", province=factories.province("Bắc Ninh")
    )


def partner(school, enterprise, **kinds):
    """Give the live ``school`` a partnership with ``enterprise`` (published)."""
    school.partnerships.add(Partnership(enterprise=enterprise, **(kinds or {"internship": True})))
    school.save_revision().publish()


def approve(client, editor, page):
    client.force_login(editor)
    task_state = WorkflowState.objects.get(
        object_id=str(page.pk), status="in_progress"
    ).current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    client.logout()


def enterprise_form(**fields):
    data = {
        "title": "Công ty Mới Đề Xuất",
        "slug": "cong-ty-moi-de-xuat",
        "summary": "Doanh nghiệp trường đề xuất.",
        "sector": "",
        "size_band": "",
        "address": "",
        "province": "",
        "commune": "",
        "website": "",
        "phone": "",
        "email": "",
        "contact_note": "",
        "description": "",
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
        "action-submit": "1",
    }
    data.update(fields)
    return nested_form_data(data)


def test_one_row_shows_on_the_school_and_the_enterprise_page(client, school_a, enterprise):
    partner(
        school_a, enterprise, internship=True, hires_graduates=True, since_year=2021, note="Mẫu"
    )
    assert Partnership.objects.count() == 1

    school_html = client.get(school_a.url).text
    assert f'href="{enterprise.url}">Công ty Điện Sáng</a>' in school_html
    assert "nhận thực tập, tuyển dụng sau tốt nghiệp; từ năm 2021. Mẫu" in school_html

    enterprise_html = client.get(enterprise.url).text
    assert f'href="{school_a.url}">Trường Cao đẳng Mẫu A</a> (Cần Thơ)' in enterprise_html
    assert "nhận thực tập, tuyển dụng sau tốt nghiệp; từ năm 2021" in enterprise_html

    # Unpublishing either side hides the link on the other.
    school_a.unpublish()
    assert "Trường Cao đẳng Mẫu A" not in client.get(enterprise.url).text


def test_school_hides_a_partner_enterprise_that_is_not_live(client, school_a, directory):
    draft = careers_factories.enterprise(directory, "Công ty Nháp", live=False)
    partner(school_a, draft)
    assert "Công ty Nháp" not in client.get(school_a.url).text


def test_staff_proposal_of_a_partnership_waits_for_review(
    client, school_a, staff_a, editor, enterprise
):
    client.force_login(staff_a)
    response = client.post(
        f"/admin/pages/{school_a.pk}/edit/",
        institution_form(
            school_a,
            partnerships=[
                {"enterprise": enterprise.pk, "apprenticeship": "on", "since_year": "2024"}
            ],
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code == 302
    school_a.refresh_from_db()
    assert school_a.workflow_in_progress
    assert not Partnership.objects.exists()  # only in the revision waiting for review
    client.logout()
    assert "Công ty Điện Sáng" not in client.get(school_a.url).text
    assert "Trường Cao đẳng Mẫu A" not in client.get(enterprise.url).text

    approve(client, editor, school_a)
    assert "Công ty Điện Sáng" in client.get(school_a.url).text
    assert "Trường Cao đẳng Mẫu A" in client.get(enterprise.url).text


def test_a_partnership_names_at_least_one_kind(client, school_a, staff_a, enterprise):
    client.force_login(staff_a)
    response = client.post(
        f"/admin/pages/{school_a.pk}/edit/",
        institution_form(
            school_a, partnerships=[{"enterprise": enterprise.pk}], **{"action-submit": "1"}
        ),
    )
    assert response.status_code == 200
    assert "Chọn ít nhất một hình thức hợp tác." in response.text
    school_a.refresh_from_db()
    assert not school_a.workflow_in_progress


def test_staff_cannot_propose_for_another_school(client, school_a, school_b, staff_b, enterprise):
    client.force_login(staff_b)
    revisions = school_a.revisions.count()
    response = client.post(
        f"/admin/pages/{school_a.pk}/edit/",
        institution_form(
            school_a,
            partnerships=[{"enterprise": enterprise.pk, "internship": "on"}],
            **{"action-submit": "1"},
        ),
    )
    assert response.status_code in (302, 403)
    assert school_a.revisions.count() == revisions
    school_a.refresh_from_db()
    assert not school_a.workflow_in_progress


def test_staff_propose_a_new_enterprise_for_review(
    client, home_page, school_a, school_b, staff_a, staff_b, editor
):
    # The directory is made after the school accounts: their staff may propose in it too.
    directory = careers_factories.enterprise_index(home_page)
    careers_factories.enterprise(directory, "Công ty Đã Đăng")
    area = factories.province("Cần Thơ")
    client.force_login(staff_a)
    response = client.post(
        f"/admin/pages/add/careers/enterprisepage/{directory.pk}/",
        enterprise_form(
            sector=EconomicSector.objects.get(code="C").pk,
            province=area.pk,
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    proposal = EnterprisePage.objects.get(slug="cong-ty-moi-de-xuat")
    assert not proposal.live  # publishing is not theirs
    client.post(
        f"/admin/pages/{proposal.pk}/edit/",
        enterprise_form(sector=proposal.sector_id, province=area.pk, **{"action-submit": "1"}),
    )
    proposal.refresh_from_db()
    assert proposal.workflow_in_progress
    # Their own draft shows in their explorer; another school's staff see nothing of it.
    assert "Công ty Mới Đề Xuất" in client.get(f"/admin/pages/{directory.pk}/").text

    client.force_login(staff_b)
    explorer = client.get(f"/admin/pages/{directory.pk}/")
    chooser = client.get(f"/admin/choose-page/{directory.pk}/")
    assert shows(explorer, "Công ty Đã Đăng")
    assert shows(chooser, "Công ty Đã Đăng")
    assert not shows(explorer, "Công ty Mới Đề Xuất")
    assert not shows(chooser, "Công ty Mới Đề Xuất")
    assert client.get(f"/admin/pages/{proposal.pk}/edit/").status_code in (302, 403)
    client.logout()
    assert client.get("/doanh-nghiep/cong-ty-moi-de-xuat/").status_code == 404
    assert "Công ty Mới Đề Xuất" not in client.get("/doanh-nghiep/").text

    approve(client, editor, proposal)
    assert "Công ty Mới Đề Xuất" in client.get("/doanh-nghiep/").text


def test_staff_cannot_edit_an_enterprise_of_the_directory(client, staff_a, enterprise):
    client.force_login(staff_a)
    assert client.get(f"/admin/pages/{enterprise.pk}/edit/").status_code in (302, 403)
    permissions = Page.objects.get(pk=enterprise.pk).permissions_for_user(staff_a)
    assert not permissions.can_edit()
    assert not permissions.can_publish()


def test_free_text_partners_naming_an_enterprise_become_partnerships(
    client, index, school_a, enterprise
):
    school_a.partners = [
        PartnerEnterprise(name="CÔNG TY ĐIỆN SÁNG", cooperation="Nhận thực tập, tuyển dụng"),
        PartnerEnterprise(name="Công ty Ngoài Danh Bạ", cooperation="Thực tập"),
    ]
    school_a.save_revision().publish()
    other = factories.institution(index, title="Trường Trung cấp Mẫu C")
    other.partners = [PartnerEnterprise(name="Cong ty Dien Sang", cooperation="Hỗ trợ")]
    other.save_revision().publish()

    result = link_named_partners()

    assert result.linked == 1
    assert result.no_kind == ["Trường Trung cấp Mẫu C: Cong ty Dien Sang"]
    row = Partnership.objects.get(page=school_a)
    assert (row.enterprise, row.internship, row.hires_graduates, row.apprenticeship) == (
        enterprise,
        True,
        True,
        False,
    )
    assert row.note == "Nhận thực tập, tuyển dụng"
    assert [p.name for p in PartnerEnterprise.objects.filter(page=school_a)] == [
        "Công ty Ngoài Danh Bạ"
    ]
    # The next edit starts from the linked row, not the free text.
    school_a.refresh_from_db()
    latest = school_a.get_latest_revision_as_object()
    assert [p.enterprise_id for p in latest.partnerships.all()] == [enterprise.pk]
    assert "Trường Cao đẳng Mẫu A" in client.get(enterprise.url).text
    assert link_named_partners().linked == 0  # nothing left to link


def test_event_lists_the_enterprises_taking_part(client, home_page, enterprise):
    events = site_factories.event_index(home_page)
    event = site_factories.event(events, title="Một ngày làm công nhân")
    event.participants = [EventParticipant(enterprise=enterprise)]
    event.save_revision().publish()
    assert f'href="{enterprise.url}">Công ty Điện Sáng</a>' in client.get(event.url).text
    assert f'href="{event.url}">Một ngày làm công nhân</a>' in client.get(enterprise.url).text


def test_school_and_enterprise_pages_keep_their_query_counts(client, index, directory):
    school = factories.institution(index, title="Trường Đếm")
    first = careers_factories.enterprise(directory, "Doanh nghiệp 0")
    partner(school, first)
    client.get(school.url)
    with CaptureQueriesContext(connection) as school_few:
        client.get(school.url)
    with CaptureQueriesContext(connection) as enterprise_few:
        client.get(first.url)
    for n in range(1, 8):
        partner(school, careers_factories.enterprise(directory, f"Doanh nghiệp {n}"))
        other = factories.institution(index, title=f"Trường {n}")
        partner(other, first)
    with CaptureQueriesContext(connection) as school_many:
        html = client.get(school.url).text
    with CaptureQueriesContext(connection) as enterprise_many:
        enterprise_html = client.get(first.url).text
    assert html.count('href="/doanh-nghiep/doanh-nghiep-') == 8
    assert enterprise_html.count('href="/truong/truong-') == 8
    assert len(school_many) <= len(school_few)
    assert len(enterprise_many) <= len(enterprise_few)
