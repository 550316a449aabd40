import itertools
import os

import pytest

from django.http import QueryDict

from search.contract import parse_query
from search.kinds import get_kind


def run(engine, params="", kind="occupations"):
    query, errors = parse_query(get_kind(kind), QueryDict(params), strict=True)
    return engine.search(query)


def random_changes(rng, rows, row, top):
    """One batch of random writes to the rows a facet index is built from (``rows``, changed
    in place): one to six ids below ``top`` rewritten by ``row(pk)``, or deleted (3 in 10).
    Gives what ``FacetIndex.updated`` takes: the facet tokens before, the rows now."""
    before, now = {}, []
    for pk in rng.sample(range(1, top), rng.randint(1, 6)):
        before[pk] = set(rows[pk]["facet_tokens"]) if pk in rows else set()
        if pk in rows and rng.random() < 0.3:
            del rows[pk]
        else:
            rows[pk] = row(pk)
            now.append(rows[pk])
    return before, now


def titles(result):
    return [hit.title for hit in result.hits]


def counts(result, facet):
    for facet_result in result.facets:
        if facet_result.facet.name == facet:
            return {option.value: option.count for option in facet_result.options}
    return {}


_live_numbers = itertools.count(1)


def live_server(settings):
    """The Elasticsearch engine of the test settings, pointed at the server given by
    ELASTICSEARCH_URL, with indexes of its own (a sub-prefix of the run's prefix), none
    built yet. Skipped without a server; failing under REQUIRE_ELASTICSEARCH=1."""
    url = settings.ELASTICSEARCH_TEST_URL
    if not url:
        message = "Elasticsearch: ELASTICSEARCH_URL is not set, live contract suite skipped"
        if os.environ.get("REQUIRE_ELASTICSEARCH") == "1":
            pytest.fail(f"{message} but REQUIRE_ELASTICSEARCH=1")
        pytest.skip(message)
    from search.engines import elasticsearch_engine

    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX_PREFIX += f"{next(_live_numbers)}-"
    return elasticsearch_engine()


def live_elasticsearch(settings):
    """``live_server``, with every kind's index rebuilt from the rows of this test."""
    from search.kinds import kinds

    engine = live_server(settings)
    for kind in kinds():
        engine.rebuild(kind)
    return engine


def engine_for(name, settings):
    """The database engine, or the live Elasticsearch one with this test's rows indexed."""
    if name == "database":
        from search.engines import database_engine

        settings.ELASTICSEARCH_URL = ""
        return database_engine()
    return live_elasticsearch(settings)
