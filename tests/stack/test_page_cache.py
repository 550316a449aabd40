"""Wagtail's frontend-cache purge against the real Varnish of deploy/varnish.vcl."""

import io
import time

import pytest

from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from wagtail.models import Page

from tests import factories
from tests.website.conftest import DEMO_PLACES
from website.models import Commune, Province, Structure

pytestmark = pytest.mark.proxy


def wait_for(cache, path, text, seconds=1.0):
    """Seconds until ``text`` shows through the cache; fails after ``seconds``."""
    started = time.monotonic()
    while True:
        response = cache.get(path)
        if text in response.text:
            return time.monotonic() - started
        if time.monotonic() - started > seconds:
            pytest.fail(f"{text!r} not visible through the cache at {path} after {seconds} s")
        time.sleep(0.05)


@pytest.fixture
def news_item(home_page):
    index = factories.news_index(home_page)
    return factories.news(index, title="Tuyển sinh cao đẳng 2026")


def cached(cache, path):
    """Fetch twice; the second answer must come from the cache."""
    cache.get(path)
    response = cache.get(path)
    assert response.status == 200
    assert response.headers["X-Cache"] == "HIT", path
    return response


def test_a_published_edit_is_visible_through_the_cache_within_a_second(page_cache, news_item):
    page_url, list_url = news_item.url, news_item.get_parent().url
    assert "Tuyển sinh cao đẳng 2026" in cached(page_cache, page_url).text
    assert "Tuyển sinh cao đẳng 2026" in cached(page_cache, list_url).text

    news_item.title = "Tuyển sinh cao đẳng 2026: thêm 3 ngành"
    news_item.save_revision().publish()

    assert wait_for(page_cache, page_url, "thêm 3 ngành") < 1
    # Pages that list it are fresh too (the whole site is purged on publish).
    assert wait_for(page_cache, list_url, "thêm 3 ngành") < 1


def test_a_draft_never_reaches_the_cache(page_cache, news_item, home_page):
    assert "Tuyển sinh cao đẳng 2026" in cached(page_cache, news_item.url).text
    news_item.title = "Bản nháp chưa duyệt"
    news_item.save_revision()  # saved, not published
    draft_only = factories.news(news_item.get_parent(), title="Tin chưa đăng", live=False)
    # Another publish purges the cache: the pages come again from Django, still without the draft.
    factories.standard(home_page, title="Trang mới")

    response = page_cache.get(news_item.url)
    assert "Tuyển sinh cao đẳng 2026" in response.text
    assert "Bản nháp chưa duyệt" not in response.text
    assert page_cache.get(draft_only.url).status == 404
    assert "Tin chưa đăng" not in page_cache.get(news_item.get_parent().url).text


def test_logged_in_users_and_the_admin_bypass_the_cache(page_cache, news_item):
    editor = User.objects.create_superuser("bientap-test", password="x")
    client = Client()
    client.force_login(editor)
    session = f"csrftoken=abc; sessionid={client.cookies['sessionid'].value}"
    assert "Tuyển sinh cao đẳng 2026" in cached(page_cache, news_item.url).text

    # A change that sends no purge: the cache keeps the old page for visitors...
    Page.objects.filter(pk=news_item.pk).update(title="Đổi thẳng trong cơ sở dữ liệu")
    assert "Tuyển sinh cao đẳng 2026" in page_cache.get(news_item.url).text
    # ...while a logged-in editor always gets the page from Django.
    for _ in range(2):
        response = page_cache.get(news_item.url, cookie=session)
        assert "Đổi thẳng trong cơ sở dữ liệu" in response.text
        assert response.headers["X-Cache"] == "MISS"

    for cookie in (session, None):
        for _ in range(2):
            response = page_cache.get("/admin/", cookie=cookie)
            assert response.headers["X-Cache"] == "MISS"
            assert "private" in response.headers["Cache-Control"]
    assert page_cache.get("/admin/", cookie=session).status == 200


@pytest.fixture
def demo_site(page_cache, settings, tmp_path):
    """The whole demo (every public page type) on the few places its events need."""
    settings.MEDIA_ROOT = tmp_path
    for code, name, short_name, slug, commune_code, commune_name in DEMO_PLACES:
        province = Province.objects.create(
            structure=Structure.CURRENT, code=code, name=name, short_name=short_name, slug=slug
        )
        Commune.objects.create(
            structure=Structure.CURRENT,
            code=commune_code,
            name=commune_name,
            short_name=commune_name.removeprefix("Phường "),
            province=province,
        )
    call_command("load_demo", stdout=io.StringIO())
    call_command("search_index", "--rebuild", stdout=io.StringIO())


def test_no_public_page_carries_anything_personal(page_cache, demo_site):
    addresses = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        addresses.setdefault(type(page).__name__, page.url)
    assert len(addresses) >= 13, addresses  # every public page type of the demo
    addresses.update(
        search="/tim-kiem/?q=dien+cong+nghiep&loai=chuong-trinh",
        search_api="/api/search/programmes/?q=ke+toan",
        sitemap="/sitemap.xml",
    )
    # A visitor who once opened the admin's login form carries a CSRF cookie.
    visitor = "csrftoken=abcdefabcdefabcdefabcdefabcdefab"
    for page_type, path in addresses.items():
        page_cache.get(path, cookie=visitor)
        response = page_cache.get(path, cookie=visitor)
        assert response.status == 200, (page_type, path)
        assert "Set-Cookie" not in response.headers, (page_type, path)
        assert "csrfmiddlewaretoken" not in response.text, (page_type, path)
        assert response.headers["X-Cache"] == "HIT", (page_type, path)
