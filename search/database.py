"""The database engine: the text is matched and ranked by PostgreSQL full-text search
(vn_unaccent configuration, pg_trgm for typos) over the denormalised search rows — or, on
SQLite (the zero-setup default), by a folded LIKE ranked in Python — and the facets are
counted, filtered and paged by the in-memory facet index (``search/facetindex.py``). Same
contract, same semantics on both.

A row matches when it holds every typed word, whole (folded, so "dien" and "điện" are the
same word), in the searchable text (names, other names, field, occupations, the institution's
name and province: what ``build_row`` of each kind puts in ``text_*``), for the query as typed
or one of its synonym readings. Only when nothing matches does the near-match search run
(the last word as a prefix of a longer word, or a typo by trigram similarity of the names),
and its results are flagged ``approximate``.

On PostgreSQL, a query whose words are all common (held by at least 1/64 of the rows) is
matched by the facet index (``FacetIndex.text_match``, from the lexemes PostgreSQL stored):
the totals and counts need no SQL, and one statement ranks only the rows that can reach the
page (``_page_candidates``: the names' tiers computed in Python bound every row's score; for
a broad word, ``_ranked_here`` also groups the rows by what ts_rank reads of them, from the
positions the index holds, and bounds ts_rank computed here) and returns the page's cards.
Rarer words are matched by PostgreSQL through the GIN index, every match scored, as before;
when nothing matches, the near-match search's prefix is matched by the index too when its
lexemes are common (``_near_match_scores_here``). Both ways give the same hits, scores, order
and totals (tests/search/test_text_match.py).

Per search, whatever the data size: one statement for the index version, one for the text
matches and their scores (none without text; for common words it is also the cards' one; one
more when nothing matched and the near-match search runs, none for the strict search when the
index knows no row holds a word), one for the cards of the page, and one per facet whose
labels come from a taxonomy table.
"""

import difflib
import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Mapping

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from search.contract import Hit, SearchResult, facet_results
from search.facetindex import Positions, facet_index, positions_of
from search.text import like_escape

# Relevance, the same in SQL and in Python: exact (as typed, with diacritics) beats folded;
# the phrase beats scattered words; names beat body text.
# What was typed (before synonyms) found in the names adds LITERAL_NAMES.
EXACT_NAMES, EXACT_TEXT, PHRASE_NAMES, PHRASE_TEXT, STARTS_NAMES = 100, 50, 40, 20, 10
LITERAL_NAMES = 30
PYTHON_FUZZY_THRESHOLD = 0.75  # difflib's ratio is more generous than pg_trgm's
# ts_rank with the default weights (1.0 at most) and no normalisation stays below this: per
# query word at most (1 + π²/6) / (π²/6) for the OR of its positions, at most 1 for the AND of
# several (tsrank.c, calc_rank_or and calc_rank_and); tests/search/test_text_match.py pins it.
TS_RANK_BOUND = 2.0
# How far ts_rank computed here (``ts_rank``, in double precision) may be from PostgreSQL's
# (single precision): at most a few units in the 7th digit per step (tests pin it far below).
TS_RANK_ERROR = 1e-3
# Listing more rows to score than this costs PostgreSQL more than scoring every match.
MAX_CANDIDATES = 5000
# The text search configuration (simple + unaccent) that search/migrations/0002 creates and
# the trigger of 0007 fills the rows' vectors with.
TEXT_CONFIG = "vn_unaccent"


def tsquery(text, prefix=False):
    """'(dien & cong & nghiep) | (…)': every word, whole, per variant; with ``prefix``, the
    last word may also begin a longer word ('nghiep:*': it may not be finished yet)."""
    groups = []
    for variant in text.variants:
        words = list(variant.words)
        if prefix:
            words[-1] += ":*"
        groups.append("(" + " & ".join(words) + ")")
    return " | ".join(groups)


class DatabaseEngine:
    name = "database"

    def search(self, query):
        if query.text.unusable:
            return SearchResult(query, [], 0, facet_results(query, {}), engine=self.name)
        index = facet_index(query.kind)
        today = timezone.localdate()
        selections = index.selections(query.filters, today)
        passing = index.passing(selections)
        match = index.text_match(query.text) if query.text.variants else None
        if match:
            # Matched in memory (common words): PostgreSQL only ranks the rows that can be
            # shown and returns one page of them.
            rows = match & passing
            total = rows.bit_count()
            hits = []
            if total > query.offset:
                hits = self._ranked_page(query, *_page_candidates(index, query, rows, selections))
            counts = index.count(match, selections, today)
            return SearchResult(query, hits, total, facet_results(query, counts), engine=self.name)
        scores, approximate = None, False
        if query.text.variants:
            # Every match is needed for the counts, but only those that pass the filters
            # need a relevance score (when they are few enough to list).
            candidates = None
            if selections and passing.bit_count() <= MAX_CANDIDATES:
                candidates = index.ids_of(passing)
            # match == 0: the index knows that no row holds every word of any reading.
            if match is None:
                scores = self._scores(query, candidates, approximate=False)
            if scores:
                match = index.bitset(scores)
            else:
                near = None
                if connection.vendor == "postgresql":
                    near = _near_match_scores_here(query, index)
                if near is None:
                    scores = self._scores(query, candidates, approximate=True, index=index)
                    match = index.bitset(scores)
                else:
                    scores, match = near
                approximate = bool(scores)
        else:
            match = index.all
        counts = index.count(match, selections, today)
        rows = match & passing
        total = rows.bit_count()
        hits = []
        if total > query.offset:
            ids = index.page(rows, query.sort, query.offset, query.per_page, scores)
            hits = self._hits(query.kind, ids, scores or {})
        return SearchResult(
            query, hits, total, facet_results(query, counts), fuzzy=approximate, engine=self.name
        )

    def suggest(self, kind, text, limit=8):
        """Titles that start with (or contain) what has been typed so far."""
        if not text.variants:
            return []
        folded = text.folded
        rows = kind.row_model.objects.filter(names_folded__contains=folded).values_list(
            "title", "url", "names_folded"
        )
        rows = sorted(
            rows[:200], key=lambda row: (not row[2].startswith(folded), len(row[0]), row[0])
        )
        return [{"title": title, "url": url} for title, url, _ in rows[:limit]]

    def _scores(self, query, candidates, approximate, index=None):
        """{page id: relevance} of every row the text matches (facets are the index's job);
        with ``candidates`` (page ids), the others are matched but scored 0. ``approximate``:
        the near-match search instead of the strict one (``index``: the facet index, whose
        names lead from a similar name to its rows)."""
        if connection.vendor == "postgresql":
            if approximate:
                return _near_match_scores(query, candidates, index)
            return self._postgres_scores(query, candidates)
        return self._python_scores(query, candidates, approximate)

    @staticmethod
    def _hits(kind, ids, scores):
        """The cards of one page of results, in the order of ``ids``."""
        if not ids:
            return []
        table = connection.ops.quote_name(kind.row_model._meta.db_table)
        placeholders = ", ".join(["%s"] * len(ids))
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, title, url, summary, display FROM {table} "  # noqa: S608 - the table name is ours, ids are bound
                f"WHERE page_id IN ({placeholders})",
                list(ids),
            )
            by_id = {row[0]: row[1:] for row in cursor.fetchall()}
        hits = []
        for pk in ids:
            if pk in by_id:
                title, url, summary, display = by_id[pk]
                hits.append(Hit(pk, title, url, summary, _json(display), scores.get(pk, 0.0)))
        return hits

    # PostgreSQL

    @staticmethod
    def _postgres_scores(query, candidates):
        """The strict match in PostgreSQL (a word the facet index does not hold as common)."""
        table = connection.ops.quote_name(query.kind.row_model._meta.db_table)
        where, score, params = _postgres_ranking(query.text)
        if candidates is not None:
            params["candidates"] = _id_array(candidates)
            score = f"CASE WHEN r.page_id = ANY(%(candidates)s::int[]) THEN {score} ELSE 0 END"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.page_id, {score} FROM {table} r WHERE {where}",  # noqa: S608 - fragments are ours, input is bound
                params,
            )
            return dict(cursor.fetchall())

    @staticmethod
    def _ranked_page(query, candidates, offset, tiers=None):
        """The cards of one page of the strict matches, in the order of ``query.sort`` (the
        order ``FacetIndex.page`` gives: the sort column, then relevance, then name order),
        ranked by PostgreSQL, which scores the candidates and returns only the page.
        ``candidates``: page ids that include every row the page can hold (None: every
        match); ``offset``: where the page begins among them; ``tiers``: beside each
        candidate, its tiers when they are known already (else None: computed here)."""
        table = connection.ops.quote_name(query.kind.row_model._meta.db_table)
        where, score, params = _postgres_ranking(query.text)
        source = f"{table} r"
        if tiers is not None:
            params["candidates"] = _id_array(candidates)
            params["tiers"] = _id_array(tiers)
            source = (
                "unnest(%(candidates)s::int[], %(tiers)s::int[]) AS c(page_id, tiers) "
                f"JOIN {table} r ON r.page_id = c.page_id"
            )
            score = f"COALESCE(c.tiers, {_tiers()}) + {_RANK}"
        elif candidates is not None:
            params["candidates"] = _id_array(candidates)
            where = f"r.page_id = ANY(%(candidates)s::int[]) AND {where}"
        order = []
        sort = query.sort
        if sort.column and sort.column != "sort_title":
            column = connection.ops.quote_name(sort.column)
            direction = "DESC" if sort.descending else "ASC"
            # As FacetIndex.page: rows without a value last, whichever the direction.
            order += [f"(r.{column} IS NULL)", f"r.{column} {direction}"]
        if sort.column != "sort_title":
            order.append("score DESC")
        # The index's name order: sort_title by code point (Python's str order; "C" is
        # UTF-8 byte order, the same), then page id.
        order += ['r.sort_title COLLATE "C"', "r.page_id"]
        params["offset"], params["limit"] = offset, query.per_page
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.page_id, r.title, r.url, r.summary, r.display, {score} AS score "  # noqa: S608 - fragments are ours, input is bound
                f"FROM {source} WHERE {where} ORDER BY {', '.join(order)} "
                "OFFSET %(offset)s LIMIT %(limit)s",
                params,
            )
            return [
                Hit(pk, title, url, summary, _json(display), score)
                for pk, title, url, summary, display, score in cursor.fetchall()
            ]

    # SQLite (and any other database): folded LIKE, then the same ranking in Python

    @staticmethod
    def _python_scores(query, candidates, approximate):
        rows = query.kind.row_model.objects.all()
        text = query.text
        if not approximate:
            condition = Q()
            for variant in text.variants:
                words = Q()
                for word in variant.words:
                    words &= Q(text_folded__contains=word)
                condition |= words
            rows = rows.filter(condition)
        columns = ("page_id", "names_exact", "names_folded", "text_exact", "text_folded")
        scores = {}
        candidates = None if candidates is None else set(candidates)
        for row in rows.values(*columns):
            if approximate:
                prefixed = any(
                    _contains_words(row["text_folded"], v.words, prefix=True) for v in text.variants
                )
                score = prefixed + _similarity(text.folded, row["names_folded"])
                if score < PYTHON_FUZZY_THRESHOLD:
                    continue
            else:
                score = _score(text, row)
                if score is None:
                    continue
            if candidates is not None and row["page_id"] not in candidates:
                score = 0.0
            scores[row["page_id"]] = score
        return scores


def _postgres_ranking(text):
    """The WHERE condition and the relevance expression of the strict match of a query's
    text (every word of one reading), and their parameters."""
    params = {
        "tsq": tsquery(text),
        "exact": [f"% {like_escape(v.exact)}%" for v in text.variants],
        "folded": [f"% {like_escape(v.folded)}%" for v in text.variants],
        "starts": [f"{like_escape(v.folded)}%" for v in text.variants],
        "literal": f"% {like_escape(text.folded)}%",
    }
    where = f"r.search_vector @@ to_tsquery('{TEXT_CONFIG}', %(tsq)s)"
    return where, f"({_tiers()}) + {_RANK}", params


def _tiers():
    """The boolean tiers of the relevance (an integer; ``_page_candidates`` computes those of
    the names in Python, the same way)."""
    return (
        f"{EXACT_NAMES} * ((' ' || r.names_exact) LIKE ANY(%(exact)s))::int"
        f" + {EXACT_TEXT} * ((' ' || r.text_exact) LIKE ANY(%(exact)s))::int"
        f" + {PHRASE_NAMES} * ((' ' || r.names_folded) LIKE ANY(%(folded)s))::int"
        f" + {PHRASE_TEXT} * ((' ' || r.text_folded) LIKE ANY(%(folded)s))::int"
        f" + {STARTS_NAMES} * (r.names_folded LIKE ANY(%(starts)s))::int"
        f" + {LITERAL_NAMES} * ((' ' || r.names_folded) LIKE %(literal)s)::int"
    )


_RANK = f"ts_rank(r.search_vector, to_tsquery('{TEXT_CONFIG}', %(tsq)s))"


def _near_match_scores(query, candidates, index):
    """The near-match search (PostgreSQL): {page id: score} of the rows whose text holds the
    words with the last one unfinished ("ke to" → "kế toán") or whose names are similar to
    the query (a typo), scored ``(prefix match)::int + word_similarity(query, names)`` — an
    unfinished word ranks before a typo; with ``candidates``, the others score 0. "<%" is word
    similarity above pg_trgm.word_similarity_threshold (0.6 by default).

    The similarity depends on the names alone, so it is computed once per distinct name, in
    the kind's table of names (migration 0009, with its trigram index) instead of once per row;
    the rows holding those names are found in the facet index's names (or, when it holds none,
    joined in SQL through the b-tree on the rows' names). The rows of the prefix match come
    with their score (1 + similarity); the others score their similarity (0 + similarity)."""
    table = query.kind.row_model._meta.db_table
    rows = connection.ops.quote_name(table)
    names = connection.ops.quote_name(f"{table}_names")
    text = query.text
    params = {"fq": text.folded, "tsq": tsquery(text, prefix=True)}
    similar = (
        f"SELECT names_folded, word_similarity(%(fq)s, names_folded) AS similarity "  # noqa: S608 - the table name is ours
        f"FROM {names} WHERE %(fq)s <%% names_folded"
    )
    prefixed = (
        f"SELECT r.page_id, 1 + word_similarity(%(fq)s, r.names_folded) AS score FROM {rows} r "  # noqa: S608 - the table name is ours
        f"WHERE r.search_vector @@ to_tsquery('{TEXT_CONFIG}', %(tsq)s)"
    )
    held = index.columns.get("names_folded") if index is not None else None
    with connection.cursor() as cursor:
        if held is not None:
            cursor.execute(
                f"SELECT NULL::int, names_folded, similarity FROM ({similar}) n "  # noqa: S608 - fragments are ours, input is bound
                f"UNION ALL SELECT p.page_id, NULL, p.score FROM ({prefixed}) p",
                params,
            )
            near, scores = {}, {}
            for pk, name, value in cursor.fetchall():
                if pk is None:
                    near[name] = value
                else:
                    scores[pk] = value
            ids = index.ids
            for position, name in enumerate(held):
                if name in near and ids[position] not in scores:
                    scores[ids[position]] = near[name]
        else:
            cursor.execute(
                f"WITH n AS MATERIALIZED ({similar}) "  # noqa: S608 - fragments are ours, input is bound
                f"SELECT r.page_id, n.similarity FROM n JOIN {rows} r "
                f"ON r.names_folded = n.names_folded UNION {prefixed}",
                params,
            )
            scores = {}
            for pk, value in cursor.fetchall():
                scores[pk] = max(value, scores.get(pk, value))
    if candidates is not None:
        candidates = set(candidates)
        scores = {pk: value if pk in candidates else 0.0 for pk, value in scores.items()}
    return scores


def _near_match_scores_here(query, index):
    """``_near_match_scores`` with the prefix match done by the facet index (when every
    lexeme it needs is common, else None): {page id: score} of every near match, the same
    scores, and the bitset of those rows. Both scores depend on the names alone
    (``word_similarity(query, names)``, plus 1 for a prefix match), so one statement computes
    them per distinct name, in the table of names, for the names of the rows the prefix
    matches and the similar ones ("<%"); the rows holding those names are found in the index.
    The scores of rows that do not pass the filters are not zeroed as ``candidates`` would:
    they are never on a page."""
    held = index.columns.get("names_folded")
    prefixed = index.prefix_match(query.text) if held is not None else None
    if prefixed is None:
        return None
    text = query.text
    positions = positions_of(prefixed)
    names = set(map(held.__getitem__, positions))
    table = connection.ops.quote_name(f"{query.kind.row_model._meta.db_table}_names")
    with connection.cursor() as cursor:
        cursor.execute(
            # As there: the similarity (real) as double precision, the type of "1 + real".
            f"SELECT names_folded, %(fq)s <%% names_folded, word_similarity(%(fq)s, names_folded)"  # noqa: S608 - the table name is ours, input is bound
            f"::float8, 1 + word_similarity(%(fq)s, names_folded) FROM {table} "
            "WHERE names_folded = ANY(%(names)s) OR %(fq)s <%% names_folded",
            {"fq": text.folded, "names": sorted(names)},
        )
        found = cursor.fetchall()
    near = {name: similarity for name, similar, similarity, _ in found if similar}
    plus_one = {name: score for name, _, _, score in found}
    if not names <= plus_one.keys():
        return None  # a row's name is missing from the table of names: ask PostgreSQL
    only_similar = {}
    match = prefixed
    if near:
        # Those the prefix did not match score their similarity.
        similar = index.bitset_where(map(near.__contains__, held)) & ~prefixed
        only_similar = {position: near[held[position]] for position in positions_of(similar)}
        match |= similar
    return _NearScores(index, match, plus_one, only_similar), match


class _NearScores(Mapping):
    """{page id: score} of the near matches (the rows of ``match``), read off the names:
    ``plus_one`` of its name for a row the prefix matched, ``only_similar`` {position: score}
    for the others. A page by relevance reads many rows' scores at once (``values_at``); a
    lookup by id builds the whole dict, once."""

    def __init__(self, index, match, plus_one, only_similar):
        self.index, self.match = index, match
        self.plus_one, self.only_similar = plus_one, only_similar
        self._scores = None

    def values_at(self, numbers):
        """The scores of the rows at these positions (rows of ``match``)."""
        held, only = self.index.columns["names_folded"], self.only_similar
        values = list(map(self.plus_one.__getitem__, map(held.__getitem__, numbers)))
        return list(map(only.get, numbers, values)) if only else values

    def _all(self):
        if self._scores is None:
            numbers = positions_of(self.match)
            ids = map(self.index.ids.__getitem__, numbers)
            self._scores = dict(zip(ids, self.values_at(numbers), strict=True))
        return self._scores

    def __getitem__(self, pk):
        if self._scores is not None:
            return self._scores[pk]
        position = self.index.position.get(pk)
        if position is None or not (self.match >> position) & 1:
            raise KeyError(pk)
        return self.values_at([position])[0]

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return self.match.bit_count()


def _page_candidates(index, query, rows, selections):
    """The page ids PostgreSQL must rank for one page of ``rows`` (a bitset of strict
    matches), where the page begins among them, and beside each id its tiers when they are
    all known here (or None; the whole list None when nothing was computed).

    In name order the page is read off the index. In relevance order, a row's score is the
    sum of the boolean tiers of ``_postgres_ranking`` plus ``ts_rank``: the tiers of the names
    are computed here from the names the index holds, exactly as the SQL does (substring and
    prefix tests: ``LIKE '% x%'`` is "contains ' x'"), and those of the text are known when the
    row's text begins with its names (``nested``: what is in the names is in the text) and
    otherwise bounded by their weights; ``ts_rank`` is below ``TS_RANK_BOUND``. Only rows whose
    highest possible score reaches the lowest score among the best ``offset + per_page`` rows
    (by their known part) can be on the page or before it: the others are left out, which
    changes neither the page nor its order."""
    limit = query.offset + query.per_page
    sort = query.sort
    if sort.column == "sort_title":
        return index.page(rows, sort, query.offset, query.per_page), 0, None
    names_exact = index.columns.get("names_exact")
    if sort.column or names_exact is None or rows.bit_count() <= limit:
        return (index.ids_of(rows) if selections else None), query.offset, None
    names_folded, nested = index.columns["names_folded"], index.columns["nested"]
    text = query.text
    exact = [f" {variant.exact}" for variant in text.variants]
    folded = [f" {variant.folded}" for variant in text.variants]
    starts = [variant.folded for variant in text.variants]
    literal = f" {text.folded}"
    items = sorted({word for variant in text.variants for word in variant.words})
    positioned = index.positioned
    if positioned is not None and all(
        word in positioned or word not in index.lexicon for word in items
    ):
        phrases = (exact, folded, starts, literal)
        found = _ranked_here(index, text, rows, limit, items, phrases)
        if found is not None and len(found[0]) <= MAX_CANDIDATES:
            return found[0], query.offset, found[1]
        return (index.ids_of(rows) if selections else None), query.offset, None
    # names as written -> (known part of the score, highest possible score, the tiers when
    # all are known, the folded names and nested they were computed for)
    bounds = {}
    positions = positions_of(rows)
    found_at = []
    for position in positions:
        written, folded_names = names_exact[position], names_folded[position]
        found = bounds.get(written)
        if found is None or found[3] is not folded_names or found[4] != nested[position]:
            found = bounds[written] = _bounds(
                written, folded_names, nested[position], exact, folded, starts, literal
            )
        found_at.append(found)
    # The lowest known score among the best ``limit`` rows.
    frequency = {}
    for found in found_at:
        frequency[found[0]] = frequency.get(found[0], 0) + 1
    seen = 0
    for threshold in sorted(frequency, reverse=True):
        seen += frequency[threshold]
        if seen >= limit:
            break
    ids, chosen, tiers = index.ids, [], []
    for position, found in zip(positions, found_at, strict=True):
        if found[1] >= threshold:
            chosen.append(ids[position])
            tiers.append(found[2])
    if len(chosen) > MAX_CANDIDATES:
        # Reading that many rows by id costs more than reading every match through the
        # text index (the page is the same).
        return (index.ids_of(rows) if selections else None), query.offset, None
    return chosen, query.offset, tiers


def _ranked_here(index, text, rows, limit, items, phrases):
    """``_page_candidates`` for a query whose every word has its positions in the index: the
    candidates and their tiers (None when more than ``MAX_CANDIDATES`` must be kept whole).

    A row's score is its tiers plus ts_rank, and ts_rank (no normalisation) reads nothing of
    the vector but the positions and weights of the query's lexemes (tsrank.c: ``calc_rank``
    goes to ``calc_rank_and`` or ``calc_rank_or``, which look up only the query's items with
    ``find_wordentry``). So rows with the same names (hence the same tiers, when all are known
    from the names) that hold the query's words at the same positions have the same score, and
    among them the index's order (the SQL's tie-break) decides: at most the first ``limit`` of
    such a group can be on the page or before it. ``ts_rank`` here gives each group's rank to
    within ``TS_RANK_ERROR``, which bounds its score tightly; a group whose highest possible
    score is below the lowest score among the best ``limit`` rows is left out. PostgreSQL then
    scores the candidates itself, so the page is what scoring every match gives."""
    names_exact, names_folded = index.columns["names_exact"], index.columns["names_folded"]
    nested = index.columns["nested"]
    # A word no row holds (a reading that matches nothing) is in no vector: always number 0.
    held = [index.positioned.get(word, _NOWHERE) for word in items]
    positions = positions_of(rows)
    # (names as written, folded, nested, then the number of each lexeme's positions) per row
    keys = list(
        zip(
            map(names_exact.__getitem__, positions),
            map(names_folded.__getitem__, positions),
            map(nested.__getitem__, positions),
            *(
                itertools.repeat(0, len(positions))
                if lexeme is _NOWHERE
                else map(lexeme.rows.__getitem__, positions)
                for lexeme in held
            ),
            strict=True,
        )
    )
    and_root = len(text.variants) == 1 and len(text.variants[0].words) > 1
    bounds, ranked = {}, {}
    counted = Counter(keys)
    for key in counted:
        if key[:3] not in bounds:
            bounds[key[:3]] = _bounds(*key[:3], *phrases)
    # First by the names alone: a row whose highest score is below the lowest known score of
    # the best ``limit`` is out whatever its rank (no need to compute it); the rows whose
    # tiers are not all known are kept whole, and when they alone are more than the candidate
    # limit, every match is scored instead (None).
    frequency = Counter()
    for key, count in counted.items():
        frequency[bounds[key[:3]][0]] += count
    seen = 0
    for known in sorted(frequency, reverse=True):
        seen += frequency[known]
        if seen >= limit:
            break
    whole = 0
    for key, count in counted.items():
        found = bounds[key[:3]]
        whole += count if found[1] >= known and found[2] is None else 0
    if whole > MAX_CANDIDATES:
        return None
    groups = {}  # group -> [low, high, rows, tiers]
    group_of = {}  # key -> its group
    for key, count in counted.items():
        found = bounds[key[:3]]
        signature = key[3:]
        if found[1] < known:
            same, rank = None, None
        elif signature not in ranked:
            lists = [lexeme.lists[number] for lexeme, number in zip(held, signature, strict=True)]
            same, rank = ranked[signature] = _rank_input(and_root, lists)
        else:
            same, rank = ranked[signature]
        if rank is None:  # out already, or positions not stored: anywhere in the bound
            low, high = found[0], found[1]
        elif found[2] is None:  # some text tiers unknown: up to their weights
            low = found[0] + rank - TS_RANK_ERROR
            high = found[1] - TS_RANK_BOUND + rank + TS_RANK_ERROR
        else:
            low, high = found[2] + rank - TS_RANK_ERROR, found[2] + rank + TS_RANK_ERROR
        # Every tier known and the same input to ts_rank: the same score, whatever the names.
        group = (found[2], same) if found[2] is not None and same is not None else key
        group_of[key] = group
        if group in groups:
            groups[group][2] += count
        else:
            groups[group] = [low, high, count, found[2]]
    ordered = sorted(groups.values(), key=lambda group: group[0], reverse=True)
    seen = 0
    for low, _high, count, _tiers in ordered:
        seen += count
        if seen >= limit:
            threshold = low
            break
    # Of a group with every tier known, its first ``limit`` rows (the same score: the index's
    # order decides); of another, every row.
    wanted = {
        group: [limit if tiers is not None else None, tiers]
        for group, (_low, high, _count, tiers) in groups.items()
        if high >= threshold
    }
    ids, chosen, tiers = index.ids, [], []
    for position, key in zip(positions, keys, strict=True):
        entry = wanted.get(group_of[key])
        if entry is None or entry[0] == 0:
            continue
        if entry[0] is not None:
            entry[0] -= 1
        chosen.append(ids[position])
        tiers.append(entry[1])
    return chosen, tiers


_NOWHERE = Positions(0)

# ts_rank's default weights (D, C, B, A).
_WEIGHTS = {"D": 0.1, "C": 0.2, "B": 0.4, "A": 1.0}


def ts_rank(and_root, lists):
    """PostgreSQL's ``ts_rank(vector, query)`` (default weights, no normalisation; tsrank.c,
    ``calc_rank``) from the positions of the query's distinct lexemes in the vector, in
    lexeme order: each "1A,7A,11B" as the vector's text writes it, or None when the vector
    does not hold it. ``and_root``: the query is an AND of words (else one word or an OR of
    readings). Computed in double precision (PostgreSQL: single), so to within
    ``TS_RANK_ERROR``; None when a lexeme is held without positions (not ranked here)."""
    return _rank_input(and_root, lists)[1]


def _rank_input(and_root, lists):
    """(what ts_rank reads of these positions, the rank): ``calc_rank_or`` reads each
    lexeme's weights in position order, ``calc_rank_and`` the distances between positions
    and their weights, so rows whose inputs are equal get the same float from PostgreSQL.
    (None, None) when a lexeme is held without positions."""
    entries = []
    for text in lists:
        if text is None:
            entries.append(None)
            continue
        if not text:
            return None, None
        entry = []
        for written in text.split(","):
            letter = written[-1]
            if letter in _WEIGHTS:
                entry.append((int(written[:-1]), _WEIGHTS[letter]))
            else:
                entry.append((int(written), _WEIGHTS["D"]))
        entries.append(entry)
    if and_root and len(entries) > 1:
        rank = _rank_and(entries)
        first = min((position for entry in entries if entry for position, _ in entry), default=0)
        same = tuple(
            entry and tuple((position - first, weight) for position, weight in entry)
            for entry in entries
        )
        same = ("and", same)
    else:
        rank = _rank_or(entries)
        same = ("or", tuple(entry and tuple(weight for _, weight in entry) for entry in entries))
    return same, (1e-20 if rank < 0 else rank)


def _rank_or(entries):
    """``calc_rank_or``: per lexeme, its weights by position (the heaviest first) over i²,
    normalised by π²/6; the mean over the query's lexemes."""
    rank = 0.0
    for entry in entries:
        if not entry:
            continue
        summed, heaviest, at = 0.0, -1.0, 0
        for number, (_position, weight) in enumerate(entry):
            summed += weight / ((number + 1) * (number + 1))
            if weight > heaviest:
                heaviest, at = weight, number
        rank += (heaviest + summed - heaviest / ((at + 1) * (at + 1))) / 1.64493406685
    return rank / len(entries) if entries else rank


def _word_distance(distance):
    if distance > 100:
        return 1e-30
    return 1.0 / (1.005 + 0.05 * math.exp(distance / 1.5 - 2))


def _rank_and(entries):
    """``calc_rank_and``: every pair of positions of two different lexemes adds its weights'
    product damped by their distance, as a probability (1 - (1 - r)(1 - w))."""
    rank = -1.0
    seen = []
    for entry in entries:
        if entry is None:
            continue
        for other in seen:
            for position, weight in entry:
                for other_position, other_weight in other:
                    distance = abs(position - other_position)
                    if distance:
                        step = math.sqrt(weight * other_weight * _word_distance(distance))
                        rank = step if rank < 0 else 1.0 - (1.0 - rank) * (1.0 - step)
        seen.append(entry)
    return rank


def _bounds(written, folded_names, nested, exact, folded, starts, literal):
    """What ``_page_candidates`` knows of one row's score from its names (see there)."""
    spaced_exact, spaced_folded = f" {written}", f" {folded_names}"
    in_exact = any(phrase in spaced_exact for phrase in exact)
    in_folded = any(phrase in spaced_folded for phrase in folded)
    names = (
        EXACT_NAMES * in_exact
        + PHRASE_NAMES * in_folded
        + STARTS_NAMES * any(folded_names.startswith(phrase) for phrase in starts)
        + LITERAL_NAMES * (literal in spaced_folded)
    )
    # In a text that begins with the names, what is in the names is in the text.
    text_known = (EXACT_TEXT * in_exact + PHRASE_TEXT * in_folded) if nested else 0
    every_tier_known = nested and in_exact and in_folded
    return (
        names + text_known,
        names + EXACT_TEXT + PHRASE_TEXT + TS_RANK_BOUND,
        names + text_known if every_tier_known else None,
        folded_names,
        nested,
    )


def _id_array(ids):
    """One literal ("{1,2,…}"), which PostgreSQL turns into a hash table; bound as a list,
    psycopg would send an ARRAY[…] expression that is five times slower. None is NULL."""
    return "{" + ",".join("NULL" if pk is None else str(int(pk)) for pk in ids) + "}"


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _contains_words(folded_text, words, prefix=False):
    """Every word as a whole word (with ``prefix``, the last one may begin a longer word)."""
    for position, word in enumerate(words):
        tail = "" if prefix and position == len(words) - 1 else r"\b"
        if not re.search(rf"\b{re.escape(word)}{tail}", folded_text):
            return False
    return True


def _score(text, row):
    """The SQL ranking, in Python; None when the row does not match."""
    best = None
    for variant in text.variants:
        if not _contains_words(row["text_folded"], variant.words):
            continue
        score = 0.01 * len(variant.words)
        score += EXACT_NAMES * (f" {variant.exact}" in f" {row['names_exact']}")
        score += EXACT_TEXT * (f" {variant.exact}" in f" {row['text_exact']}")
        score += PHRASE_NAMES * (f" {variant.folded}" in f" {row['names_folded']}")
        score += PHRASE_TEXT * (f" {variant.folded}" in f" {row['text_folded']}")
        score += STARTS_NAMES * row["names_folded"].startswith(variant.folded)
        best = score if best is None else max(best, score)
    if best is not None:
        best += LITERAL_NAMES * (f" {text.folded}" in f" {row['names_folded']}")
    return best


def _similarity(folded_query, names_folded):
    """Roughly pg_trgm's word_similarity: the best match of the query against any run of as
    many words in the names."""
    words = names_folded.split()
    size = max(1, len(folded_query.split()))
    best = 0.0
    for start in range(max(1, len(words) - size + 1)):
        window = " ".join(words[start : start + size])
        best = max(best, difflib.SequenceMatcher(None, folded_query, window).ratio())
    return best
