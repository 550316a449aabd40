"""The database engine's fast path: on PostgreSQL the text of a query whose words are common is
matched by the in-memory index (the lexemes PostgreSQL stored) and only one page is ranked and
returned by PostgreSQL. It must give exactly what matching every row in PostgreSQL gives: the
same hits with the same scores, in the same order, the same totals and facet counts."""

import pytest

from django.db import connection

from search import bench, database, facetindex
from search.database import DatabaseEngine
from search.facetindex import FacetIndex
from search.kinds import get_kind
from tests.search.helpers import random_changes, titles
from tests.search.helpers import run as run_kind

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
]

QUERIES = [
    "q=dien",
    "q=điện",
    "q=Điện công nghiệp",
    "q=dien cong nghiep",
    "q=cong nghiep&trang=2",
    "q=ke toan&so-huu=cong-lap",
    "q=dien&trinh-do=cao-dang&trinh-do=trung-cap",
    "q=can tho&sap-xep=hoc-phi&so-huu=cong-lap",
    "q=dien&sap-xep=ten",
    "q=cong nghe&sap-xep=thoi-gian",
    "q=thợ điện",  # synonyms: several readings
    "q=cntt",
    "q=o to&ky-tuc-xa=co",
    "q=ke tona doanh",  # nothing matches: the near-match search
    "q=dien xyzzy",  # a word no row holds
]


def outcome(params):
    result = run_kind(DatabaseEngine(), params, kind="programmes")
    return (
        [(hit.id, hit.title, hit.url, hit.summary, hit.display, hit.score) for hit in result.hits],
        result.total,
        result.fuzzy,
        [
            (facet.facet.name, [(o.value, o.count, o.selected) for o in facet.options])
            for facet in result.facets
        ],
    )


def both_paths(monkeypatch, params):
    """(fast, every row matched in PostgreSQL), and whether the fast path ran. The slow way
    also does the near-match search's prefix match in PostgreSQL."""
    ranked = []
    real = DatabaseEngine._ranked_page

    def spy(query, *args):
        ranked.append(query)
        return real(query, *args)

    monkeypatch.setattr(DatabaseEngine, "_ranked_page", staticmethod(spy))
    fast = outcome(params)
    monkeypatch.setattr(FacetIndex, "text_match", lambda self, text: None)
    monkeypatch.setattr(FacetIndex, "prefix_match", lambda self, text: None)
    slow = outcome(params)
    monkeypatch.undo()
    return fast, slow, bool(ranked)


@pytest.mark.parametrize("params", QUERIES)
def test_the_fast_path_gives_what_matching_in_postgresql_gives(schools, monkeypatch, params):
    fast, slow, used = both_paths(monkeypatch, params)
    assert fast == slow
    # Four rows: every word is common, so every query with hits goes the fast way.
    assert used == (bool(slow[0]) and not slow[2])


def test_the_same_over_a_generated_set(home_page, monkeypatch):
    """A few hundred generated programmes: many ties in relevance (same titles at many
    schools), several pages, the sorts with their relevance tie-break, rare words."""
    bench.generate(occupations=90, institutions=12, programmes=480, out=lambda line: None)
    used = 0
    for params in [
        *QUERIES,
        "q=điện&trang=2",
        "q=điện&trang=9",
        "q=dien tu",
        "q=may",
        "q=mẫu 3",  # a rarer word: PostgreSQL matches it
        "q=điện&trinh-do=cao-dang&so-huu=cong-lap&thoi-gian=24-36",
        "q=điện&sap-xep=hoc-phi&trang=3",
        "q=nghiep&trinh-do=trung-cap&ky-tuc-xa=co&loai-truong=cao-dang&loai-truong=trung-cap",
    ]:
        fast, slow, ran = both_paths(monkeypatch, params)
        assert fast == slow, params
        used += ran
    assert used >= 12


# Broad words: their top tier is longer than the candidate limit of the test below, so before
# the ranking in memory every match was scored; synonyms; near matches whose prefix the index
# matches ("tho" begins "thong", "thoi", …); pages far in.
BROAD = [
    "q=công nghệ",
    "q=công nghệ&trang=2",
    "q=công nghệ&trang=7",
    "q=cong nghe",
    "q=điện",
    "q=điện&trang=4",
    "q=Điện công nghiệp",
    "q=thợ",
    "q=thợ&trang=3",
    "q=thợ&trinh-do=cao-dang",
    "q=tho&sap-xep=hoc-phi",
    "q=tho&sap-xep=ten",
    "q=thợ điện",
    "q=ke to",
    "q=dien cong ngh",
    "q=quan tri khach sam",
    "q=nghiep",
    "q=cong nghe thong tin",
    "q=công nghệ&so-huu=cong-lap&trang=2",
    "q=cntt",  # a reading no row holds ("cntt") beside one that many do
]


def test_broad_words_ranked_in_memory_give_what_scoring_every_match_gives(home_page, monkeypatch):
    """The top tier of a broad word holds more rows than the candidate limit (lowered here, as
    at 100,000 programmes 13,408 rows against 5,000): groups of rows with the same score are
    cut to the page's length, ts_rank computed here bounds the rest, and the page, its order,
    scores, totals and counts are those of scoring every match in PostgreSQL."""
    monkeypatch.setattr(facetindex, "POSITIONED_ROWS", 50)
    bench.generate(occupations=90, institutions=16, programmes=640, out=lambda line: None)
    kind = get_kind("programmes")
    index = facetindex.facet_index(kind)
    assert {"cong", "nghe", "dien"} <= index.positioned.keys()
    calls, chosen = [], {}
    real = database._ranked_here

    def spy(*args):
        found = real(*args)
        calls.append(None if found is None else len(found[0]))
        return found

    for params in BROAD:
        monkeypatch.setattr(facetindex, "POSITIONED_ROWS", 50)
        monkeypatch.setattr(database, "MAX_CANDIDATES", 75)
        monkeypatch.setattr(database, "_ranked_here", spy)
        calls.clear()
        fast, slow, _ran = both_paths(monkeypatch, params)
        assert fast == slow, params
        chosen[params] = list(calls)
    # The top tier of "công nghệ" is longer than the limit; ranked here, the page is chosen
    # among fewer rows than the limit.
    text = run_kind(DatabaseEngine(), "q=công nghệ", kind="programmes").query.text
    top = [
        position
        for position in facetindex.positions_of(index.text_match(text))
        if index.columns["names_exact"][position].startswith("công nghệ")
    ]
    assert len(top) > 75
    for params in ["q=công nghệ", "q=điện"]:
        assert chosen[params] and all(n is not None and n <= 75 for n in chosen[params])


def test_ts_rank_computed_here_is_postgresqls(home_page):
    """``database.ts_rank`` from the positions the index holds is PostgreSQL's ts_rank to well
    within ``TS_RANK_ERROR``, and rows whose input to ts_rank is the same (the same weights in
    order for one word or an OR, the same distances for an AND) get the very same float."""
    bench.generate(occupations=90, institutions=8, programmes=320, out=lambda line: None)
    from search.facetindex import parse_vector
    from search.text import analyse

    with connection.cursor() as cursor:
        cursor.execute("SELECT page_id, search_vector::text FROM search_programmesearchrow")
        vectors = dict(cursor.fetchall())
        worst, compared = 0.0, 0
        for typed in ["điện", "công nghệ", "thợ", "dien cong nghiep", "thợ điện", "may", "ke toan"]:
            text = analyse(typed)
            items = sorted({word for variant in text.variants for word in variant.words})
            and_root = len(text.variants) == 1 and len(text.variants[0].words) > 1
            cursor.execute(
                "SELECT page_id, ts_rank(search_vector, q) FROM search_programmesearchrow, "
                "to_tsquery('vn_unaccent', %s) q WHERE search_vector @@ q",
                [database.tsquery(text)],
            )
            by_input = {}
            for pk, rank in cursor.fetchall():
                held = parse_vector(vectors[pk])
                same, here = database._rank_input(and_root, [held.get(item) for item in items])
                assert here == database.ts_rank(and_root, [held.get(item) for item in items])
                worst = max(worst, abs(here - rank))
                assert by_input.setdefault(same, rank) == rank, typed
                compared += 1
    assert compared > 200
    assert worst < database.TS_RANK_ERROR / 100


def test_the_vector_text_gives_postgresqls_lexemes(schools):
    """The index reads the vector's text: its lexemes are ``tsvector_to_array``'s, whatever
    the characters (quotes and backslashes are doubled in the text)."""
    from search.facetindex import parse_vector

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v::text, tsvector_to_array(v) FROM (SELECT search_vector FROM "
            "search_programmesearchrow UNION ALL SELECT to_tsvector('simple', %s) "
            "UNION ALL SELECT %s::tsvector) AS t(v)",
            ["O'Neil c:\\dir it''s  l'été 3.5 ĐẮK", "'a''b' 'c\\\\d':1A,2 'x':3B 'y'"],
        )
        for text, lexemes in cursor.fetchall():
            assert list(parse_vector(text)) == lexemes
    assert parse_vector("'a''b':1A,7 'c\\\\d' 'e'") == {"a'b": "1A,7", "c\\d": "", "e": ""}


def test_a_query_word_is_the_lexeme_postgresql_stores():
    """The index looks a query's words up as they are: each must be what the text search
    configuration makes of it."""
    from search.text import analyse

    typed = "Điện công nghiệp 6520227 x1 1e5 ĐẮK LẮK thừa-thiên huế 3.5 a_b ô tô Ngữ văn"
    words = {word for variant in analyse(typed).variants for word in variant.words}
    with connection.cursor() as cursor:
        for word in sorted(words):
            cursor.execute("SELECT to_tsquery('vn_unaccent', %s)::text", [word])
            assert cursor.fetchone()[0] == f"'{word}'"


def test_the_common_words_follow_a_publish_in_place(schools, monkeypatch):
    kind = get_kind("programmes")
    assert titles(run_kind(DatabaseEngine(), "q=o to", kind="programmes")) == ["Công nghệ ô tô"]
    loads = []
    real = FacetIndex.load.__func__
    monkeypatch.setattr(
        FacetIndex, "load", classmethod(lambda cls, kind: loads.append(1) or real(cls, kind))
    )
    programme = schools["o-to"]
    programme.title = "Công nghệ ô tô điện"
    programme.save_revision().publish()
    found = run_kind(DatabaseEngine(), "q=dien", kind="programmes")
    assert loads == []
    assert "Công nghệ ô tô điện" in titles(found)
    index = facetindex.facet_index(kind)
    fresh = FacetIndex.load(kind)
    for lexeme, bits in index.words.items():
        assert bits == fresh.words.get(lexeme, 0), lexeme
    assert fresh.lexicon <= index.lexicon


def test_a_word_no_row_holds_asks_postgresql_nothing(schools, django_assert_num_queries):
    run_kind(DatabaseEngine(), "", kind="programmes")  # the index is loaded
    # the index version, then the near-match search only (the strict one is known empty)
    with django_assert_num_queries(2):
        result = run_kind(DatabaseEngine(), "q=xyzzy", kind="programmes")
    assert result.total == 0


def test_broad_words_are_not_listed_row_by_row(schools, monkeypatch):
    """The fast path never asks PostgreSQL for every match."""
    monkeypatch.setattr(
        database.DatabaseEngine, "_postgres_scores", staticmethod(lambda *args: pytest.fail())
    )
    result = run_kind(DatabaseEngine(), "q=dien&trinh-do=cao-dang", kind="programmes")
    assert titles(result) == ["Điện công nghiệp"]


def _near_matches_in_one_query(query, candidates):
    """The near-match search as one statement over every row (what the engine ran before the
    table of distinct names): the reference."""
    from search.database import _id_array, tsquery

    params = {"fq": query.text.folded, "tsq": tsquery(query.text, prefix=True)}
    vector = "r.search_vector @@ to_tsquery('vn_unaccent', %(tsq)s)"
    score = f"({vector})::int + word_similarity(%(fq)s, r.names_folded)"
    if candidates is not None:
        params["candidates"] = _id_array(candidates)
        score = f"CASE WHEN r.page_id = ANY(%(candidates)s::int[]) THEN {score} ELSE 0 END"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.page_id, {score} FROM search_programmesearchrow r "  # noqa: S608 - ours
            f"WHERE {vector} OR %(fq)s <%% r.names_folded",
            params,
        )
        return dict(cursor.fetchall())


def test_the_near_match_search_gives_what_one_query_over_every_row_gave(home_page):
    from django.http import QueryDict

    from search.contract import parse_query

    bench.generate(occupations=90, institutions=8, programmes=320, out=lambda line: None)
    kind = get_kind("programmes")
    index = facetindex.facet_index(kind)
    some = index.ids[::3]
    found = 0
    for typed in ["ke tona doanh", "ke to", "dien cong ngh", "quan tri khach sam", "dein", "mau 1"]:
        query = parse_query(kind, QueryDict(f"q={typed}"), strict=True)[0]
        for candidates in (None, some):
            expected = _near_matches_in_one_query(query, candidates)
            assert database._near_match_scores(query, candidates, index) == expected, typed
            assert database._near_match_scores(query, candidates, None) == expected, typed
            found += len(expected)
    assert found > 100


def test_ts_rank_stays_below_its_bound():
    """The fast path leaves out rows whose best possible score cannot reach the page, counting
    ts_rank as below TS_RANK_BOUND: a word repeated as often as a vector can hold it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ts_rank(setweight(to_tsvector('vn_unaccent', repeat('điện ', 400)), 'A') "
            "|| setweight(to_tsvector('vn_unaccent', repeat('điện tử ', 400)), 'B'), q) "
            "FROM (VALUES (to_tsquery('vn_unaccent', 'dien')), "
            "(to_tsquery('vn_unaccent', 'dien & tu')), "
            "(to_tsquery('vn_unaccent', '(dien & tu) | (dien)'))) v(q)"
        )
        ranks = [row[0] for row in cursor.fetchall()]
    assert min(ranks) > 0
    assert max(ranks) < database.TS_RANK_BOUND


def test_words_and_names_updated_in_place_are_what_the_rows_hold(db, monkeypatch):
    """Random writes applied in place: every common word's bitset is the rows that hold it
    now, every word a row holds is known, the names follow their rows, and so do the
    positions of the frequent words."""
    import datetime
    import random

    from search.facetindex import NAME_COLUMNS, _bitset

    monkeypatch.setattr(facetindex, "POSITIONED_ROWS", 1)
    kind = get_kind("programmes")
    rng = random.Random(7)
    words = ["dien", "cong", "nghiep", "ke", "toan", "o", "to", "han", "may"]

    def row(pk):
        chosen = sorted(set(rng.sample(words, rng.randint(1, 4))))
        return {
            "page_id": pk,
            "sort_title": rng.choice(["an", "ba", "dien", "ke", "xe"]),
            "facet_tokens": [f"level={rng.choice(['so-cap', 'cao-dang'])}"],
            "tuition": None,
            "duration_months": None,
            "admission_start": datetime.date(2026, 1, 1),
            "admission_end": datetime.date(2026, 2, 1),
            "lexemes": chosen,
            "positions": {word: f"{rng.randint(1, 3)}A,{rng.randint(4, 6)}B" for word in chosen},
            "names_exact": " ".join(chosen),
            "names_folded": " ".join(chosen),
            "nested": rng.random() < 0.8,
        }

    rows = {pk: row(pk) for pk in range(1, 50)}
    index = FacetIndex(kind, rows.values())
    assert index.words  # 49 rows: every word held by a row is common
    for _ in range(40):
        index = index.updated(*random_changes(rng, rows, row, 70))
        order = [index.position[pk] for pk in index.ids]
        assert order == list(range(index.size))
        for lexeme, bits in index.words.items():
            holding = [index.position[pk] for pk, r in rows.items() if lexeme in r["lexemes"]]
            assert bits == _bitset(holding, index.size), lexeme
        assert {lexeme for r in rows.values() for lexeme in r["lexemes"]} <= index.lexicon
        for column in NAME_COLUMNS:
            assert index.columns[column] == [rows[pk][column] for pk in index.ids]
        assert index.positioned.keys() == set(words)
        for lexeme, held in index.positioned.items():
            assert len(held.rows) == index.size
            written = [held.lists[number] for number in held.rows]
            assert written == [rows[pk]["positions"].get(lexeme) for pk in index.ids], lexeme


def test_the_candidate_limit_and_the_positioned_words_agree():
    """A word held by fewer rows than the candidate limit has no positions in the index: its
    matches are few enough to be scored by id."""
    assert facetindex.POSITIONED_ROWS == database.MAX_CANDIDATES


def test_a_page_by_relevance_is_the_best_scores_then_name_order(db):
    """``FacetIndex.page`` by relevance takes only the rows at or above the page's lowest
    score: the same page as ordering every row by (score descending, position)."""
    import random

    from search.kinds import RELEVANCE

    kind = get_kind("programmes")
    rng = random.Random(3)
    rows = [
        {"page_id": pk, "sort_title": f"t{pk % 17}", "facet_tokens": [], "tuition": None}
        | {"duration_months": None, "admission_start": None, "admission_end": None}
        for pk in range(1, 400)
    ]
    index = FacetIndex(kind, rows)
    for _ in range(30):
        chosen = [pk for pk in index.ids if rng.random() < 0.6]
        scores = {pk: rng.choice([0.0, 0.5, 1.25, 1.25, 2.0, 100.1]) for pk in chosen}
        bits = index.bitset(chosen)
        expected = sorted(chosen, key=lambda pk: (-scores[pk], index.position[pk]))
        for offset in (0, 20, 100, 380):
            page = index.page(bits, RELEVANCE, offset, 20, scores)
            assert page == expected[offset : offset + 20]
