"""Facet counting in memory, the way a search server does it: one bitset per facet value
(a Python int, bit *n* for the *n*-th row in name order), so that counting a value among the
matches is an AND and a popcount, whatever the number of matches, and filtering and paging
a text-less query needs no SQL at all.

An index holds a kind's facet tokens and sort columns and, on PostgreSQL, the text's common
words: one bitset per lexeme that at least ``COMMON_SHARE`` of the rows hold, exactly as
PostgreSQL stored it in the rows' ``search_vector`` (``tsvector_to_array``), and the set of
every lexeme any row holds. A query whose words are all common is matched here — the same rows
``search_vector @@ to_tsquery(…)`` gives, without reading thousands of rows; a query with a
rarer word is matched by PostgreSQL (through the GIN index: a rare word has few rows), and a
word no row holds matches nothing. For the lexemes held by at least ``POSITIONED_ROWS`` rows
it also holds where each row holds them (``Positions``: what ts_rank reads), read from the
vector's text.

It is loaded once per process and kept up to date: every write to the search rows
(``search.indexing``), in its transaction, locks the kind's ``SearchState``, gives it a new
random version and the next ``seq``, and records a ``SearchChange``: the rows written and the
facet tokens they had before (a changed row's common words are cleared and set again from its
lexemes as they are now). One statement per search reads the version; when it has
changed, the process reads the changes since its own and the changed rows (two statements)
and updates a copy of its index in place — a bit cleared or set per token, and a shift of
every bitset when a row enters, leaves or moves in name order — instead of reading every row
again. A rebuild, a gap in the changes (a rolled-back write seen inside its transaction,
changes pruned) or a large batch reload the index from all rows. Memory: a few megabytes for
20,000 programmes (``docs/benchmarks.md``).
"""

import array
import bisect
import copy
import heapq
import itertools
import operator
import re
import sys
import threading
import uuid
from collections import Counter

from django.db import connection
from django.db.models import BooleanField, TextField
from django.db.models.expressions import RawSQL

from search.models import SearchChange, SearchState

_indexes = {}  # kind name -> FacetIndex
_lock = threading.Lock()


# Changes kept for processes that are behind, and how many changed rows are applied in place
# (more, and reading every row is as quick as moving that many rows in every bitset).
KEPT_CHANGES = 1000
MAX_IN_PLACE = 200
# A lexeme held by at least this share of the rows gets a bitset (memory: size / 8 bytes
# each; at most 1 / COMMON_SHARE times the words per row of them).
COMMON_SHARE = 1 / 64
# A common lexeme held by at least this many rows also keeps, per row, where the row holds it
# (its positions and weights, as PostgreSQL stored them: what ts_rank reads), so a broad
# word's top tier can be ranked here (``search.database``); a rarer word's matches are few
# enough to be scored by PostgreSQL by id (one byte per row and lexeme while a lexeme takes at
# most 255 different position lists in the rows, else two).
POSITIONED_ROWS = 5000  # search.database.MAX_CANDIDATES: fewer matches are scored by id


def lock_state(kind):
    """Lock the kind's state row (first thing in a transaction that writes its rows): writes
    to a kind follow one another, so their ``seq`` is their commit order and the tokens read
    as "before" are those the previous write left."""
    state, _ = SearchState.objects.select_for_update().get_or_create(
        kind=kind.name, defaults={"version": uuid.uuid4().hex}
    )
    return state


def bump_version(kind, before=None):
    """Call in the transaction that writes a kind's rows: every process updates its index.
    ``before``: {page id: the facet tokens its row had, or None}; None when every row may have
    changed (a rebuild)."""
    state = lock_state(kind)
    state.version = uuid.uuid4().hex
    state.seq += 1
    state.save(update_fields=["version", "seq"])
    if before is not None:
        before = {str(pk): tokens for pk, tokens in before.items()}
    SearchChange.objects.create(kind=kind.name, seq=state.seq, version=state.version, before=before)
    SearchChange.objects.filter(kind=kind.name, seq__lte=state.seq - KEPT_CHANGES).delete()


def facet_index(kind):
    """The current index of a kind: one statement to check its version; when the rows have
    changed since, the index updated in place or reloaded (with no version recorded yet, the
    rows are read every time)."""
    with connection.cursor() as cursor:  # once per search: no ORM query building
        cursor.execute(
            f"SELECT version, seq FROM {SearchState._meta.db_table} WHERE kind = %s",  # noqa: S608 - the table name is ours
            [kind.name],
        )
        row = cursor.fetchone()
    version, seq = row if row else (None, None)
    index = _indexes.get(kind.name)
    if version is not None and index is not None and index.version == version:
        return index
    updated = index and version is not None and seq > index.seq and _updated(index, seq)
    index = updated or FacetIndex.load(kind)
    if version is not None:
        # Rows read after the version are at least that new (applying a change twice, or
        # one the rows already show, changes nothing).
        index.version, index.seq = version, seq
        with _lock:
            _indexes[kind.name] = index
    return index


def _updated(index, seq):
    """A copy of ``index`` with the changes after its own up to ``seq`` applied, or None when
    it must be reloaded."""
    changes = list(
        SearchChange.objects.filter(kind=index.kind.name, seq__gte=index.seq, seq__lte=seq)
        .order_by("seq")
        .values_list("seq", "version", "before")
    )
    chain = [change[0] for change in changes]
    # The change the index was at must be there, with its version (else the index saw a
    # write that was rolled back, or the changes were pruned), and every later one.
    if chain != list(range(index.seq, seq + 1)) or changes[0][1] != index.version:
        return None
    before = {}
    for _seq, _version, changed in changes[1:]:
        if changed is None:
            return None
        for pk, tokens in changed.items():
            before.setdefault(int(pk), set()).update(tokens or ())
    if len(before) > MAX_IN_PLACE:
        return None
    rows = index.kind.row_model.objects.filter(page_id__in=list(before))
    return index.updated(before, _values(index.kind, rows))


def _bitset(positions, size):
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


_BITS = bytes.maketrans(b"01", b"\x00\x01")
_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def positions_of(bitset, limit=None):
    """The set bits of ``bitset``, lowest first (at most ``limit``)."""
    digits = bin(bitset)[:1:-1]  # least significant first
    if limit is None:  # all of them, at C speed: one byte per bit, 0 or 1, as the selectors
        return list(itertools.compress(range(len(digits)), digits.encode().translate(_BITS)))
    found = []
    at = digits.find("1")
    while at >= 0 and (limit is None or len(found) < limit):
        found.append(at)
        at = digits.find("1", at + 1)
    return found


def _values(kind, rows):
    """The rows as the index reads them: dicts of ``_columns`` and, on PostgreSQL, their
    lexemes as PostgreSQL stored them (``lexemes``) and each lexeme's positions with their
    weights as the vector's text writes them (``positions``: {lexeme: "1A,7A,11B"})."""
    if connection.vendor == "postgresql":
        rows = rows.annotate(vector=_VECTOR_TEXT, nested=_NESTED)
        values = list(rows.values(*_columns(kind), *NAME_COLUMNS, "vector"))
        for row in values:
            row["positions"] = parse_vector(row.pop("vector"))
            row["lexemes"] = list(row["positions"])
        return values
    return rows.values(*_columns(kind))


# A tsvector's text (tsvectorout in PostgreSQL's tsvector.c): each lexeme in single quotes, a
# quote in it doubled and a backslash doubled, then, if it has positions, ":" and the positions
# with their weights ("1A,7B,12": no letter is weight D).
_VECTOR_ENTRY = re.compile(r"'((?:[^'\\]|''|\\\\)*)'(?::([0-9A-D,]+))?")
_VECTOR_ESCAPE = re.compile(r"''|\\\\")


def parse_vector(text):
    """{lexeme: its positions as written ("" when none)} of a tsvector's text."""
    text = text or ""
    if "''" not in text and "\\" not in text:  # nothing escaped (as good as always)
        return dict(_VECTOR_ENTRY.findall(text))
    found = {}
    for lexeme, positions in _VECTOR_ENTRY.findall(text):
        if "'" in lexeme or "\\" in lexeme:
            lexeme = _VECTOR_ESCAPE.sub(lambda match: match.group()[0], lexeme)
        found[lexeme] = positions
    return found


_VECTOR_TEXT = RawSQL("search_vector::text", [], output_field=TextField())


# What the database engine bounds a row's relevance with (PostgreSQL): its names as written
# and folded, and whether its text begins with its names (then a phrase found in the names is
# in the text too).
NAME_COLUMNS = ("names_exact", "names_folded", "nested")
_NESTED = RawSQL(
    "starts_with(text_exact, names_exact) AND starts_with(text_folded, names_folded)",
    [],
    output_field=BooleanField(),
)


class FacetIndex:
    def __init__(self, kind, rows):
        """``rows``: dicts with page_id, sort_title, facet_tokens and the kind's sort and
        window columns, and ``lexemes`` (PostgreSQL: the text match is done here for common
        words)."""
        self.kind = kind
        self.version, self.seq = None, 0
        rows = sorted(rows, key=lambda row: (row["sort_title"], row["page_id"]))
        self.size = len(rows)
        self.ids = [row["page_id"] for row in rows]
        shared = {}  # many rows share a title: hold each once
        self.titles = [shared.setdefault(row["sort_title"], row["sort_title"]) for row in rows]
        self.position = {page_id: number for number, page_id in enumerate(self.ids)}
        self.all = (1 << self.size) - 1
        self.columns = {column: [row[column] for row in rows] for column in _sort_columns(kind)}
        self.windows = {
            facet.name: [(row[facet.window[0]], row[facet.window[1]]) for row in rows]
            for facet in kind.facets
            if facet.window
        }
        self._window_bits = (None, {})
        positions = {}
        for number, row in enumerate(rows):
            for token in row["facet_tokens"]:
                positions.setdefault(token, []).append(number)
        # facet name -> {value: bitset}
        self.values = {}
        for token, found in positions.items():
            name, _, value = token.partition("=")
            self.values.setdefault(name, {})[value] = _bitset(found, self.size)
        self.totals = {
            name: {value: bits.bit_count() for value, bits in values.items()}
            for name, values in self.values.items()
        }
        # The text: None when the rows came without their lexemes (SQLite).
        self.words, self.lexicon, self.positioned = None, None, None
        if rows and "lexemes" in rows[0]:
            for column in NAME_COLUMNS:
                self.columns[column] = [shared.setdefault(row[column], row[column]) for row in rows]
            positions = {}
            for number, row in enumerate(rows):
                for lexeme in row["lexemes"] or ():
                    positions.setdefault(lexeme, []).append(number)
            self.lexicon = set(positions)
            common = max(1, int(self.size * COMMON_SHARE))
            self.words = {
                lexeme: _bitset(found, self.size)
                for lexeme, found in positions.items()
                if len(found) >= common
            }
            # Where the rows hold the frequent lexemes (None: the rows came without).
            if "positions" in rows[0]:
                self.positioned = {}
                for lexeme, found in positions.items():
                    if len(found) >= max(common, POSITIONED_ROWS):
                        held = self.positioned[lexeme] = Positions(self.size)
                        for number in found:
                            held.set(number, rows[number]["positions"][lexeme])
        elif not rows and connection.vendor == "postgresql":
            self.words, self.lexicon, self.positioned = {}, set(), {}

    @classmethod
    def load(cls, kind):
        return cls(kind, list(_values(kind, kind.row_model.objects.all())))

    def text_match(self, text):
        """The bitset of the rows that hold every word of one of the query's readings (what
        ``search_vector @@ to_tsquery('(a & b) | (c)')`` matches), or None when a word is
        neither common nor absent: PostgreSQL must match it.

        A query word is one lexeme as typed: ``search.text`` keeps only ``[a-z0-9]+`` runs of
        the folded text, which the vn_unaccent configuration (the ``simple`` dictionary, no
        stop words; unaccent changes no ASCII letter) turns into themselves."""
        if self.words is None:
            return None
        match = 0
        for variant in text.variants:
            if any(word not in self.lexicon for word in variant.words):
                continue  # no row holds that word
            if any(word not in self.words for word in variant.words):
                return None
            rows = self.all
            for word in variant.words:
                rows &= self.words[word]
            match |= rows
        return match

    def prefix_match(self, text):
        """The bitset of the rows that ``search_vector @@ to_tsquery(…)`` matches for the
        near-match search's query (``search.database.tsquery(text, prefix=True)``: every word
        whole but the last, which may begin a longer word — any lexeme it begins), or None
        when one of those lexemes is not common: PostgreSQL must match it."""
        if self.words is None:
            return None
        match = 0
        for variant in text.variants:
            *whole, last = variant.words
            if any(word not in self.lexicon for word in whole):
                continue
            begun = [lexeme for lexeme in self.lexicon if lexeme.startswith(last)]
            if any(lexeme not in self.words for lexeme in (*whole, *begun)):
                return None
            rows = 0
            for lexeme in begun:
                rows |= self.words[lexeme]
            for word in whole:
                rows &= self.words[word]
            match |= rows
        return match

    def updated(self, before, rows):
        """A copy with these rows changed: ``before`` {page id: the tokens it may have held},
        ``rows`` the changed rows as they are now, dicts like ``load`` reads (a page without a
        row has left)."""
        new = copy.copy(self)
        new.ids, new.titles = list(self.ids), list(self.titles)
        new.columns = {name: list(values) for name, values in self.columns.items()}
        new.windows = {name: list(values) for name, values in self.windows.items()}
        new.values = {name: dict(values) for name, values in self.values.items()}
        if self.words is not None:
            new.words, new.lexicon = dict(self.words), set(self.lexicon)
        if self.positioned is not None:
            # Copied when first written (a publish changes a few lexemes of one row).
            new.positioned, new._copied = dict(self.positioned), set()
        new._window_bits = (None, {})
        now = {row["page_id"]: row for row in rows}
        touched, leaving, entering = set(), [], []
        for pk, tokens in before.items():
            row, at = now.get(pk), self.position.get(pk)
            if at is not None:
                touched |= new._set_bits(at, tokens, False)
                if row is not None and new.titles[at] == row["sort_title"]:
                    new._write_columns(at, row)  # stays where it is
                    touched |= new._set_bits(at, row["facet_tokens"], True)
                    new._set_words(at, row)
                    continue
                leaving.append(at)
            if row is not None:
                entering.append(row)
        for at in sorted(leaving, reverse=True):  # the lower positions stay valid
            new._remove_at(at)
        for row in entering:
            at = new._insert(row)
            new._write_columns(at, row)
            touched |= new._set_bits(at, row["facet_tokens"], True)
            new._set_words(at, row)
        if leaving or entering:
            new.position = {page_id: number for number, page_id in enumerate(new.ids)}
        new.all = (1 << new.size) - 1
        new.totals = {name: dict(values) for name, values in self.totals.items()}
        for name, value in touched:
            bits = new.values.get(name, {}).get(value, 0)
            if bits:
                new.totals.setdefault(name, {})[value] = bits.bit_count()
            else:
                new.values.get(name, {}).pop(value, None)
                new.totals.get(name, {}).pop(value, None)
        return new

    def _write_columns(self, at, row):
        for column, values in self.columns.items():
            values[at] = row[column]
        for facet in self.kind.facets:
            if facet.window:
                self.windows[facet.name][at] = tuple(row[column] for column in facet.window)

    def _set_bits(self, at, tokens, on):
        """Set (or clear) the row's bit in the bitsets of ``tokens``; the (facet, value) pairs."""
        touched = set()
        bit = 1 << at
        for token in tokens:
            name, _, value = token.partition("=")
            values = self.values.setdefault(name, {})
            bits = values.get(value, 0)
            values[value] = bits | bit if on else bits & ~bit
            touched.add((name, value))
        return touched

    def _set_words(self, at, row):
        """The row at ``at`` now holds ``row["lexemes"]``: its bit in every common word's
        bitset says so (the index knows the lexemes a row held only through these bitsets,
        so each is cleared first), and the lexicon learns its words."""
        if self.words is None:
            return
        lexemes = set(row.get("lexemes") or ())
        bit = 1 << at
        for lexeme, bits in self.words.items():
            if lexeme in lexemes:
                self.words[lexeme] = bits | bit
            elif bits & bit:
                self.words[lexeme] = bits & ~bit
        self.lexicon |= lexemes
        if self.positioned is not None:
            positions = row.get("positions")
            if positions is None:  # the row came without its positions: rank in SQL
                self.positioned = None
                return
            for lexeme, held in self.positioned.items():
                written = positions.get(lexeme)
                if held.lists[held.rows[at]] != written:
                    self._writable(lexeme).set(at, written)

    def _writable(self, lexeme):
        """The positions of ``lexeme``, this copy's own (``updated`` shares them at first)."""
        copied = self.__dict__.setdefault("_copied", set())
        if lexeme not in copied:
            self.positioned[lexeme] = self.positioned[lexeme].copy()
            copied.add(lexeme)
        return self.positioned[lexeme]

    def _shift(self, move):
        for values in self.values.values():
            for value, bits in values.items():
                values[value] = move(bits)
        if self.words is not None:
            for lexeme, bits in self.words.items():
                self.words[lexeme] = move(bits)

    def _remove_at(self, at):
        below = (1 << at) - 1
        self._shift(lambda bits: (bits & below) | ((bits >> (at + 1)) << at))
        for values in (self.ids, self.titles, *self.columns.values(), *self.windows.values()):
            del values[at]
        for lexeme in self.positioned or ():
            del self._writable(lexeme).rows[at]
        self.size -= 1

    def _insert(self, row):
        """Make room for ``row`` at its place in name order; its position."""
        key = (row["sort_title"], row["page_id"])
        at = bisect.bisect_left(range(self.size), key, key=lambda n: (self.titles[n], self.ids[n]))
        below = (1 << at) - 1
        self._shift(lambda bits: (bits & below) | ((bits >> at) << (at + 1)))
        self.ids.insert(at, row["page_id"])
        self.titles.insert(at, row["sort_title"])
        for values in (*self.columns.values(), *self.windows.values()):
            values.insert(at, None)
        for lexeme in self.positioned or ():
            self._writable(lexeme).rows.insert(at, 0)
        self.size += 1
        return at

    def bitset_where(self, flags):
        """The bitset of the rows whose flag is true: ``flags``, one bool per row in the
        index's order (built at C speed: one byte per row, read as binary digits)."""
        digits = bytes(flags).translate(_DIGITS)[::-1]
        return int(digits, 2) if digits else 0

    def bitset(self, page_ids):
        """The bitset of those pages (ids the index does not hold are ignored)."""
        position = self.position
        return _bitset((position[pk] for pk in page_ids if pk in position), self.size)

    def facet_values(self, name, today):
        """{value: bitset} of a facet; a date-window facet is computed for ``today``."""
        if name not in self.windows:
            return self.values.get(name, {})
        day, computed = self._window_bits
        if day != today:
            computed = {}
            self._window_bits = (today, computed)
        if name not in computed:
            open_now = [
                number
                for number, (start, end) in enumerate(self.windows[name])
                if start and end and start <= today <= end
            ]
            computed[name] = {"co": _bitset(open_now, self.size)} if open_now else {}
        return computed[name]

    def selections(self, filters, today):
        """{facet name: bitset of the rows with any of its selected values}."""
        selections = {}
        for name, values in filters.items():
            bits = 0
            facet_values = self.facet_values(name, today)
            for value in values:
                bits |= facet_values.get(value, 0)
            selections[name] = bits
        return selections

    def passing(self, selections):
        """The bitset of the rows that pass every selection."""
        rows = self.all
        for bits in selections.values():
            rows &= bits
        return rows

    def ids_of(self, bitset):
        return [self.ids[number] for number in positions_of(bitset)]

    def count(self, match, selections, today):
        """Counts of every facet value among ``match`` (a bitset), each facet's counts under
        every other facet's selection but not its own: {facet: {value: count}}."""
        counts = {}
        for facet in self.kind.facets:
            name = facet.name
            mask = match
            for other, bits in selections.items():
                if other != name:
                    mask &= bits
            if not mask:
                continue
            if mask == self.all and name not in self.windows:
                found = dict(self.totals.get(name, {}))
            else:
                found = {}
                for value, bits in self.facet_values(name, today).items():
                    count = (bits & mask).bit_count()
                    if count:
                        found[value] = count
            if found:
                counts[name] = found
        return counts

    def page(self, rows, sort, offset, limit, scores=None):
        """The page ids of one page of results: ``rows`` (a bitset) in the order of ``sort``;
        ``scores`` ({page id: relevance}) when there was text."""
        if sort.column == "sort_title" or (not sort.column and scores is None):
            # Name order is the index's own order.
            return [self.ids[number] for number in positions_of(rows, offset + limit)[offset:]]
        numbers = positions_of(rows)
        ids = self.ids
        relevance = (lambda number: -scores[ids[number]]) if scores else (lambda number: 0)
        if scores and hasattr(scores, "values_at"):  # scores read off the rows' positions
            negated = map(operator.neg, scores.values_at(numbers))
            relevance = dict(zip(numbers, negated, strict=True)).__getitem__
        if sort.column:
            column = self.columns[sort.column]
            sign = -1 if sort.descending else 1

            def key(number):
                value = column[number]
                missing = value is None
                return (missing, 0 if missing else sign * float(value), relevance(number), number)
        elif scores:
            # By relevance: only the rows scoring at least the (offset + limit)-th best score
            # can be on the page or before it; they are few, and sorted.
            if hasattr(scores, "values_at"):  # scores read off the rows' positions
                values = scores.values_at(numbers)
            else:
                values = list(map(scores.__getitem__, map(ids.__getitem__, numbers)))
            frequency = Counter(values)
            seen = 0
            for threshold in sorted(frequency, reverse=True):
                seen += frequency[threshold]
                if seen >= offset + limit:
                    break
            # Those above it, by score; then those at it, in the index's order (numbers rise).
            best = sorted(
                (-value, number)
                for value, number in zip(values, numbers, strict=True)
                if value > threshold
            )
            at = map(operator.eq, values, itertools.repeat(threshold))
            tied = itertools.islice(itertools.compress(numbers, at), offset + limit - len(best))
            best += [(0, number) for number in tied]
            return [ids[number] for _, number in best[offset : offset + limit]]
        else:

            def key(number):
                return (relevance(number), number)

        chosen = heapq.nsmallest(offset + limit, numbers, key=key)[offset:]
        return [ids[number] for number in chosen]

    def memory(self):
        """The bytes this index holds: bitsets, the id map and the per-row columns (for the
        benchmark; small ints and shared values counted once per reference, except the names,
        which are held once per distinct value)."""
        size = sys.getsizeof
        total = size(self.ids) + size(self.position) + sum(map(size, self.ids))
        for values in self.values.values():
            total += size(values) + sum(map(size, values.values()))
        for name, column in (*self.columns.items(), *self.windows.items()):
            total += size(column)
            if name in NAME_COLUMNS:
                total += sum(map(size, {id(value): value for value in column}.values()))
            else:
                total += sum(map(size, column))
        if self.words is not None:
            total += size(self.words) + sum(map(size, self.words.values()))
            total += size(self.lexicon) + sum(map(size, self.lexicon))
        for held in (self.positioned or {}).values():
            total += held.memory()
        return total


class Positions:
    """Where the rows hold one lexeme: per row (in the index's order) the number of its
    positions as written ("1A,7A,11B", as PostgreSQL's vector stores them), 0 when the row
    does not hold it; ``lists[number]`` is what a number stands for. Rows with the same
    number hold the lexeme at the same positions with the same weights."""

    def __init__(self, size):
        self.rows = bytearray(size)
        self.lists = [None]
        self.numbers = {}

    def set(self, at, positions):
        if positions is None:
            self.rows[at] = 0
            return
        number = self.numbers.get(positions)
        if number is None:
            number = self.numbers[positions] = len(self.lists)
            self.lists.append(positions)
            if number == 256 and isinstance(self.rows, bytearray):
                self.rows = array.array("H", self.rows)
            elif number == 65536:
                self.rows = array.array("I", self.rows)
        self.rows[at] = number

    def copy(self):
        new = copy.copy(self)
        new.rows, new.lists, new.numbers = self.rows[:], list(self.lists), dict(self.numbers)
        return new

    def memory(self):
        size = sys.getsizeof
        return size(self.rows) + size(self.lists) + size(self.numbers) + sum(map(size, self.lists))


def _columns(kind):
    columns = ["page_id", "sort_title", "facet_tokens", *_sort_columns(kind)]
    columns += [column for facet in kind.facets for column in facet.window]
    return list(dict.fromkeys(columns))


def _sort_columns(kind):
    return [sort.column for sort in kind.sorts if sort.column and sort.column != "sort_title"]
