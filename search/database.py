"""The database engine: PostgreSQL full-text search (vn_unaccent configuration, pg_trgm for
typos) over the denormalised search rows, or, on SQLite (the zero-setup default), a folded
LIKE with the ranking and facet counting done in Python. Same contract, same semantics.

Per search: two SQL statements on PostgreSQL (hits; facet counts with the total), plus one
per facet whose labels come from a taxonomy table, plus two more only when nothing matched
and the near-match (typo) search runs. Never a statement per row.
"""

import difflib
import json
import re

from django.db import connection
from django.db.models import Q
from django.utils import timezone

from search.contract import Hit, SearchResult, facet_results
from search.text import like_escape

TEXT_CONFIG = "vn_unaccent"

# Relevance, the same in SQL and in Python: exact (as typed, with diacritics) beats folded;
# the phrase beats scattered words; names beat body text.
# What was typed (before synonyms) found in the names adds LITERAL_NAMES.
EXACT_NAMES, EXACT_TEXT, PHRASE_NAMES, PHRASE_TEXT, STARTS_NAMES = 100, 50, 40, 20, 10
LITERAL_NAMES = 30
PYTHON_FUZZY_THRESHOLD = 0.75  # difflib's ratio is more generous than pg_trgm's


def tsquery(text):
    """'(dien & cong & nghiep:*) | (…)': every word, the last one as a prefix, per variant."""
    groups = []
    for variant in text.variants:
        words = list(variant.words)
        words[-1] += ":*"
        groups.append("(" + " & ".join(words) + ")")
    return " | ".join(groups)


class DatabaseEngine:
    name = "database"

    def search(self, query):
        if query.text.unusable:
            return SearchResult(query, [], 0, facet_results(query, {}), engine=self.name)
        run = self._postgres if connection.vendor == "postgresql" else self._python
        hits, total, counts = run(query, fuzzy=False)
        fuzzy = False
        if total == 0 and query.text.variants:
            hits, total, counts = run(query, fuzzy=True)
            fuzzy = total > 0
        return SearchResult(
            query, hits, total, facet_results(query, counts), fuzzy=fuzzy, engine=self.name
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

    # PostgreSQL

    def _postgres(self, query, fuzzy):
        kind = query.kind
        table = connection.ops.quote_name(kind.row_model._meta.db_table)
        params = {}
        text = query.text
        if not text.variants:
            where, score = "TRUE", "0"
        elif fuzzy:
            params["fq"] = text.folded
            # "<%" (word similarity above pg_trgm.word_similarity_threshold, 0.6 by default)
            # is served by the trigram index on the names.
            where = "%(fq)s <%% r.names_folded"
            score = "word_similarity(%(fq)s, r.names_folded)"
        else:
            params["tsq"] = tsquery(text)
            params["exact"] = [f"% {like_escape(v.exact)}%" for v in text.variants]
            params["folded"] = [f"% {like_escape(v.folded)}%" for v in text.variants]
            params["starts"] = [f"{like_escape(v.folded)}%" for v in text.variants]
            params["literal"] = f"% {like_escape(text.folded)}%"
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

        params["today"] = timezone.localdate()
        windows = {
            facet.name: f"(r.{facet.window[0]} <= %(today)s AND r.{facet.window[1]} >= %(today)s)"
            for facet in kind.facets
            if facet.window
        }
        tokens = "r.tokens" + "".join(
            f" || CASE WHEN {condition} THEN ARRAY['{name}=co'] ELSE '{{}}'::text[] END"
            for name, condition in windows.items()
        )
        flags = []  # (facet name, SQL flag expression, alias)
        for number, (name, values) in enumerate(sorted(query.filters.items())):
            if name in windows:
                flags.append((name, windows[name], f"s{number}"))
                continue
            params[f"sel{number}"] = [f"{name}={value}" for value in values]
            flags.append((name, f"(r.tokens && %(sel{number})s::text[])", f"s{number}"))
        all_flags = " AND ".join(flag for _, flag, _ in flags) or "TRUE"

        order = self._order(query, has_text=bool(text.variants))
        params["limit"], params["offset"] = query.per_page, query.offset
        hits_sql = (
            f"SELECT r.page_id, r.title, r.url, r.summary, r.display, {score} AS score "  # noqa: S608 - fragments are ours, input is bound
            f"FROM {table} r WHERE ({where}) AND {all_flags} "
            f"ORDER BY {order} LIMIT %(limit)s OFFSET %(offset)s"
        )

        flag_columns = "".join(f", {flag} AS {alias}" for _, flag, alias in flags)
        if flags:
            branches = " ".join(
                f"WHEN '{name}' THEN ("
                + (" AND ".join(alias for other, _, alias in flags if other != name) or "TRUE")
                + ")"
                for name, _, _ in flags
            )
            every = " AND ".join(alias for _, _, alias in flags)
            keep = (
                f"({' + '.join(f'{alias}::int' for _, _, alias in flags)}) >= {len(flags) - 1}"
                f" AND CASE split_part(tok, '=', 1) {branches} ELSE ({every}) END"
            )
        else:
            every = keep = "TRUE"
        counts_sql = (
            f"WITH m AS MATERIALIZED (SELECT {tokens} AS t{flag_columns} "  # noqa: S608 - fragments are ours, input is bound
            f"FROM {table} r WHERE {where}) "
            f"SELECT tok, count(*) FROM m CROSS JOIN LATERAL unnest(m.t) tok "
            f"WHERE {keep} GROUP BY tok "
            f"UNION ALL SELECT '', count(*) FROM m WHERE {every}"
        )
        with connection.cursor() as cursor:
            cursor.execute(counts_sql, params)
            counts, total = {}, 0
            for token, count in cursor.fetchall():
                if token == "":
                    total = count
                else:
                    name, _, value = token.partition("=")
                    counts.setdefault(name, {})[value] = count
            hits = []
            if total > query.offset:
                cursor.execute(hits_sql, params)
                hits = [
                    Hit(pk, title, url, summary, _json(display), float(score))
                    for pk, title, url, summary, display, score in cursor.fetchall()
                ]
        return hits, total, counts

    @staticmethod
    def _order(query, has_text):
        sort = query.sort
        if sort.column:
            direction = "DESC NULLS LAST" if sort.descending else "ASC"
            return f"r.{sort.column} {direction}, score DESC, r.sort_title, r.page_id"
        if has_text:
            return "score DESC, r.sort_title, r.page_id"
        return "r.sort_title, r.page_id"

    # SQLite (and any other database): folded LIKE, then Python

    def _python(self, query, fuzzy):
        kind = query.kind
        rows = kind.row_model.objects.all()
        text = query.text
        if text.variants and not fuzzy:
            condition = Q()
            for variant in text.variants:
                words = Q()
                for word in variant.words:
                    words &= Q(text_folded__contains=word)
                condition |= words
            rows = rows.filter(condition)
        columns = ["page_id", "title", "url", "summary", "display", "sort_title", "names_exact"]
        columns += ["names_folded", "text_exact", "text_folded", "facet_tokens"]
        columns += [
            sort.column for sort in kind.sorts if sort.column and sort.column not in columns
        ]
        windows = [facet for facet in kind.facets if facet.window]
        columns += [column for facet in windows for column in facet.window]
        today = timezone.localdate()
        matched = []
        for row in rows.values(*columns):
            if not text.variants:
                score = 0.0
            elif fuzzy:
                score = _similarity(text.folded, row["names_folded"])
                if score < PYTHON_FUZZY_THRESHOLD:
                    continue
            else:
                score = _score(text, row)
                if score is None:
                    continue
            row["score"] = score
            row["tokens"] = set(row["facet_tokens"])
            for facet in windows:
                start, end = (row[column] for column in facet.window)
                if start and end and start <= today <= end:
                    row["tokens"].add(f"{facet.name}=co")
            matched.append(row)

        selections = {
            name: {f"{name}={value}" for value in values} for name, values in query.filters.items()
        }

        def passes(row, skip=None):
            return all(
                row["tokens"] & tokens for name, tokens in selections.items() if name != skip
            )

        counts = {}
        for row in matched:
            for token in row["tokens"]:
                name, _, value = token.partition("=")
                if passes(row, skip=name):
                    counts.setdefault(name, {})
                    counts[name][value] = counts[name].get(value, 0) + 1
        results = [row for row in matched if passes(row)]
        results.sort(key=lambda row: self._python_key(query, row, bool(text.variants)))
        page = results[query.offset : query.offset + query.per_page]
        hits = [
            Hit(
                row["page_id"],
                row["title"],
                row["url"],
                row["summary"],
                _json(row["display"]),
                row["score"],
            )
            for row in page
        ]
        return hits, len(results), counts

    @staticmethod
    def _python_key(query, row, has_text):
        sort = query.sort
        base = (-row["score"] if has_text else 0, row["sort_title"], row["page_id"])
        if sort.column == "sort_title":
            return (row["sort_title"], row["page_id"])
        if sort.column:
            value = row[sort.column]
            missing = value is None
            value = float(value) if value is not None else 0.0
            return (missing, -value if sort.descending else value, *base)
        return base


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def _contains_words(folded_text, words):
    """Every word as a whole word, the last one as a word prefix."""
    for position, word in enumerate(words):
        tail = "" if position == len(words) - 1 else r"\b"
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
