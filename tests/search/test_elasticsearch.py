"""The Elasticsearch engine without a server: the index settings and mappings, the request
bodies it builds (checked against the server's rules, not only against a copy of our own
output), responses whose every field comes from the documentation's examples, and the
engine's behaviour against stand-in servers on 127.0.0.1 (``fake_es``): one that never
answers, and one that records each request and answers as the documentation shows.

The same behaviour against a real server: ``test_elasticsearch_live.py`` and the contract
suite, ``ELASTICSEARCH_URL=… make test-es``."""

import datetime
import json
import logging
import pathlib
import time
from unittest import mock

import pytest

from django.core.management import CommandError, call_command
from django.http import QueryDict
from django.utils import timezone

from search.contract import parse_query
from search.documents import (
    ElasticsearchEngine,
    OccupationSearch,
    ProgrammeSearch,
    parse_response,
    suggest_body,
)
from search.engines import ElasticsearchRefused
from search.kinds import get_kind, kinds
from search.text import analyse
from tests.search import fake_es

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
CLOSED_PORT = "http://127.0.0.1:9"


def fixture(name):
    data = json.loads((FIXTURES / name).read_text())
    data.pop("_fixture_sources", None)
    return data


def query(params, kind="occupations"):
    return parse_query(get_kind(kind), QueryDict(params), strict=True)[0]


def body_of(params, kind="occupations", **kwargs):
    search_class = OccupationSearch if kind == "occupations" else ProgrammeSearch
    return search_class(query(params, kind), "x", **kwargs).build_search().to_dict()


def walk(data):
    """Every (key, value) pair in a JSON document."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value
            yield from walk(value)
    elif isinstance(data, list):
        for item in data:
            yield from walk(item)


# Index and mappings


def test_index_settings_and_mappings_are_exactly_as_designed(db):
    engine = ElasticsearchEngine(CLOSED_PORT)
    built = engine.new_index(get_kind("occupations"), "any-name").to_dict()
    assert built == fixture("es_occupations_index.json")
    analysis = built["settings"]["analysis"]
    assert analysis["filter"]["vi_folding"] == {"type": "asciifolding", "preserve_original": True}
    assert built["mappings"]["properties"]["names"]["fields"]["suggest"]["type"] == (
        "search_as_you_type"
    )


@pytest.mark.parametrize("kind_name", ["occupations", "programmes"])
def test_mappings_are_strict_and_hold_every_field_a_document_writes(db, kind_name, settings):
    """``dynamic: strict``: a field the mapping does not name is refused by the server, so
    every field a row turns into must be mapped (and nothing else is written)."""
    kind = get_kind(kind_name)
    mapping = ElasticsearchEngine(CLOSED_PORT).new_index(kind, "n").to_dict()["mappings"]
    assert mapping["dynamic"] == "strict"
    properties = mapping["properties"]
    assert properties["page_id"] == {"type": "keyword"}
    facets = {facet.name for facet in kind.facets if not facet.window}
    assert facets <= set(properties)


def test_replicas_are_a_setting(db, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_REPLICAS = 2
    engine = ElasticsearchEngine.from_settings()
    built = engine.new_index(get_kind("occupations"), "n").to_dict()
    assert built["settings"]["number_of_replicas"] == 2


def test_short_timeouts_for_searches_long_ones_for_rebuilds(db, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    engine = ElasticsearchEngine.from_settings()
    assert engine.client._request_timeout == 1
    assert engine.rebuild_timeout == 120
    assert engine.client.options(request_timeout=engine.rebuild_timeout)._request_timeout == 120


def test_one_client_per_engine_with_tls_and_api_key(db, settings, tmp_path):
    settings.ELASTICSEARCH_URL = "https://127.0.0.1:9"
    a = ElasticsearchEngine.from_settings()
    settings.ELASTICSEARCH_API_KEY = "aWQ6a2V5"
    b = ElasticsearchEngine.from_settings()
    assert a.client is not b.client
    assert b.client._headers["authorization"] == "ApiKey aWQ6a2V5"
    assert ElasticsearchEngine.from_settings() is b  # one engine (and client) per settings


# Request bodies


@pytest.mark.parametrize(
    ("key", "params", "fuzzy"),
    [
        (
            "q=điện&trinh-do=cao-dang&so-thich=R&sap-xep=thu-nhap&trang=2",
            "q=điện&trinh-do=cao-dang&so-thich=R&sap-xep=thu-nhap&trang=2",
            False,
        ),
        ("", "", False),
        ("q=ke tona (near matches)", "q=ke tona", True),
        (
            "sap-xep=ten&nhom-nganh=52&nhom-nganh=51",
            "sap-xep=ten&nhom-nganh=52&nhom-nganh=51",
            False,
        ),
    ],
)
def test_request_bodies_are_exactly_as_designed(db, key, params, fuzzy):
    expected = fixture("es_occupations_requests.json")[key]
    assert body_of(params, fuzzy=fuzzy) == expected


@pytest.mark.parametrize("kind_name", ["occupations", "programmes"])
def test_no_request_sorts_on_id(db, kind_name):
    """Elasticsearch 8+ refuses to sort on ``_id`` ("Fielddata access on the _id field is
    disallowed", ProvidedIdFieldMapper): every order ends on the ``page_id`` keyword."""
    kind = get_kind(kind_name)
    for text in ("", "q=điện"):
        for sort in kind.sorts:
            params = "&".join(filter(None, [text, f"sap-xep={sort.key}"]))
            body = body_of(params, kind_name)
            sort_keys = [next(iter(s)) if isinstance(s, dict) else s for s in body["sort"]]
            assert "_id" not in sort_keys, params
            assert sort_keys[-1] == "page_id", params
    assert "_id" not in suggest_body(analyse("dien c"))["sort"]


def test_every_typed_word_is_required(db):
    """Matching requires every word, whole, of one reading of the query (the synonyms give
    the others) in the searchable text: ``match`` with ``operator: and`` — the database
    engine's ``w1 & w2 & w3``."""
    body = body_of("q=lap trinh may")
    required = body["query"]["bool"]["must"][0]["bool"]
    assert required["boost"] < 0.01  # relevance only breaks ties
    readings = required["must"][0]["bool"]
    assert readings["minimum_should_match"] == 1
    matches = [clause["match"]["text"] for clause in readings["should"]]
    assert {"query": "lap trinh may", "operator": "and"} in matches
    assert all(match["operator"] == "and" for match in matches)
    # One reading per synonym variant, as the database engine reads the query.
    assert [m["query"] for m in matches] == [v.folded for v in analyse("lap trinh may").variants]
    single = body_of("q=ke toan")["query"]["bool"]["must"][0]["bool"]["must"][0]
    assert single == {"match": {"text": {"query": "ke toan", "operator": "and"}}}


def test_ranking_tiers_are_constant_scores(db):
    """Each tier is a ``constant_score`` with the database engine's weight; relevance (BM25)
    only breaks ties, scaled down far below the smallest step between tiers."""
    from search import database

    body = body_of("q=điện")
    tiers = body["query"]["bool"]["should"]
    assert [tier["constant_score"]["boost"] for tier in tiers] == [
        database.EXACT_NAMES,
        database.EXACT_TEXT,
        database.PHRASE_NAMES,
        database.PHRASE_TEXT,
        database.STARTS_NAMES,
        database.LITERAL_NAMES,
    ]
    assert tiers[0]["constant_score"]["filter"] == {"match_phrase_prefix": {"names.exact": "điện"}}


def test_near_matches_are_an_unfinished_last_word_or_a_typo(db):
    """Only when nothing holds every word: the last word as the start of a longer word,
    ranked before a typo in the names (every word within ``fuzziness: AUTO``)."""
    body = body_of("q=ke tona", fuzzy=True)
    assert body["query"] == {
        "bool": {
            "should": [
                {
                    "constant_score": {
                        "filter": {
                            "match_bool_prefix": {"text": {"query": "ke tona", "operator": "and"}}
                        },
                        "boost": 1,
                    }
                },
                {
                    "match": {
                        "names": {
                            "query": "ke tona",
                            "fuzziness": "AUTO",
                            "operator": "and",
                            "boost": 0.001,
                        }
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }


def test_multi_select_semantics_in_the_request(db):
    body = body_of("trinh-do=cao-dang&so-thich=R")
    # Results: every selection (post_filter); each facet: every selection but its own.
    assert body["post_filter"] == {
        "bool": {"must": [{"terms": {"level": ["cao-dang"]}}, {"terms": {"riasec": ["R"]}}]}
    }
    assert body["aggs"]["_filter_level"]["filter"] == {"terms": {"riasec": ["R"]}}
    assert body["aggs"]["_filter_riasec"]["filter"] == {"terms": {"level": ["cao-dang"]}}


def test_suggestions_require_every_typed_word():
    expected = fixture("es_occupations_requests.json")["suggest: dien c"]
    body = suggest_body(analyse("dien c"))
    assert body == expected
    assert body["query"]["multi_match"]["operator"] == "and"


def test_large_facet_counts_selected_values_outside_the_top_buckets(db, schools):
    occupation = str(schools["dien"].occupations.first().pk)
    body = body_of(f"nghe={occupation}", "programmes")
    aggs = body["aggs"]["_filter_occupation"]["aggs"]
    assert (
        aggs["occupation"]["terms"]["size"] == get_kind("programmes").facet("occupation").limit * 2
    )
    assert aggs["occupation_selected"] == {
        "terms": {"field": "occupation", "include": [occupation], "size": 1}
    }


def test_admission_open_now_is_vietnam_today(db):
    """At 00:30 in Vietnam (17:30 UTC the day before) "today" is Vietnam's date, as in the
    database engine; ``now/d`` would round in UTC and give yesterday."""
    instant = datetime.datetime(2026, 3, 31, 17, 30, tzinfo=datetime.UTC)
    with mock.patch("django.utils.timezone.now", return_value=instant):
        assert timezone.localdate() == datetime.date(2026, 4, 1)
        body = body_of("dang-tuyen=co&so-huu=cong-lap", "programmes")
    window = {
        "bool": {
            "must": [
                {"range": {"admission_start": {"lte": "2026-04-01"}}},
                {"range": {"admission_end": {"gte": "2026-04-01"}}},
            ]
        }
    }
    assert body["aggs"]["_filter_admission"] == {
        "filter": {"terms": {"ownership": ["cong-lap"]}},
        "aggs": {"admission": {"filter": window}},
    }
    assert body["aggs"]["_filter_ownership"]["filter"] == window
    assert body["post_filter"] == {
        "bool": {"must": [*window["bool"]["must"], {"terms": {"ownership": ["cong-lap"]}}]}
    }
    assert "now" not in json.dumps(body)


# Responses


def test_documented_response_is_parsed_into_the_contract(db):
    contract_query = query("q=điện&trinh-do=cao-dang")
    search = OccupationSearch(contract_query, "huong-nghiep-occupations")
    result = parse_response(contract_query, search, fixture("es_occupations_response.json"))
    assert result.engine == "elasticsearch"
    assert result.total == 2
    assert [hit.title for hit in result.hits] == ["Điện công nghiệp", "Điện tử công nghiệp"]
    assert result.hits[0].id == 41
    assert result.hits[0].url == "/nghe-nghiep/dien-cong-nghiep/"
    assert result.hits[0].display["levels"] == ["Trung cấp", "Cao đẳng"]
    facets = {
        f.facet.name: {o.value: (o.count, o.selected) for o in f.options} for f in result.facets
    }
    assert facets["level"] == {
        "so-cap": (1, False),
        "trung-cap": (2, False),
        "cao-dang": (3, True),
    }
    assert facets["field"] == {"51": (1, False), "52": (1, False)}
    assert "province" not in facets
    assert not result.fuzzy


def test_selected_value_outside_the_buckets_shows_its_true_count(db):
    """The occupation selected (199) is not among the top buckets (sum_other_doc_count 40):
    its count comes from the ``occupation_selected`` aggregation, not 0."""
    from search.kinds import Facet

    labels = {str(pk): f"Nghề {pk}" for pk in (101, 102, 103, 199)}
    contract_query = query("sap-xep=ten", "programmes")
    contract_query.filters = {"occupation": ("199",)}
    contract_query.labels = {"occupation": {"199": "Nghề 199"}}
    search = ProgrammeSearch(contract_query, "x")
    with mock.patch.object(
        Facet, "labels_for", lambda facet, values: {v: labels[v] for v in values if v in labels}
    ):
        result = parse_response(contract_query, search, fixture("es_programmes_response.json"))
    options = {
        o.value: (o.count, o.selected)
        for f in result.facets
        if f.facet.name == "occupation"
        for o in f.options
    }
    assert options == {"199": (1, True), "101": (9, False), "102": (8, False), "103": (7, False)}


# Against stand-in servers on 127.0.0.1 (tests/search/fake_es.py)

# A refusal as the server sends it: the error object of the REST API ({error: {root_cause,
# type, reason, caused_by}, status}); this one is what Elasticsearch 8+ answers to a sort on
# ``_id`` — the reason is the IllegalArgumentException of ProvidedIdFieldMapper's fielddata
# builder, wrapped in a search_phase_execution_exception ("all shards failed").
ID_FIELDDATA = (
    "Fielddata access on the _id field is disallowed, you can re-enable it by updating the "
    "dynamic cluster setting: indices.id_field_data.enabled"
)
REFUSALS = {
    400: {
        "error": {
            "root_cause": [{"type": "illegal_argument_exception", "reason": ID_FIELDDATA}],
            "type": "search_phase_execution_exception",
            "reason": "all shards failed",
            "phase": "query",
            "grouped": True,
            "caused_by": {"type": "illegal_argument_exception", "reason": ID_FIELDDATA},
        },
        "status": 400,
    },
    # Security: a request without valid credentials, and one without the privilege.
    401: {
        "error": {
            "root_cause": [
                {"type": "security_exception", "reason": "missing authentication credentials"}
            ],
            "type": "security_exception",
            "reason": "missing authentication credentials",
        },
        "status": 401,
    },
    403: {
        "error": {
            "root_cause": [{"type": "security_exception", "reason": "action is unauthorized"}],
            "type": "security_exception",
            "reason": "action is unauthorized",
        },
        "status": 403,
    },
}
UNAVAILABLE = {
    429: {
        "error": {
            "root_cause": [{"type": "es_rejected_execution_exception", "reason": "rejected"}],
            "type": "es_rejected_execution_exception",
            "reason": "rejected",
        },
        "status": 429,
    },
    503: {
        "error": {
            "root_cause": [{"type": "cluster_block_exception", "reason": "blocked"}],
            "type": "cluster_block_exception",
            "reason": "blocked",
        },
        "status": 503,
    },
    # The index (alias) does not exist yet: before the first rebuild.
    404: {
        "error": {
            "root_cause": [
                {
                    "type": "index_not_found_exception",
                    "reason": "no such index [x]",
                    "resource.type": "index_or_alias",
                    "resource.id": "x",
                    "index": "x",
                }
            ],
            "type": "index_not_found_exception",
            "reason": "no such index [x]",
            "resource.type": "index_or_alias",
            "resource.id": "x",
            "index": "x",
        },
        "status": 404,
    },
}


@pytest.fixture
def unresponsive():
    server = fake_es.Unresponsive()
    yield server
    server.close()


@pytest.fixture
def recording():
    servers = []

    def start(respond):
        server = fake_es.Recording(respond)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.close()


def test_unreachable_server_falls_back_to_the_database_with_a_warning(
    client, catalogue, settings, caplog
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    with caplog.at_level(logging.WARNING, logger="search"):
        page = client.get("/tim-kiem/", {"q": "ke toan"})
        api = client.get("/api/search/occupations/", {"q": "ke toan"})
        suggestions = client.get("/api/search/suggest/", {"q": "ke"})
    assert page.status_code == 200
    assert "Kế toán doanh nghiệp" in page.content.decode()
    assert api.status_code == 200
    assert api.json()["engine"] == "database"
    assert api.json()["hits"][0]["title"] == "Kế toán doanh nghiệp"
    assert suggestions.status_code == 200
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("Elasticsearch unavailable" in message for message in warnings)


def test_hung_server_answers_from_the_database_within_the_timeout_then_is_skipped(
    client, catalogue, settings, unresponsive
):
    """A server that accepts and never answers: the first search waits the timeout (1 s) and
    is answered by the database; while the breaker is open, searches and suggestions do not
    even connect; after it, the server is tried again."""
    settings.ELASTICSEARCH_URL = unresponsive.url
    settings.ELASTICSEARCH_TIMEOUT = 1
    started = time.monotonic()
    first = client.get("/api/search/occupations/", {"q": "ke toan"})
    took = time.monotonic() - started
    assert first.status_code == 200
    assert first.json()["engine"] == "database"
    assert first.json()["hits"][0]["title"] == "Kế toán doanh nghiệp"
    assert 0.9 < took < 2.5
    assert len(unresponsive.accepted) == 1

    started = time.monotonic()
    for _ in range(5):
        assert client.get("/api/search/occupations/", {"q": "ke"}).json()["engine"] == "database"
        assert client.get("/api/search/suggest/", {"q": "ke"}).status_code == 200
    assert time.monotonic() - started < 1.0  # ten requests, none waiting for the timeout
    assert len(unresponsive.accepted) == 1

    ElasticsearchEngine.from_settings().breaker.open_until = 0  # the 30 s have passed
    assert client.get("/api/search/occupations/", {"q": "ke"}).json()["engine"] == "database"
    assert len(unresponsive.accepted) == 2


@pytest.mark.parametrize("status", sorted(REFUSALS))
def test_a_refusal_is_loud(client, catalogue, settings, recording, status, caplog):
    """400, 401, 403 are bugs or misconfiguration, not "down": raised under DEBUG and in
    tests; in production logged at ERROR with the server's reason, and the database answers."""
    server = recording(lambda request: (status, REFUSALS[status]))
    settings.ELASTICSEARCH_URL = server.url
    with pytest.raises(ElasticsearchRefused, match=str(status)):
        client.get("/api/search/occupations/", {"q": "ke toan"})

    settings.ELASTICSEARCH_RAISE_ERRORS = False
    with caplog.at_level(logging.ERROR, logger="search"):
        answer = client.get("/api/search/occupations/", {"q": "ke toan"})
    assert answer.status_code == 200
    assert answer.json()["engine"] == "database"
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    assert any("refused" in message and str(status) in message for message in errors)
    if status == 400:
        assert any("Fielddata access on the _id field" in message for message in errors)


@pytest.mark.parametrize("status", sorted(UNAVAILABLE))
def test_overload_failure_and_missing_index_mean_unavailable(
    client, catalogue, settings, recording, status, caplog
):
    server = recording(lambda request: (status, UNAVAILABLE[status]))
    settings.ELASTICSEARCH_URL = server.url
    with caplog.at_level(logging.WARNING, logger="search"):
        answer = client.get("/api/search/occupations/", {"q": "ke toan"})
    assert answer.json()["engine"] == "database"
    assert answer.json()["hits"][0]["title"] == "Kế toán doanh nghiệp"
    assert any("Elasticsearch unavailable" in r.getMessage() for r in caplog.records)


def test_rebuild_with_the_server_down_says_so(catalogue, settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    with pytest.raises(CommandError, match="Không kết nối được Elasticsearch"):
        call_command("search_index", "--rebuild")


class Cluster:
    """Just enough of the index, alias, bulk, refresh, search-with-scroll and delete APIs to
    follow a rebuild, answering with the shapes of the API reference's examples: create index
    {acknowledged, shards_acknowledged, index}; _aliases and delete index {acknowledged};
    refresh {_shards}; bulk {took, errors, items[{action: {_index, _id, result, status}}]};
    search with scroll {_scroll_id, took, timed_out, _shards, hits}; clear scroll
    {succeeded, num_freed}. A write with ``require_alias`` to a name that is not an alias gets
    the server's item error (404 index_not_found_exception, "no such index [x] and
    [require_alias] request flag is [true] and [x] is not an alias"; asserted by the server's
    REST test AutoCreateIndexIT.testRequireAliasImplicitValueIsTrue)."""

    def __init__(self, concrete=(), fail_bulk=None, fail_create=None):
        self.documents = {name: {} for name in concrete}  # index -> {id: source}
        self.aliases = {}  # alias -> index
        self.fail_bulk = fail_bulk
        self.fail_create = fail_create

    def _target(self, name):
        return self.aliases.get(name, name)

    def __call__(self, request):
        """One branch per API, as a server has."""
        method, path, params = request.method, request.path, request.params
        parts = path.strip("/").split("/")
        if path == "/_bulk":  # the client sends PUT, POST is as good
            return 200, self._bulk(request)
        shards = {"total": 1, "successful": 1, "skipped": 0, "failed": 0}
        if method == "HEAD" and parts[0] == "_alias":
            return (200 if parts[1] in self.aliases else 404), None
        if method == "HEAD" and len(parts) == 1:
            return (200 if parts[0] in self.documents or parts[0] in self.aliases else 404), None
        if method == "GET" and parts[0] == "_alias":
            return 200, {self.aliases[parts[1]]: {"aliases": {parts[1]: {}}}}
        if method == "GET" and len(parts) == 1:
            prefix = parts[0].rstrip("*")
            return 200, {name: {} for name in self.documents if name.startswith(prefix)}
        if method == "PUT" and len(parts) == 1:
            if self.fail_create:
                return self.fail_create
            self.documents[parts[0]] = {}
            return 200, {"acknowledged": True, "shards_acknowledged": True, "index": parts[0]}
        if method == "DELETE" and len(parts) == 1:
            self.documents.pop(parts[0], None)
            return 200, {"acknowledged": True}
        if method == "POST" and parts[-1] == "_refresh":
            return 200, {"_shards": {"total": 1, "successful": 1, "failed": 0}}
        if method == "POST" and path == "/_aliases":
            for action in request.body["actions"]:
                ((kind, spec),) = action.items()
                if kind == "add":
                    self.aliases[spec["alias"]] = spec["index"]
                elif kind == "remove":
                    self.aliases.pop(spec["alias"], None)
                elif kind == "remove_index":
                    self.documents.pop(spec["index"])
            return 200, {"acknowledged": True}
        if parts[-1] == "_search" and "scroll" in params:
            ids = sorted(self.documents[self._target(parts[0])])
            hits = [{"_index": parts[0], "_id": i, "_score": 1.0} for i in ids]
            return 200, {
                "_scroll_id": "DXF1ZXJ5QW5kRmV0Y2gBAAAAAAAAAD4WYm9laVYtZndUQlNsdDcwakFMNjU1QQ==",
                "took": 1,
                "timed_out": False,
                "_shards": shards,
                "hits": {"total": {"value": len(hits), "relation": "eq"}, "hits": hits},
            }
        if path == "/_search/scroll" and method == "POST":
            return 200, {
                "_scroll_id": request.body["scroll_id"],
                "took": 1,
                "timed_out": False,
                "_shards": shards,
                "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []},
            }
        if path == "/_search/scroll" and method == "DELETE":
            return 200, {"succeeded": True, "num_freed": 1}
        return 400, {"error": {"type": "unexpected", "reason": f"{method} {path}"}, "status": 400}

    def _bulk(self, request):
        if self.fail_bulk:
            return self.fail_bulk
        lines = iter(request.body)
        items = []
        for line in lines:
            ((action, meta),) = line.items()
            name = meta["_index"]
            item = {"_index": name, "_id": meta["_id"]}
            if request.params.get("require_alias") == "true" and name not in self.aliases:
                if action != "delete":
                    next(lines)
                item |= {
                    "status": 404,
                    "error": {
                        "type": "index_not_found_exception",
                        "reason": f"no such index [{name}] and [require_alias] request flag "
                        f"is [true] and [{name}] is not an alias",
                        "index": name,
                    },
                }
            elif action == "delete":
                found = self.documents[self._target(name)].pop(meta["_id"], None)
                item |= {
                    "result": "deleted" if found else "not_found",
                    "status": 200 if found else 404,
                }
            else:
                self.documents[self._target(name)][meta["_id"]] = next(lines)
                item |= {"result": "created", "status": 201}
            items.append({action: item})
        errors = any("error" in next(iter(item.values())) for item in items)
        return {"took": 3, "errors": errors, "items": items}


def _bulks(server):
    return [r for r in server.requests if r.path == "/_bulk"]


def test_publishing_writes_one_bulk_request_after_the_commit(
    catalogue, settings, recording, django_capture_on_commit_callbacks
):
    cluster = Cluster()
    server = recording(cluster)
    settings.ELASTICSEARCH_URL = server.url
    call_command("search_index", "--rebuild")
    before, requests_before = len(_bulks(server)), len(server.requests)
    page = catalogue["o-to"]
    page.title = "Công nghệ ô tô điện"
    with django_capture_on_commit_callbacks() as callbacks:
        page.save_revision().publish()
        assert len(_bulks(server)) == before  # nothing sent inside the transaction
    for callback in callbacks:
        callback()
    sent = _bulks(server)[before:]
    assert len(sent) == 1
    assert sent[0].params == {"require_alias": "true", "refresh": "wait_for"}
    alias = settings.ELASTICSEARCH_INDEX_PREFIX + "occupations"
    assert sent[0].body[0] == {"index": {"_index": alias, "_id": str(page.pk)}}
    assert sent[0].body[1]["title"] == "Công nghệ ô tô điện"
    assert sent[0].body[1]["page_id"] == str(page.pk)
    assert len(server.requests) == requests_before + 1  # no separate refresh


def test_publishing_before_the_first_rebuild_creates_no_index_and_the_rebuild_works(
    catalogue, settings, recording, django_capture_on_commit_callbacks, caplog
):
    """``ELASTICSEARCH_URL=… make demo`` publishes before it rebuilds: with ``require_alias``
    the write is refused instead of auto-creating an index under the alias's name."""
    cluster = Cluster()
    server = recording(cluster)
    settings.ELASTICSEARCH_URL = server.url
    page = catalogue["o-to"]
    with (
        caplog.at_level(logging.WARNING, logger="search"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    assert any("could not index" in r.getMessage() for r in caplog.records)
    assert cluster.documents == {}
    call_command("search_index", "--rebuild")
    alias = settings.ELASTICSEARCH_INDEX_PREFIX + "occupations"
    assert cluster.aliases[alias] in cluster.documents
    assert str(page.pk) in cluster.documents[cluster.aliases[alias]]


def test_rebuild_replaces_a_concrete_index_holding_the_alias_name(catalogue, settings, recording):
    alias = settings.ELASTICSEARCH_INDEX_PREFIX + "occupations"
    cluster = Cluster(concrete=[alias])
    server = recording(cluster)
    settings.ELASTICSEARCH_URL = server.url
    call_command("search_index", "--rebuild", "--kind", "occupations")
    swap = next(r for r in server.requests if r.path == "/_aliases")
    new = cluster.aliases[alias]
    assert swap.body["actions"] == [
        {"remove_index": {"index": alias}},
        {"add": {"index": new, "alias": alias}},
    ]


def test_rebuild_twice_swaps_then_deletes_the_old_index_by_name(catalogue, settings, recording):
    cluster = Cluster()
    server = recording(cluster)
    settings.ELASTICSEARCH_URL = server.url
    alias = settings.ELASTICSEARCH_INDEX_PREFIX + "occupations"
    call_command("search_index", "--rebuild", "--kind", "occupations")
    first = cluster.aliases[alias]
    time.sleep(0.001)
    call_command("search_index", "--rebuild", "--kind", "occupations")
    second = cluster.aliases[alias]
    assert second != first
    assert set(cluster.documents) == {second}
    swap = [r for r in server.requests if r.path == "/_aliases"][-1]
    assert swap.body["actions"] == [
        {"remove": {"index": first, "alias": alias}},
        {"add": {"index": second, "alias": alias}},
    ]
    deletes = [
        r.path for r in server.requests if r.method == "DELETE" and r.path != "/_search/scroll"
    ]
    assert deletes == [f"/{first}"]
    assert len(cluster.documents[second]) == 8


def test_failed_rebuild_removes_its_index_and_says_why(catalogue, settings, recording):
    refusal = {
        "took": 2,
        "errors": True,
        "items": [
            {
                "index": {
                    "_index": "n",
                    "_id": "1",
                    "status": 400,
                    "error": {
                        "type": "strict_dynamic_mapping_exception",
                        "reason": "mapping set to strict, dynamic introduction of [x] within "
                        "[_doc] is not allowed",
                    },
                }
            }
        ],
    }
    cluster = Cluster(fail_bulk=refusal)
    server = recording(cluster)
    settings.ELASTICSEARCH_URL = server.url
    with pytest.raises(CommandError, match="strict_dynamic_mapping_exception"):
        call_command("search_index", "--rebuild", "--kind", "occupations")
    created = next(r.path for r in server.requests if r.method == "PUT")
    assert ("DELETE", created) in [(r.method, r.path) for r in server.requests]
    assert cluster.documents == {} and cluster.aliases == {}


def test_refused_index_creation_prints_the_servers_reason(catalogue, settings, recording):
    refusal = {
        "error": {
            "root_cause": [{"type": "mapper_parsing_exception", "reason": "unknown parameter"}],
            "type": "mapper_parsing_exception",
            "reason": "Failed to parse mapping: unknown parameter",
        },
        "status": 400,
    }
    server = recording(Cluster(fail_create=(400, refusal)))
    settings.ELASTICSEARCH_URL = server.url
    with pytest.raises(CommandError, match="mapper_parsing_exception: Failed to parse mapping"):
        call_command("search_index", "--rebuild", "--kind", "occupations")


def test_changes_published_during_a_rebuild_are_not_lost(catalogue, settings, recording):
    from search.indexing import write_rows
    from search.models import OccupationSearchRow

    cluster = Cluster()
    server = recording(cluster)
    settings.ELASTICSEARCH_URL = server.url
    kind = get_kind("occupations")
    engine = ElasticsearchEngine.from_settings()
    engine.rebuild(kind)
    OccupationSearchRow.objects.update(indexed_at=timezone.now() - datetime.timedelta(hours=1))
    changed, removed = catalogue["o-to"], catalogue["nau-an"]
    swap = ElasticsearchEngine._swap

    def publish_during_the_rebuild(client, alias, name):
        # The new index is filled; before the swap, an editor publishes and unpublishes
        # (their writes go through the alias, to the old index).
        changed.title = "Công nghệ ô tô điện"
        changed.save_revision().publish()
        removed.unpublish()
        write_rows(kind, [removed.pk])
        return swap(client, alias, name)

    with mock.patch.object(ElasticsearchEngine, "_swap", staticmethod(publish_during_the_rebuild)):
        name = engine.rebuild(kind)
    assert cluster.documents[name][str(changed.pk)]["title"] == "Công nghệ ô tô điện"
    assert str(removed.pk) not in cluster.documents[name]
    assert len(cluster.documents[name]) == 7


def test_drop_indexes_lists_then_deletes_by_name(db, settings, recording):
    prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    cluster = Cluster(concrete=[f"{prefix}occupations-1", f"{prefix}programmes-1", "other"])
    server = recording(cluster)
    engine = ElasticsearchEngine(server.url, prefix)
    assert engine.drop_indexes() == [f"{prefix}occupations-1", f"{prefix}programmes-1"]
    deletes = [r.path for r in server.requests if r.method == "DELETE"]
    assert deletes == [f"/{prefix}occupations-1", f"/{prefix}programmes-1"]
    assert all("*" not in path for path in deletes)
    assert set(cluster.documents) == {"other"}


def test_every_kind_has_a_document_and_a_search(db):
    from search.documents import DOCUMENTS, SEARCHES

    assert {kind.name for kind in kinds()} == set(DOCUMENTS) == set(SEARCHES)


def test_publishing_while_the_server_is_down_still_publishes(
    catalogue, settings, caplog, django_capture_on_commit_callbacks
):
    from search.models import OccupationSearchRow

    settings.ELASTICSEARCH_URL = CLOSED_PORT
    page = catalogue["o-to"]
    page.title = "Công nghệ ô tô điện"
    with (
        caplog.at_level(logging.WARNING, logger="search"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision().publish()
    assert OccupationSearchRow.objects.get(page=page).title == "Công nghệ ô tô điện"
    assert any("could not index" in r.getMessage() for r in caplog.records)


def test_programme_mapping(db):
    built = ElasticsearchEngine(CLOSED_PORT).new_index(get_kind("programmes"), "p").to_dict()
    properties = built["mappings"]["properties"]
    assert properties["admission_end"] == {"type": "date"}
    assert properties["commune"] == {"type": "keyword"}
    assert properties["names"]["search_analyzer"] == "vi_search"
    assert "admission" not in properties  # computed at search time, never stored


def test_tests_never_touch_the_production_indexes(settings):
    """The test settings give this run its own index prefix (the session fixture deletes its
    indexes by name at the end) and keep Elasticsearch off unless a test asks for it."""
    assert settings.ELASTICSEARCH_INDEX_PREFIX.startswith("test-")
    assert settings.ELASTICSEARCH_INDEX_PREFIX != "huong-nghiep-"
    assert settings.ELASTICSEARCH_URL == ""
    engine = ElasticsearchEngine(CLOSED_PORT, settings.ELASTICSEARCH_INDEX_PREFIX)
    assert engine.alias(get_kind("occupations")).startswith(settings.ELASTICSEARCH_INDEX_PREFIX)


def test_a_tls_error_is_a_misconfiguration_not_an_outage():
    """A certificate the client cannot verify is refused loudly, and does not open the
    breaker (which would turn the next 30 s of errors into quiet fallbacks)."""
    import ssl

    from elastic_transport import TlsError

    engine = ElasticsearchEngine("https://127.0.0.1:9")
    cause = ssl.SSLCertVerificationError("certificate verify failed")
    with pytest.raises(ElasticsearchRefused, match="certificate verify failed"), engine._guard():
        raise TlsError("TLS error", errors=(cause,))  # as elastic_transport's node raises it
    assert not engine.breaker.is_open()
