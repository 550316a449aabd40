import pytest

from django.contrib.auth.models import Group, User

from wagtail.models import GroupApprovalTask, Page, Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests import factories
from website.roles import EDITORS, WORKFLOW

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("bientap-test", password="mat-khau-thu-nghiem")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


def test_the_admin_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_login_works(client):
    User.objects.create_superuser("quantri-test", password="mat-khau-thu-nghiem")
    login_page = client.get("/admin/login/").text
    assert '<html lang="vi"' in login_page
    assert "Mật khẩu" in login_page
    assert "Password" not in login_page
    response = client.post(
        "/admin/login/", {"username": "quantri-test", "password": "mat-khau-thu-nghiem"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_editor_writes_news_events_and_pages(editor_client, home_page):
    news = factories.news_index(home_page)
    events = factories.event_index(home_page)
    for url in (
        f"/admin/pages/add/website/newspage/{news.pk}/",
        f"/admin/pages/add/website/eventpage/{events.pk}/",
        f"/admin/pages/add/website/standardpage/{home_page.pk}/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/website/newscategory/",
    ):
        assert editor_client.get(url).status_code == 200, url


def test_editor_publishes_a_news_item_from_the_admin(editor_client, home_page):
    news = factories.news_index(home_page)
    response = editor_client.post(
        f"/admin/pages/add/website/newspage/{news.pk}/",
        nested_form_data(
            {
                "title": "Lịch tuyển sinh năm học mới",
                "slug": "lich-tuyen-sinh-nam-hoc-moi",
                "date": "02/11/2026",
                "lead": "Các trường trung cấp nhận hồ sơ từ tháng 5.",
                "body": streamfield([("paragraph", rich_text("<p>Hồ sơ nộp tại trường.</p>"))]),
                "tags": "",
                "action-publish": "action-publish",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = Page.objects.get(slug="lich-tuyen-sinh-nam-hoc-moi").specific
    assert page.live
    assert page.date.isoformat() == "2026-11-02"


def test_editor_form_errors_are_vietnamese(editor_client, home_page):
    news = factories.news_index(home_page)
    response = editor_client.post(
        f"/admin/pages/add/website/newspage/{news.pk}/",
        {"title": "", "slug": "", "date": "31/02/2026", "lead": "", "body-count": "0"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Trường này là bắt buộc." in errors["title"]
    assert any("hợp lệ" in message for message in errors["date"])


@pytest.mark.parametrize(
    "url",
    [
        "/admin/users/",
        "/admin/groups/",
        "/admin/sites/",
        "/admin/workflows/list/",
        "/admin/settings/website/sitesettings/",
        "/admin/redirects/",
    ],
)
def test_editor_cannot_reach_what_only_an_administrator_may(editor_client, home_page, url):
    response = editor_client.get(url)
    assert response.status_code in (302, 403), url
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def test_moderation_workflow_is_on_and_approved_by_editors(home_page):
    workflow = Workflow.objects.get(name=WORKFLOW)
    assert workflow.active
    assert home_page.get_workflow() == workflow
    (task,) = [task.specific for task in workflow.tasks.all()]
    assert isinstance(task, GroupApprovalTask)
    assert list(task.groups.values_list("name", flat=True)) == [EDITORS]
