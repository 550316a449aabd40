"""A school's staff update a fee and submit; an editor publishes; the public page shows it."""

import pytest

from django.core.management import call_command

from wagtail.models import Page, PageLogEntry, WorkflowState

from institutions.accounts import AccountError, create_school_account
from institutions.models import SchoolAccess
from tests.institutions import factories
from tests.institutions.test_permissions import institution_form, programme_form

pytestmark = pytest.mark.django_db


def test_staff_edit_submit_editor_publishes(client, school_a, staff_a, editor):
    page = factories.programme(school_a, "Điện công nghiệp", code="6520227", tuition=1_200_000)
    client.force_login(staff_a)

    # The staff member sees their own school, the editor and the history.
    assert client.get(f"/admin/pages/{school_a.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{page.pk}/history/").status_code == 200

    # Publishing is not theirs: the button does nothing live.
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        programme_form(page, tuition="999", **{"action-publish": "1"}),
    )
    assert client.get(page.url).text.count("999 đồng") == 0

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        programme_form(page, tuition="1350000", **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert "1.200.000 đồng/tháng" in client.get(page.url).text  # still the published fee

    # The editor approves the task: the new fee goes live.
    client.force_login(editor)
    state = WorkflowState.objects.get(object_id=str(page.pk), status="in_progress")
    task_state = state.current_task_state
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert not page.workflow_in_progress
    client.logout()
    html = client.get(page.url).text
    assert "1.350.000 đồng/tháng" in html
    assert "Cập nhật lần cuối" in html
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.publish"} <= actions


def test_staff_add_a_programme_and_retire_one(client, school_a, staff_a):
    client.force_login(staff_a)
    old = factories.programme(school_a, "Ngành cũ", code="6520001")
    response = client.post(
        f"/admin/pages/add/institutions/programpage/{school_a.pk}/",
        programme_form(old, title="Ngành mới", slug="nganh-moi", code="6520002"),
    )
    assert response.status_code == 302
    created = Page.objects.get(slug="nganh-moi")
    assert not created.live
    client.post(
        f"/admin/pages/{old.pk}/edit/",
        programme_form(old, retired="on", **{"action-submit": "1"}),
    )
    old.refresh_from_db()
    assert old.workflow_in_progress


def test_staff_cannot_add_an_institution(client, index, school_a, staff_a):
    client.force_login(staff_a)
    response = client.get(f"/admin/pages/add/institutions/institutionpage/{index.pk}/")
    assert response.status_code in (302, 403)


def test_staff_admin_menu_has_no_reports(client, school_a, staff_a):
    client.force_login(staff_a)
    html = client.get("/admin/").content.decode()
    assert "/admin/reports/" not in html
    assert "/admin/truong/tai-len/" in html
    assert "/admin/truong/tai-khoan/" not in html
    assert client.get("/admin/truong/tai-khoan/").status_code in (302, 403)


def test_account_command_creates_group_collection_and_login(school_a, capsys):
    call_command("create_school_account", school_a.slug, "canbo-moi", "--email", "a@example.com")
    out = capsys.readouterr().out
    assert "Mật khẩu (chỉ hiện một lần)" in out
    access = SchoolAccess.objects.get(institution=school_a)
    assert access.group.user_set.filter(username="canbo-moi").exists()
    assert access.group.name == "Cán bộ trường – Trường Cao đẳng Mẫu A"
    perms = set(access.group.page_permissions.values_list("permission__codename", flat=True))
    assert perms == {"add_page", "change_page"}
    # Idempotent.
    call_command("create_school_account", school_a.slug, "canbo-moi")
    assert SchoolAccess.objects.count() == 1


def test_one_account_one_school(school_a, school_b, staff_a, administrator):
    with pytest.raises(AccountError, match="đã là cán bộ"):
        create_school_account(school_b, staff_a.username)
    with pytest.raises(AccountError, match="quản trị"):
        create_school_account(school_b, administrator.username)


def test_editor_creates_a_school_account_in_the_admin(client, school_a, editor):
    client.force_login(editor)
    assert client.get("/admin/truong/tai-khoan/").status_code == 200
    response = client.post(
        "/admin/truong/tai-khoan/",
        {"institution": school_a.pk, "username": "tuyensinh-a", "name": "Cô Lan", "email": ""},
    )
    assert response.status_code == 200
    assert response.context["account"].created
    password = response.context["account"].password
    client.logout()
    assert client.login(username="tuyensinh-a", password=password)
    assert client.get(f"/admin/pages/{school_a.pk}/edit/").status_code == 200


def test_staff_edit_their_profile_with_partners_and_outcomes(client, school_a, staff_a):
    client.force_login(staff_a)
    data = institution_form(
        school_a,
        summary="Trường kỹ thuật có ký túc xá 500 chỗ.",
        address="Số 2 đường Mẫu",
        latitude="10.03",
        longitude="105.78",
        phone="0292 111 222",
        admissions_zalo="0912345678",
        email="ts@example.com",
        apply_how="Nộp tại phòng tuyển sinh\nXét học bạ",
        apply_documents="Học bạ\nGiấy khai sinh",
        boarding="on",
        boarding_details="500 chỗ",
        facilities="Xưởng hàn",
        partners=[{"name": "Công ty Mẫu X", "cooperation": "Thực tập"}],
        outcomes=[
            {
                "year": "2025",
                "rate": "91,5",
                "surveyed": "200",
                "survey_date": "01/03/2026",
                "status": "tu-bao-cao",
            }
        ],
        **{"action-submit": "1"},
    )
    response = client.post(f"/admin/pages/{school_a.pk}/edit/", data)
    form = response.context["form"] if response.status_code == 200 else None
    assert response.status_code == 302, (
        form.errors,
        {name: (fs.errors, fs.non_form_errors()) for name, fs in form.formsets.items()},
    )
    school_a.refresh_from_db()
    assert school_a.workflow_in_progress
    draft = school_a.get_latest_revision_as_object()
    assert draft.summary == "Trường kỹ thuật có ký túc xá 500 chỗ."
    assert [p.name for p in draft.partners.all()] == ["Công ty Mẫu X"]
    assert draft.apply_steps == ["Nộp tại phòng tuyển sinh", "Xét học bạ"]
    assert draft.zalo_url == "https://zalo.me/0912345678"
    assert [str(o.rate) for o in draft.outcomes.all()] == ["91.5"]
    assert "500 chỗ" not in client.get(school_a.url).text  # not live before review


@pytest.mark.parametrize(
    ("action", "message"),
    [
        ("approve", "Đã duyệt và đăng “Điện công nghiệp”."),
        ("reject", "Đã yêu cầu sửa “Điện công nghiệp”"),
    ],
)
def test_approving_from_the_dashboard_confirms_it(
    client, school_a, staff_a, editor, action, message
):
    page = factories.programme(school_a, "Điện công nghiệp", code="6520227", tuition=1_200_000)
    client.force_login(staff_a)
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        programme_form(page, tuition="1350000", **{"action-submit": "1"}),
    )
    client.force_login(editor)
    dashboard = client.get("/admin/").text
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    action_url = f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/"
    assert f'data-workflow-action-url="{action_url}"' in dashboard
    # What the dashboard's button does: a plain POST that comes back to the dashboard.
    response = client.post(action_url, {"next": "/admin/", "comment": ""}, follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert message in response.text
    client.logout()
    assert ("1.350.000 đồng/tháng" in client.get(page.url).text) == (action == "approve")
