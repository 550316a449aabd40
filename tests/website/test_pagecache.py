"""The menus and site settings are cached across requests (website.pagecache) and never
outlive a change: a publish, an unpublish, a move, a deletion or a settings edit shows on
the very next page view."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import Site

from tests import factories
from website.models import SiteSettings, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _shared_cache(settings):
    settings.PAGE_FRAGMENT_CACHE = "default"  # one process: local memory is shared by all


def section(home, title, slug, in_menu=True):
    page = StandardPage(
        title=title, slug=slug, show_in_menus=in_menu, body=[("paragraph", "<p>Nội dung.</p>")]
    )
    return factories.publish(home, page)


def menu_and_footer(client):
    html = client.get("/").text
    header = html.split('<nav class="main-menu"', 1)[1].split("</nav>", 1)[0]
    footer = html.split('<footer class="site-footer">', 1)[1]
    return header, footer


def test_a_second_page_view_reads_neither_menus_nor_settings(client, home_page, settings):
    section(home_page, "Sau lớp 9", "sau-lop-9")
    client.get("/")  # creates the settings row on the first view (a change: cached afresh)
    client.get("/")
    with CaptureQueriesContext(connection) as cached:
        client.get("/")
    assert not any("website_sitesettings" in query["sql"] for query in cached)
    settings.PAGE_FRAGMENT_CACHE = None  # no shared cache: nothing kept between requests
    with CaptureQueriesContext(connection) as uncached:
        client.get("/")
    assert any("website_sitesettings" in query["sql"] for query in uncached)
    assert any("wagtailcore_page" in query["sql"] for query in uncached[1:])  # the menu
    assert len(cached) == 1  # the page; route and content are kept too (test_content_cache)


def test_a_changed_site_is_found_at_once(client, home_page):
    section(home_page, "Sau lớp 9", "sau-lop-9")
    client.get("/")
    other = factories.publish(
        home_page, StandardPage(title="Trang khác", slug="trang-khac", show_in_menus=True)
    )
    site = Site.objects.get(is_default_site=True)
    site.root_page = other
    site.save()
    assert client.get("/").status_code == 200
    assert "Trang khác" in client.get("/").text  # the new root's title, not the cached one


def test_published_title_shows_in_the_menu_at_once(client, home_page):
    page = section(home_page, "Sau lớp 9", "sau-lop-9")
    assert "Sau lớp 9" in menu_and_footer(client)[0]
    page.title = "Học gì sau lớp 9"
    page.save_revision().publish()
    header, _footer = menu_and_footer(client)
    assert "Học gì sau lớp 9" in header
    assert ">Sau lớp 9<" not in header


def test_a_draft_change_stays_out_of_the_menu(client, home_page):
    page = section(home_page, "Sau lớp 9", "sau-lop-9")
    menu_and_footer(client)
    page.title = "Bản nháp chưa duyệt"
    page.save_revision()
    assert "Bản nháp chưa duyệt" not in client.get("/").text


def test_unpublished_and_deleted_pages_leave_the_menus(client, home_page):
    kept = section(home_page, "Sau lớp 12", "sau-lop-12")
    gone = section(home_page, "Sau lớp 9", "sau-lop-9")
    about = section(home_page, "Giới thiệu", "gioi-thieu", in_menu=False)
    header, footer = menu_and_footer(client)
    assert "Sau lớp 9" in header and "Giới thiệu" in footer
    gone.unpublish()
    header, footer = menu_and_footer(client)
    assert "Sau lớp 9" not in header and "Sau lớp 12" in header
    about.delete()
    assert "Giới thiệu" not in menu_and_footer(client)[1]
    assert kept.url in client.get("/").text


def test_a_moved_page_leaves_the_menu(client, home_page):
    parent = section(home_page, "Sau lớp 12", "sau-lop-12")
    moved = section(home_page, "Sau lớp 9", "sau-lop-9")
    assert 'href="/sau-lop-9/"' in menu_and_footer(client)[0]
    moved.move(parent, pos="last-child")
    header, _footer = menu_and_footer(client)
    assert "Sau lớp 9" not in header


def test_settings_edit_shows_at_once(client, home_page):
    section(home_page, "Sau lớp 9", "sau-lop-9")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "0292 3800 000"
    settings.save()
    assert "0292 3800 000" in client.get("/").text
    settings.phone = "0292 3811 111"
    settings.save()
    html = client.get("/").text
    assert "0292 3811 111" in html and "0292 3800 000" not in html
