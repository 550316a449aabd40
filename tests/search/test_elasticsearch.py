"""The Elasticsearch engine without a server: the exact index settings and mappings, the exact
request bodies, parsing of recorded (hand-written, ES 9 format) responses, and the fallback to
the database engine when the server cannot be reached."""

import json
import logging
import pathlib

import pytest

from django.http import QueryDict

from search.contract import parse_query
from search.documents import (
    ElasticsearchEngine,
    OccupationSearch,
    parse_response,
    suggest_body,
    synonym_rules,
)
from search.kinds import get_kind
from search.text import analyse

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
CLOSED_PORT = "http://127.0.0.1:9"


def fixture(name):
    return json.loads((FIXTURES / name).read_text())


def query(params):
    return parse_query(get_kind("occupations"), QueryDict(params), strict=True)[0]


def test_index_settings_and_mappings_are_exactly_as_designed(db):
    engine = ElasticsearchEngine(CLOSED_PORT)
    built = engine.new_index(get_kind("occupations"), "any-name").to_dict()
    assert built == fixture("es_occupations_index.json")
    analysis = built["settings"]["analysis"]
    assert analysis["filter"]["vi_folding"] == {"type": "asciifolding", "preserve_original": True}
    assert built["mappings"]["properties"]["names"]["fields"]["suggest"]["type"] == (
        "search_as_you_type"
    )


def test_synonym_rules_are_folded_and_one_way():
    rules = synonym_rules()
    assert "cntt => cntt, cong nghe thong tin" in rules
    assert "nau an => nau an, ky thuat che bien mon an, che bien mon an" in rules
    assert all(rule.isascii() for rule in rules)


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
    search = OccupationSearch(query(params), "huong-nghiep-occupations", fuzzy=fuzzy)
    assert search.build_search().to_dict() == expected


def test_multi_select_semantics_in_the_request(db):
    body = OccupationSearch(query("trinh-do=cao-dang&so-thich=R"), "x").build_search().to_dict()
    # Results: every selection (post_filter); each facet: every selection but its own.
    assert body["post_filter"] == {
        "bool": {"must": [{"terms": {"level": ["cao-dang"]}}, {"terms": {"riasec": ["R"]}}]}
    }
    assert body["aggs"]["_filter_level"]["filter"] == {"terms": {"riasec": ["R"]}}
    assert body["aggs"]["_filter_riasec"]["filter"] == {"terms": {"level": ["cao-dang"]}}


def test_suggest_body():
    expected = fixture("es_occupations_requests.json")["suggest: dien c"]
    assert suggest_body(analyse("dien c")) == expected


def test_recorded_response_is_parsed_into_the_contract(db):
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


def test_publishing_while_the_server_is_down_still_publishes(catalogue, settings, caplog):
    from search.models import OccupationSearchRow

    settings.ELASTICSEARCH_URL = CLOSED_PORT
    page = catalogue["o-to"]
    page.title = "Công nghệ ô tô điện"
    with caplog.at_level(logging.WARNING, logger="search"):
        page.save_revision().publish()
    assert OccupationSearchRow.objects.get(page=page).title == "Công nghệ ô tô điện"
    assert any("could not index" in r.getMessage() for r in caplog.records)


def test_rebuild_with_the_server_down_says_so(catalogue, settings):
    from django.core.management import CommandError, call_command

    settings.ELASTICSEARCH_URL = CLOSED_PORT
    with pytest.raises(CommandError, match="Không kết nối được Elasticsearch"):
        call_command("search_index", "--rebuild")


def test_programme_request_uses_a_date_window_for_admission_open_now(db):
    from search.documents import ProgrammeSearch

    contract_query = parse_query(
        get_kind("programmes"), QueryDict("dang-tuyen=co&so-huu=cong-lap"), strict=True
    )[0]
    body = ProgrammeSearch(contract_query, "x").build_search().to_dict()
    window = {
        "bool": {
            "must": [
                {"range": {"admission_start": {"lte": "now/d"}}},
                {"range": {"admission_end": {"gte": "now/d"}}},
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


def test_programme_mapping(db):
    built = ElasticsearchEngine(CLOSED_PORT).new_index(get_kind("programmes"), "p").to_dict()
    properties = built["mappings"]["properties"]
    assert properties["admission_end"] == {"type": "date"}
    assert properties["commune"] == {"type": "keyword"}
    assert properties["names"]["search_analyzer"] == "vi_search"
