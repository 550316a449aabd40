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

Per search, whatever the data size: one statement for the index version, one for the text
matches (none without text; one more when nothing matched and the near-match search runs),
one for the cards of the page, and one per facet whose labels come from a taxonomy table.
"""

import difflib
import json
import re

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from search.contract import Hit, SearchResult, facet_results
from search.facetindex import facet_index
from search.text import like_escape

# Relevance, the same in SQL and in Python: exact (as typed, with diacritics) beats folded;
# the phrase beats scattered words; names beat body text.
# What was typed (before synonyms) found in the names adds LITERAL_NAMES.
EXACT_NAMES, EXACT_TEXT, PHRASE_NAMES, PHRASE_TEXT, STARTS_NAMES = 100, 50, 40, 20, 10
LITERAL_NAMES = 30
PYTHON_FUZZY_THRESHOLD = 0.75  # difflib's ratio is more generous than pg_trgm's
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
        scores, approximate = None, False
        if query.text.variants:
            # Every match is needed for the counts, but only those that pass the filters
            # need a relevance score (when they are few enough to list).
            candidates = None
            if selections and passing.bit_count() <= MAX_CANDIDATES:
                candidates = index.ids_of(passing)
            scores = self._scores(query, candidates, approximate=False)
            if not scores:
                scores = self._scores(query, candidates, approximate=True)
                approximate = bool(scores)
            match = index.bitset(scores)
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

    def _scores(self, query, candidates, approximate):
        """{page id: relevance} of every row the text matches (facets are the index's job);
        with ``candidates`` (page ids), the others are matched but scored 0. ``approximate``:
        the near-match search instead of the strict one."""
        if connection.vendor == "postgresql":
            return self._postgres_scores(query, candidates, approximate)
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
    def _postgres_scores(query, candidates, approximate):
        table = connection.ops.quote_name(query.kind.row_model._meta.db_table)
        text = query.text
        if approximate:
            params = {"fq": text.folded, "tsq": tsquery(text, prefix=True)}
            # An unfinished last word ("ke to" → "kế toán") ranks before a typo; "<%" (word
            # similarity above pg_trgm.word_similarity_threshold, 0.6 by default) is served by
            # the trigram index on the names.
            vector = f"r.search_vector @@ to_tsquery('{TEXT_CONFIG}', %(tsq)s)"
            where = f"{vector} OR %(fq)s <%% r.names_folded"
            score = f"({vector})::int + word_similarity(%(fq)s, r.names_folded)"
        else:
            params = {
                "tsq": tsquery(text),
                "exact": [f"% {like_escape(v.exact)}%" for v in text.variants],
                "folded": [f"% {like_escape(v.folded)}%" for v in text.variants],
                "starts": [f"{like_escape(v.folded)}%" for v in text.variants],
                "literal": f"% {like_escape(text.folded)}%",
            }
            where = f"r.search_vector @@ to_tsquery('{TEXT_CONFIG}', %(tsq)s)"
            score = (
                f"{EXACT_NAMES} * ((' ' || r.names_exact) LIKE ANY(%(exact)s))::int"
                f" + {EXACT_TEXT} * ((' ' || r.text_exact) LIKE ANY(%(exact)s))::int"
                f" + {PHRASE_NAMES} * ((' ' || r.names_folded) LIKE ANY(%(folded)s))::int"
                f" + {PHRASE_TEXT} * ((' ' || r.text_folded) LIKE ANY(%(folded)s))::int"
                f" + {STARTS_NAMES} * (r.names_folded LIKE ANY(%(starts)s))::int"
                f" + {LITERAL_NAMES} * ((' ' || r.names_folded) LIKE %(literal)s)::int"
                f" + ts_rank(r.search_vector, to_tsquery('{TEXT_CONFIG}', %(tsq)s))"
            )
        if candidates is not None:
            # One literal ("{1,2,…}"), which PostgreSQL turns into a hash table; bound as a
            # list, psycopg would send an ARRAY[…] expression that is five times slower.
            params["candidates"] = "{" + ",".join(str(int(pk)) for pk in candidates) + "}"
            score = f"CASE WHEN r.page_id = ANY(%(candidates)s::int[]) THEN {score} ELSE 0 END"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.page_id, {score} FROM {table} r WHERE {where}",  # noqa: S608 - fragments are ours, input is bound
                params,
            )
            return dict(cursor.fetchall())

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
