"""The scheduled-publishing job and the cache that must not fail pages."""

import datetime
import time

from django.core.management import call_command
from django.utils import timezone

from tests import factories
from website.cache import ResilientRedisCache
from website.models import NewsPage

from .conftest import free_port


def test_a_page_scheduled_in_the_past_goes_live_when_the_job_runs(client, home_page):
    index = factories.news_index(home_page)
    page = factories.news(index, title="Lịch thi tuyển sinh lớp 10", live=False)
    go_live_at = timezone.now() + datetime.timedelta(seconds=1.5)
    page.go_live_at = go_live_at
    page.save_revision().publish()  # scheduled, as the admin's "Publish" with a go-live date
    page.refresh_from_db()
    assert not page.live
    assert client.get(page.url).status_code == 404

    call_command("publish_scheduled")  # too early: nothing happens
    assert not NewsPage.objects.get(pk=page.pk).live

    time.sleep(max(0, (go_live_at - timezone.now()).total_seconds()) + 0.1)
    call_command("publish_scheduled")

    page = NewsPage.objects.get(pk=page.pk)
    assert page.live
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Lịch thi tuyển sinh lớp 10" in response.text


def test_the_cache_answers_as_empty_while_redis_is_unreachable():
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}},
    )
    assert cache.get("menu", "missing") == "missing"
    cache.set("menu", "value")  # dropped, no error
    assert cache.add("menu", "value") is False
    assert cache.get_many(["a", "b"]) == {}
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.delete("menu") is False
