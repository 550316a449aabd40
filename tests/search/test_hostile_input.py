"""Property-based: arbitrary strings and parameters never make the search fail."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.text import analyse

pytestmark = pytest.mark.django_db

PARAMS = ["q", "loai", "trinh-do", "nhom-nganh", "so-thich", "thu-nhap", "tinh", "sap-xep"]
PARAMS += ["trang", "trien-vong", "khac"]

texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)),
    max_size=300,
)
queries = st.dictionaries(
    st.sampled_from(PARAMS), st.one_of(texts, st.lists(texts, max_size=4)), max_size=6
)

HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@HYPOTHESIS
@given(params=queries)
def test_page_never_fails(client, catalogue, params):
    response = client.get("/tim-kiem/", params)
    assert response.status_code == 200


@HYPOTHESIS
@given(params=queries)
def test_api_answers_200_or_a_clear_400(client, catalogue, params):
    response = client.get("/api/search/occupations/", params)
    assert response.status_code in (200, 400)
    data = response.json()
    if response.status_code == 400:
        assert data["errors"]
    else:
        assert data["total"] >= len(data["hits"])


@HYPOTHESIS
@given(text=texts)
def test_suggestions_never_fail(client, catalogue, text):
    assert client.get("/api/search/suggest/", {"q": text}).status_code in (200, 400)


@given(text=st.text(max_size=1000))
def test_analysis_keeps_only_plain_words(text):
    analysed = analyse(text)
    for variant in analysed.variants:
        assert variant.words
        assert all(word.isascii() and word.isalnum() for word in variant.words)


@pytest.mark.parametrize("text", ["0\x00", "điện\x00công", "\u200bđiện\u200d", "\x07\x1b[31m"])
def test_control_characters_are_dropped(client, catalogue, text):
    """Found by the property tests: a NUL in the query reached PostgreSQL, which refuses it."""
    analysed = analyse(text)
    assert all(char.isprintable() for char in analysed.raw)
    assert client.get("/tim-kiem/", {"q": text}).status_code == 200
    assert client.get("/api/search/occupations/", {"q": text}).status_code == 200
    assert client.get("/api/search/suggest/", {"q": text}).status_code in (200, 400)
