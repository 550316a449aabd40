"""Every absolute link names the site's configured address (Settings → Sites, first set from
WAGTAILADMIN_BASE_URL by migration 0007), never "localhost" nor whatever Host a request sent:
the canonical link, the sitemap, robots.txt, the .ics file and the API."""

import importlib
import re

import pytest

from django.apps import apps

from wagtail.models import Site

from tests import factories

pytestmark = pytest.mark.django_db

ADDRESS = "http://huongnghiep.example:8080"


@pytest.fixture
def site(home_page):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "huongnghiep.example", 8080
    site.save()
    return site


@pytest.fixture
def event(site, home_page):
    return factories.event(factories.event_index(home_page), title="Ngày hội tư vấn")


def absolute_links(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def test_the_migrations_give_the_default_site_the_configured_address(settings):
    """From the placeholder 0002 wrote; an address changed since is kept."""
    migration = importlib.import_module("website.migrations.0007_site_host_from_base_url")
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.WAGTAILADMIN_BASE_URL  # what the test database got

    settings.WAGTAILADMIN_BASE_URL = "https://huongnghiep.example"
    Site.objects.filter(pk=site.pk).update(hostname="localhost", port=80)
    migration.use_the_configured_host(apps, None)
    site.refresh_from_db()
    assert (site.hostname, site.port, site.root_url) == (
        "huongnghiep.example",
        443,
        "https://huongnghiep.example",
    )
    Site.objects.filter(pk=site.pk).update(hostname="edited.example")
    migration.use_the_configured_host(apps, None)
    site.refresh_from_db()
    assert site.hostname == "edited.example"


def test_page_sitemap_robots_ics_and_api_name_the_configured_address(client, event):
    html = client.get(event.url, HTTP_HOST="127.0.0.1").text
    assert f'<link rel="canonical" href="{ADDRESS}{event.url}">' in html
    assert f'<meta property="og:url" content="{ADDRESS}{event.url}">' in html

    responses = {
        "sitemap": client.get("/sitemap.xml", HTTP_HOST="127.0.0.1"),
        "section": client.get("/sitemap-su-kien.xml", HTTP_HOST="127.0.0.1"),
        "robots": client.get("/robots.txt", HTTP_HOST="127.0.0.1"),
        "ics": client.get(event.url + "lich/", HTTP_HOST="127.0.0.1"),
        "api": client.get("/api/v2/pages/", {"type": "website.EventPage"}, HTTP_HOST="127.0.0.1"),
    }
    links = {}
    for name, response in responses.items():
        assert response.status_code == 200, name
        # iCalendar folds long lines (RFC 5545 §3.1): unfold before reading.
        text = response.content.decode().replace("\r\n ", "")
        links[name] = absolute_links(text)
    assert f"{ADDRESS}/sitemap-su-kien.xml" in links["sitemap"]
    assert f"{ADDRESS}{event.url}" in links["section"]
    assert f"{ADDRESS}/sitemap.xml" in links["robots"]
    assert f"{ADDRESS}{event.url}" in links["ics"]
    assert f"{ADDRESS}{event.url}" in links["api"]
    assert f"{ADDRESS}/api/v2/pages/{event.pk}/" in links["api"]
    for name, found in links.items():
        own = [link for link in found if "sitemaps.org" not in link]
        assert own and all(link.startswith(ADDRESS) for link in own), (name, own)
