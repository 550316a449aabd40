"""The Elasticsearch lifecycle against a real server (``ELASTICSEARCH_URL=… make test-es``;
skipped without one, failing under REQUIRE_ELASTICSEARCH=1): publish before the first
rebuild, rebuild twice, publish / unpublish / delete then search, a facet with more values
than its buckets, and "admission open now" at 00:30 Vietnam time. The last two run against
both engines, as the rest of the contract does."""

import dataclasses
import datetime
import logging
from unittest import mock

import pytest

from search.kinds import get_kind
from tests.institutions import factories as school_factories
from tests.search.helpers import (
    counts,
    engine_for,
    live_elasticsearch,
    live_server,
    run,
    titles,
)

pytestmark = pytest.mark.django_db


def _publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def test_publish_before_the_first_rebuild_then_rebuild(
    catalogue, settings, caplog, django_capture_on_commit_callbacks
):
    engine = live_server(settings)
    alias = engine.alias(get_kind("occupations"))
    page = catalogue["o-to"]
    page.title = "Công nghệ ô tô điện"
    with caplog.at_level(logging.WARNING, logger="search"):
        _publish(page, django_capture_on_commit_callbacks)
    assert any("could not index" in record.getMessage() for record in caplog.records)
    assert not engine.client.indices.exists(index=alias)  # no index auto-created
    engine.rebuild(get_kind("occupations"))
    assert engine.client.indices.exists_alias(name=alias)
    assert titles(run(engine, "q=o to dien")) == ["Công nghệ ô tô điện"]


def test_rebuild_twice(catalogue, settings):
    engine = live_elasticsearch(settings)
    kind = get_kind("occupations")
    first = list(engine.client.indices.get_alias(name=engine.alias(kind)).body)
    before = titles(run(engine, "q=dien"))
    second = engine.rebuild(kind)
    assert list(engine.client.indices.get_alias(name=engine.alias(kind)).body) == [second]
    assert not engine.client.indices.exists(index=first[0])
    assert titles(run(engine, "q=dien")) == before
    assert run(engine, "").total == 8


def test_publish_unpublish_delete_then_search(
    catalogue, settings, django_capture_on_commit_callbacks
):
    engine = live_elasticsearch(settings)
    page = catalogue["o-to"]
    page.title = "Công nghệ ô tô điện"
    _publish(page, django_capture_on_commit_callbacks)
    assert titles(run(engine, "q=o to dien")) == ["Công nghệ ô tô điện"]
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["ke-toan"].unpublish()
    assert titles(run(engine, "q=ke toan")) == []
    with django_capture_on_commit_callbacks(execute=True):
        catalogue["nau-an"].delete()
    assert titles(run(engine, "q=mon an")) == []
    assert run(engine, "").total == 6


@pytest.mark.parametrize("engine_name", ["database", "elasticsearch"])
def test_a_selected_value_beyond_the_buckets_keeps_its_true_count(
    schools, settings, monkeypatch, engine_name
):
    """With the occupation facet limited to one shown value (so Elasticsearch asks for two
    buckets), an occupation selected from outside them still shows its true count."""
    engine = engine_for(engine_name, settings)
    kind = get_kind("programmes")
    facets = tuple(
        dataclasses.replace(facet, limit=1) if facet.name == "occupation" else facet
        for facet in kind.facets
    )
    monkeypatch.setattr(kind, "facets", facets)
    occupations = sorted(
        str(page.occupations.first().pk)
        for page in schools.values()
        if hasattr(page, "occupations")
    )
    last = occupations[-1]  # the terms aggregation keeps the first keys among equal counts
    result = run(engine, f"nghe={last}", kind="programmes")
    assert counts(result, "occupation")[last] == 1
    assert result.total == 1


@pytest.mark.parametrize("engine_name", ["database", "elasticsearch"])
def test_admission_open_now_at_half_past_midnight_in_vietnam(schools, settings, engine_name):
    """At 00:30 on 1 April in Vietnam (17:30 UTC on 31 March), a programme whose admission
    opens on 1 April is open."""
    school_factories.programme(
        schools["a"],
        "Hàn",
        level="so-cap",
        admission_start=datetime.date(2026, 4, 1),
        admission_end=datetime.date(2026, 4, 10),
    )
    engine = engine_for(engine_name, settings)
    instant = datetime.datetime(2026, 3, 31, 17, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        result = run(engine, "dang-tuyen=co", kind="programmes")
    assert "Hàn" in titles(result)
