"""Public pages keep their route (website.routing) and their content block
(website.pagecache.content_name) across requests, and never show a kept copy after a change:
a publish, an unpublish, a view restriction, a changed figure, hiring need or setting shows on
the very next view; drafts, previews and logged-in users never share a copy."""

import pytest

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from tests import factories
from tests.careers import factories as careers_factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    settings.PAGE_FRAGMENT_CACHE = "default"  # one process: local memory is shared by all


@pytest.fixture
def section(home_page):
    return factories.standard(home_page, "Sau lớp 9", slug="sau-lop-9")


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured]


def test_a_second_view_reads_one_row_and_shows_the_same_page(client, section):
    client.get(section.url)  # creates the settings row on the first view (a change)
    first, _ = queries(client, section.url)
    second, sql = queries(client, section.url)
    assert second.text == first.text
    assert "Các con đường học tiếp." in second.text
    assert len(sql) == 1  # the page itself; the site, the route, menus and content are kept
    assert "wagtailcore_site" not in sql[0] and "pageviewrestriction" not in sql[0]


def test_a_published_edit_shows_at_once(client, section):
    client.get(section.url)
    section.title = "Học gì sau lớp 9"
    section.body = [("paragraph", "<p>Nội dung mới đã duyệt.</p>")]
    section.save_revision().publish()
    html = client.get(section.url).text
    assert "Nội dung mới đã duyệt." in html
    assert '<meta property="og:title" content="Học gì sau lớp 9">' in html  # the kept head too


def test_a_draft_and_its_preview_never_reach_visitors(client, admin_client, section):
    client.get(section.url)
    section.body = [("paragraph", "<p>Bản nháp chưa duyệt.</p>")]
    revision = section.save_revision()
    preview = admin_client.get(f"/admin/pages/{section.pk}/revisions/{revision.pk}/view/")
    assert "Bản nháp chưa duyệt." in preview.text
    assert "Bản nháp chưa duyệt." not in admin_client.get(section.url).text
    assert "Bản nháp chưa duyệt." not in client.get(section.url).text


def test_an_unpublished_page_is_gone_at_once(client, section):
    client.get(section.url)
    section.unpublish()
    assert client.get(section.url).status_code == 404


def test_a_moved_address_is_found_and_the_old_one_is_gone(client, home_page, section):
    old = section.url
    client.get(old)
    section.slug = "hoc-gi-sau-lop-9"
    section.save_revision().publish()
    section.refresh_from_db()
    assert client.get(section.url).status_code == 200
    assert client.get(old).status_code == 404


def test_a_view_restriction_applies_at_once(client, section):
    client.get(section.url)
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    response = client.get(section.url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]


def test_wagtail_own_addresses_are_not_taken_for_pages(client, section):
    client.get(section.url)
    login = client.get(f"/_util/login/?next={section.url}")
    assert login.status_code == 200
    assert 'name="password"' in login.text


def test_made_up_addresses_are_not_kept(client, home_page, section):
    from django.core.cache import cache

    client.get(section.url)
    client.get("/khong-co/")  # the 404 page keeps its menus and settings, as every page
    before = set(cache._cache)
    for number in range(20):
        assert client.get(f"/khong-co-trang-nay-{number}/").status_code == 404
    assert set(cache._cache) == before  # no route, no content kept for any of them


def test_the_query_string_gets_its_own_copy(client, home_page):
    news_index = factories.news_index(home_page)
    tuyen_sinh = factories.category()
    su_kien = factories.category("Sự kiện", "su-kien")
    factories.news(news_index, "Tin tuyển sinh lớp 10", categories=[tuyen_sinh])
    factories.news(news_index, "Tin ngày hội", categories=[su_kien])
    everything = client.get(news_index.url).text
    filtered = client.get(f"{news_index.url}?chuyen-muc=su-kien").text
    assert "Tin tuyển sinh lớp 10" in everything and "Tin ngày hội" in everything
    assert "Tin ngày hội" in filtered and "Tin tuyển sinh lớp 10" not in filtered
    assert "Tin tuyển sinh lớp 10" in client.get(news_index.url).text


def test_a_changed_figure_shows_on_the_occupation_page_at_once(client, home_page):
    index = careers_factories.occupation_index(home_page)
    occupation = careers_factories.occupation(index, "Điện dân dụng")
    area = careers_factories.province("Cần Thơ")
    need = careers_factories.hiring_need(occupation, area, workers=37)
    assert "37" in client.get(occupation.url).text
    need.workers = 512
    need.save()
    html = client.get(occupation.url).text
    assert "512" in html


def test_a_logged_in_user_never_gets_or_leaves_a_kept_copy(client, section):
    user = get_user_model().objects.create_user("giaovien", password="mat-khau-thu-123")
    client.force_login(user)
    queries(client, section.url)
    _, again = queries(client, section.url)
    assert len(again) > 1  # rendered afresh each time: the block's own queries ran
    client.logout()
    assert "Các con đường học tiếp." in client.get(section.url).text


def test_a_routable_page_routes_its_sub_addresses_from_a_kept_route(client, home_page):
    from careers.streaming.models import StatisticsIndexPage, StreamingDashboardPage

    index = factories.publish(home_page, StatisticsIndexPage(title="Thống kê", slug="thong-ke"))
    dashboard = factories.publish(
        index, StreamingDashboardPage(title="Chỉ tiêu phân luồng", slug="phan-luong")
    )
    for _ in range(2):  # routed, then from the kept route
        assert client.get(dashboard.url).status_code == 200
        schools = client.get(f"{dashboard.url}truong/")
        assert schools.status_code == 200
        assert schools.text != client.get(dashboard.url).text
        assert client.get(f"{dashboard.url}csv/")["Content-Type"].startswith("text/csv")
        assert client.get(f"{dashboard.url}khong-co/").status_code == 404
