"""Facet counting in memory, the way a search server does it: one bitset per facet value
(a Python int, bit *n* for the *n*-th row in name order), so that counting a value among the
matches is an AND and a popcount, whatever the number of matches, and filtering and paging
a text-less query needs no SQL at all.

An index holds a kind's facet tokens and sort columns (not its text: the text search stays in
the database). It is loaded once per process and reloaded when the kind's ``SearchState``
version changes: every write to the search rows sets a new random version in the same
transaction (``search.indexing``), so a process sees the change on its next search, and a
rolled-back write never leaves a version that another write could reuse. One statement per
search checks the version. Memory: a few megabytes for 20,000 programmes
(``docs/benchmarks.md``).
"""

import heapq
import sys
import threading
import uuid

from django.db import connection

from search.models import SearchState

_indexes = {}  # kind name -> FacetIndex
_lock = threading.Lock()


def bump_version(kind):
    """Call in the transaction that writes a kind's rows: every process reloads its index."""
    SearchState.objects.update_or_create(kind=kind.name, defaults={"version": uuid.uuid4().hex})


def facet_index(kind):
    """The current index of a kind: one statement to check its version, and a reload when the
    rows have changed since (or, with no version recorded yet, every time)."""
    with connection.cursor() as cursor:  # once per search: no ORM query building
        cursor.execute(
            f"SELECT version FROM {SearchState._meta.db_table} WHERE kind = %s",  # noqa: S608 - the table name is ours
            [kind.name],
        )
        row = cursor.fetchone()
    version = row[0] if row else None
    index = _indexes.get(kind.name)
    if version is not None and index is not None and index.version == version:
        return index
    index = FacetIndex.load(kind)
    if version is not None:
        # The rows were read after the version: they are at least that new.
        index.version = version
        with _lock:
            _indexes[kind.name] = index
    return index


def _bitset(positions, size):
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def positions_of(bitset, limit=None):
    """The set bits of ``bitset``, lowest first (at most ``limit``)."""
    digits = bin(bitset)[:1:-1]  # least significant first
    found = []
    at = digits.find("1")
    while at >= 0 and (limit is None or len(found) < limit):
        found.append(at)
        at = digits.find("1", at + 1)
    return found


class FacetIndex:
    def __init__(self, kind, rows):
        """``rows``: dicts with page_id, sort_title, facet_tokens and the kind's sort and
        window columns."""
        self.kind = kind
        self.version = None
        rows = sorted(rows, key=lambda row: (row["sort_title"], row["page_id"]))
        self.size = len(rows)
        self.ids = [row["page_id"] for row in rows]
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

    @classmethod
    def load(cls, kind):
        columns = ["page_id", "sort_title", "facet_tokens", *_sort_columns(kind)]
        columns += [column for facet in kind.facets for column in facet.window]
        return cls(kind, kind.row_model.objects.values(*dict.fromkeys(columns)))

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
        if sort.column:
            column = self.columns[sort.column]
            sign = -1 if sort.descending else 1

            def key(number):
                value = column[number]
                missing = value is None
                return (missing, 0 if missing else sign * float(value), relevance(number), number)
        else:

            def key(number):
                return (relevance(number), number)

        chosen = heapq.nsmallest(offset + limit, numbers, key=key)[offset:]
        return [ids[number] for number in chosen]

    def memory(self):
        """The bytes this index holds: bitsets, the id map and the per-row columns (for the
        benchmark; small ints and shared values counted once per reference)."""
        size = sys.getsizeof
        total = size(self.ids) + size(self.position) + sum(map(size, self.ids))
        for values in self.values.values():
            total += size(values) + sum(map(size, values.values()))
        for column in (*self.columns.values(), *self.windows.values()):
            total += size(column) + sum(map(size, column))
        return total


def _sort_columns(kind):
    return [sort.column for sort in kind.sorts if sort.column and sort.column != "sort_title"]
