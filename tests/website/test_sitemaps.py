"""The sitemap is an index of sections, each split into files of ``LIMIT`` addresses, built
from plain page rows in a fixed number of queries, cached until the content changes."""

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from tests import factories
from website import sitemaps

pytestmark = pytest.mark.django_db


def locations(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return re.findall(r"<loc>([^<]+)</loc>", response.content.decode())


@pytest.fixture
def news(home_page):
    return factories.news_index(home_page)


def test_index_lists_one_file_per_section_and_the_home_section(client, home_page, news):
    factories.news(news, title="Tin một")
    assert locations(client.get("/sitemap.xml")) == [
        "http://testserver/sitemap-trang-chu.xml",
        "http://testserver/sitemap-tin-tuc.xml",
    ]
    assert locations(client.get("/sitemap-trang-chu.xml")) == ["http://testserver/"]
    assert locations(client.get("/sitemap-tin-tuc.xml")) == [
        "http://testserver/tin-tuc/",
        "http://testserver/tin-tuc/tin-mot/",
    ]


def test_drafts_and_private_pages_stay_out(client, home_page, news):
    factories.news(news, title="Tin nháp", live=False)
    private = factories.news(news, title="Tin nội bộ")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    listed = " ".join(locations(client.get("/sitemap-tin-tuc.xml")))
    assert "tin-nhap" not in listed and "tin-noi-bo" not in listed


def test_a_big_section_is_split_into_numbered_files(client, home_page, news, monkeypatch):
    monkeypatch.setattr(sitemaps, "LIMIT", 2)
    for number in range(3):
        factories.news(news, title=f"Tin {number}")
    index = locations(client.get("/sitemap.xml"))
    assert "http://testserver/sitemap-tin-tuc.xml?p=2" in index
    assert len(locations(client.get("/sitemap-tin-tuc.xml"))) == 2
    assert len(locations(client.get("/sitemap-tin-tuc.xml", {"p": "2"}))) == 2
    for bad in ("3", "0", "a", "²", "-1"):
        assert client.get("/sitemap-tin-tuc.xml", {"p": bad}).status_code == 404
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_a_section_file_costs_the_same_queries_whatever_its_size(client, home_page, news):
    factories.news(news, title="Tin đầu")
    with CaptureQueriesContext(connection) as few:
        client.get("/sitemap-tin-tuc.xml")
    for number in range(12):
        factories.news(news, title=f"Tin {number}")
    with CaptureQueriesContext(connection) as many:
        assert len(locations(client.get("/sitemap-tin-tuc.xml"))) == 14
    assert len(many) == len(few) <= 6


def test_cached_files_follow_every_publish(client, home_page, news, settings):
    settings.PAGE_FRAGMENT_CACHE = "default"
    first = factories.news(news, title="Tin một")
    assert len(locations(client.get("/sitemap-tin-tuc.xml"))) == 2
    with CaptureQueriesContext(connection) as cached:
        client.get("/sitemap-tin-tuc.xml")
    assert len(cached) <= 1  # the site lookup
    factories.news(news, title="Tin hai")
    assert "http://testserver/tin-tuc/tin-hai/" in locations(client.get("/sitemap-tin-tuc.xml"))
    first.unpublish()
    assert "http://testserver/tin-tuc/tin-mot/" not in locations(client.get("/sitemap-tin-tuc.xml"))


def test_publishing_purges_the_sitemap_from_the_proxy(home_page, news, settings, monkeypatch):
    from wagtail.contrib.frontend_cache import utils

    purged = []
    monkeypatch.setattr(sitemaps, "purge_urls_from_cache", purged.extend)
    monkeypatch.setattr(utils, "purge_urls_from_cache", lambda *args, **kwargs: None)  # pages
    settings.WAGTAILFRONTENDCACHE = {}
    factories.news(news, title="Tin một")
    assert purged == []  # no proxy configured: nothing to do
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9/",
        }
    }
    page = factories.news(news, title="Tin hai")
    assert purged == [
        "http://testserver/sitemap.xml",
        "http://testserver/sitemap-trang-chu.xml",
        "http://testserver/sitemap-tin-tuc.xml",
    ]
    purged.clear()
    page.unpublish()
    assert "http://testserver/sitemap-tin-tuc.xml" in purged
