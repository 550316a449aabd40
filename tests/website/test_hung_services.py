"""Redis and the page cache (Varnish) hanging: accepting connections and never answering.

Wagtail's purge had no timeout (a publish waited for ever on a hung Varnish), and each call
to a hung Redis waited its socket timeout, several times per page. Both are now bounded:
one timeout, then the service is skipped for a few seconds (website.breaker).
"""

import time

import pytest

from tests import factories
from tests.search.fake_es import Unresponsive
from tests.stack.conftest import free_port
from website import cache as redis_cache
from website import frontendcache
from website.cache import ResilientRedisCache

pytestmark = pytest.mark.django_db


@pytest.fixture
def hung():
    server = Unresponsive()
    yield server
    server.close()


@pytest.fixture
def news_item(home_page):
    return factories.news(factories.news_index(home_page), title="Lịch tuyển sinh lớp 10")


def publish_seconds(page, capture, title):
    """Seconds for an editor's publish, with what runs after its commit (the purge)."""
    page.title = title
    started = time.monotonic()
    with capture(execute=True):
        page.save_revision().publish()
    return time.monotonic() - started


def after_commit_seconds(page, capture, title):
    """Seconds of what a publish runs once committed (the purges), apart from the publish."""
    page.title = title
    with capture() as callbacks:
        page.save_revision().publish()
    started = time.monotonic()
    for callback in callbacks:
        callback()
    return time.monotonic() - started


def pages_seconds(client, pages):
    started = time.monotonic()
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
    return time.monotonic() - started


# The machine running the tests may be busy: each wait is measured against the same work
# done just before without the hung service, so what is asserted is the wait it added.


def purging_to(settings, url):
    settings.WAGTAILFRONTENDCACHE = {
        "default": {"BACKEND": "website.frontendcache.CommittedHTTPBackend", "LOCATION": url}
    }


def test_a_publish_completes_within_a_second_while_the_page_cache_hangs(
    hung, news_item, settings, client, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(frontendcache, "BREAKER_SECONDS", 60)  # however slow the machine
    capture = django_capture_on_commit_callbacks
    purging_to(settings, f"http://127.0.0.1:{free_port()}")  # a cache that refuses at once
    refused = after_commit_seconds(news_item, capture, "Lịch tuyển sinh lớp 10 (dự kiến)")
    purging_to(settings, hung.url)
    # One PURGE waited its 0.3 s timeout; the rest of the purges were skipped.
    assert after_commit_seconds(news_item, capture, "Lịch tuyển sinh lớp 10 (cập nhật)") < (
        refused + 0.6
    )
    assert len(hung.accepted) == 1
    assert frontendcache._breakers[hung.url.removeprefix("http://")].is_open()
    # The next publish does not try the cache again, and the page shows the change.
    assert after_commit_seconds(news_item, capture, "Lịch tuyển sinh lớp 10 (chính thức)") < (
        refused + 0.2
    )
    assert len(hung.accepted) == 1
    assert "Lịch tuyển sinh lớp 10 (chính thức)" in client.get(news_item.url).text


def test_pages_serve_and_a_publish_completes_while_redis_hangs(
    hung, news_item, settings, client, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(redis_cache, "BREAKER_SECONDS", 60)  # however slow the machine
    settings.PAGE_FRAGMENT_CACHE = "default"  # menus, settings, sitemap: as in production
    pages = ["/", news_item.url, news_item.get_parent().url, "/sitemap.xml"] * 3
    answering = pages_seconds(client, pages)  # the local-memory cache of the test settings
    without_redis = publish_seconds(
        news_item, django_capture_on_commit_callbacks, "Lịch tuyển sinh lớp 10 (dự kiến)"
    )
    settings.CACHES = {
        "default": {
            "BACKEND": "website.cache.ResilientRedisCache",
            "LOCATION": f"redis://{hung.url.removeprefix('http://')}/0",
        }
    }
    # Twelve pages paid one 0.5 s socket timeout in all, not one per cache call (each page
    # makes several); the rest of the margin is the busy machine's spread.
    assert pages_seconds(client, pages) < answering + 2.5
    assert len(hung.accepted) == 1
    assert "Lịch tuyển sinh lớp 10 (dự kiến)" in client.get(news_item.url).text
    publish = publish_seconds(
        news_item, django_capture_on_commit_callbacks, "Lịch tuyển sinh lớp 10 (cập nhật)"
    )
    assert len(hung.accepted) == 1  # the publish did not try the hung Redis again
    assert publish < without_redis + 0.5
    assert "Lịch tuyển sinh lớp 10 (cập nhật)" in client.get(news_item.url).text


def test_redis_is_tried_again_after_the_breaker(hung):
    cache = ResilientRedisCache(f"redis://{hung.url.removeprefix('http://')}/1", {})
    cache.breaker.seconds = 0.2
    assert cache.get("menu", "missing") == "missing"
    assert cache.get("menu", "missing") == "missing"
    assert len(hung.accepted) == 1
    time.sleep(0.25)
    assert cache.get("menu", "missing") == "missing"
    assert len(hung.accepted) == 2


def test_one_redis_client_serves_every_call():
    """Django's client would build a new redis.Redis per call; ours keeps one per pool."""
    cache = ResilientRedisCache("redis://127.0.0.1:6379/11", {})
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b", write=True) is client
    assert client.connection_pool is cache._cache._get_connection_pool(False)
