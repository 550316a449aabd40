"""The faceted-search contract both engines implement.

A ``SearchQuery`` (kind, text, selected facet values, sort, page) gives a ``SearchResult``
(hits, facet counts, total). Facets are multi-select: values of one facet are OR-ed, facets are
AND-ed, and each facet's counts apply every other facet's selection but not its own.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from search.kinds import RELEVANCE, VALUE_PATTERN
from search.text import MAX_QUERY_LENGTH, analyse
from website.parsing import is_ascii_digits

MAX_PAGE = 500
MAX_VALUES_PER_FACET = 30
QUERY_PARAM = "q"
SORT_PARAM = "sap-xep"
PAGE_PARAM = "trang"
KIND_PARAM = "loai"


class QueryError(ValueError):
    """The request cannot be answered as asked; ``messages`` say why, in Vietnamese."""

    def __init__(self, messages):
        super().__init__("; ".join(messages))
        self.messages = list(messages)


@dataclass
class SearchQuery:
    kind: object
    text: object  # search.text.QueryText
    filters: dict = field(default_factory=dict)  # facet name -> tuple of values
    sort: object = RELEVANCE
    page: int = 1
    labels: dict = field(default_factory=dict)  # facet name -> {value: label}

    @property
    def per_page(self):
        return self.kind.per_page

    @property
    def offset(self):
        return (self.page - 1) * self.per_page

    def params(self, without=None, page=None):
        """The URL parameters of this query, as (name, value) pairs; ``without`` is a
        (facet name, value) pair to leave out."""
        pairs = [(KIND_PARAM, self.kind.param)]
        if self.text.raw:
            pairs.append((QUERY_PARAM, self.text.raw))
        for facet in self.kind.facets:
            for value in self.filters.get(facet.name, ()):
                if (facet.name, value) != without:
                    pairs.append((facet.param, value))
        if self.sort is not RELEVANCE:
            pairs.append((SORT_PARAM, self.sort.key))
        if page and page > 1:
            pairs.append((PAGE_PARAM, str(page)))
        return pairs


@dataclass
class Hit:
    id: int
    title: str
    url: str
    summary: str
    display: dict
    score: float = 0.0


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    facet: object
    options: list


@dataclass
class SearchResult:
    query: SearchQuery
    hits: list
    total: int
    facets: list
    fuzzy: bool = False  # nothing matched every word: these are near matches
    engine: str = ""
    notices: list = field(default_factory=list)

    @property
    def approximate(self):
        """The contract's name (API field ``approximate``, "kết quả gần đúng" on the page)."""
        return self.fuzzy

    @property
    def num_pages(self):
        return max(1, math.ceil(self.total / self.query.per_page))

    def chips(self):
        """The active filters, each with the query that removes it."""
        return [
            (facet, value, self.query.labels.get(facet.name, {}).get(value, value))
            for facet in self.query.kind.facets
            for value in self.query.filters.get(facet.name, ())
        ]

    def as_json(self):
        query = self.query
        return {
            "kind": query.kind.name,
            "query": query.text.raw,
            "sort": query.sort.key,
            "page": query.page,
            "per_page": query.per_page,
            "total": self.total,
            "num_pages": self.num_pages,
            "approximate": self.approximate,
            "engine": self.engine,
            "filters": {
                query.kind.facet(name).param: list(values) for name, values in query.filters.items()
            },
            "hits": [
                {
                    "id": hit.id,
                    "title": hit.title,
                    "url": hit.url,
                    "summary": hit.summary,
                    **hit.display,
                }
                for hit in self.hits
            ],
            "facets": [
                {
                    "name": result.facet.param,
                    "label": str(result.facet.label),
                    "options": [
                        {
                            "value": option.value,
                            "label": option.label,
                            "count": option.count,
                            "selected": option.selected,
                        }
                        for option in result.options
                    ],
                }
                for result in self.facets
            ],
        }


def parse_query(kind, params, strict=False):
    """Read a query from URL parameters (a QueryDict). ``strict`` (the API): any problem
    raises ``QueryError``. Otherwise (the page): bad parts are dropped, and the messages are
    returned to show beside the results."""
    errors = []
    if strict:
        known = {QUERY_PARAM, SORT_PARAM, PAGE_PARAM, KIND_PARAM}
        known |= {facet.param for facet in kind.facets}
        unknown = sorted(name for name in params if name not in known)
        if unknown:
            errors.append(
                _("Tham số không được hỗ trợ: %(names)s. Dùng: %(known)s.")
                % {"names": ", ".join(unknown)[:200], "known": ", ".join(sorted(known))}
            )

    raw = params.get(QUERY_PARAM, "") or ""
    if len(raw) > MAX_QUERY_LENGTH:
        errors.append(
            _("Từ khóa dài quá %(max)s ký tự; chỉ dùng phần đầu.") % {"max": MAX_QUERY_LENGTH}
        )
    text = analyse(raw)

    filters, labels = {}, {}
    for facet in kind.facets:
        values = [value for value in params.getlist(facet.param) if value != ""]
        if not values:
            continue
        labels[facet.name] = known_values = facet.labels_for(values)
        chosen = []
        for value in values[:MAX_VALUES_PER_FACET]:
            if VALUE_PATTERN.match(value) and value in known_values:
                if value not in chosen:
                    chosen.append(value)
            else:
                errors.append(
                    _("Không có lựa chọn “%(value)s” trong “%(facet)s”; đã bỏ qua.")
                    % {"value": value[:60], "facet": facet.label}
                )
        if len(values) > MAX_VALUES_PER_FACET:
            errors.append(
                _("Chọn tối đa %(max)s giá trị cho “%(facet)s”.")
                % {"max": MAX_VALUES_PER_FACET, "facet": facet.label}
            )
        if chosen:
            filters[facet.name] = tuple(chosen)

    sort = RELEVANCE
    sort_key = params.get(SORT_PARAM, "")
    if sort_key:
        sort = kind.sort(sort_key)
        if sort is None:
            errors.append(
                _("Không sắp xếp được theo “%(value)s”; dùng: %(known)s.")
                % {"value": sort_key[:40], "known": ", ".join(s.key for s in kind.sorts)}
            )
            sort = RELEVANCE

    page = 1
    page_raw = params.get(PAGE_PARAM, "")
    if page_raw:
        if not is_ascii_digits(page_raw):
            errors.append(_("Số trang phải là một số nguyên dương."))
        else:
            page = int(page_raw)
            if page < 1 or page > MAX_PAGE:
                errors.append(_("Số trang phải từ 1 đến %(max)s.") % {"max": MAX_PAGE})
                page = min(max(page, 1), MAX_PAGE)

    if strict and errors:
        raise QueryError(errors)
    query = SearchQuery(kind=kind, text=text, filters=filters, sort=sort, page=page)
    query.labels = labels
    return query, errors


def facet_results(query, counts):
    """Turn {facet name: {value: count}} into the facet lists shown beside the results: every
    value with a count, in the taxonomy's order, plus the selected ones (even at zero)."""
    results = []
    for facet in query.kind.facets:
        facet_counts = counts.get(facet.name, {})
        selected = query.filters.get(facet.name, ())
        if not facet_counts and not selected:
            continue
        labels = query.labels.get(facet.name)
        if labels is None or facet.large:
            labels = query.labels[facet.name] = _labels(facet, facet_counts, selected)
        options = [
            FacetOption(value, str(label), facet_counts.get(value, 0), value in selected)
            for value, label in labels.items()
            if facet_counts.get(value) or value in selected
        ]
        if facet.limit and len(options) > facet.limit:
            ranked = sorted(options, key=lambda option: (not option.selected, -option.count))
            keep = {option.value for option in ranked[: facet.limit]}
            options = [option for option in options if option.value in keep]
        if options:
            results.append(FacetResult(facet, options))
    return results


def _labels(facet, counts, selected):
    """The labels of the values to show. A large taxonomy shows at most ``facet.limit``
    values, the selected then the most frequent: only those labels are fetched (more only if
    some values have no label, e.g. an occupation no longer published)."""
    values = sorted(
        {*counts, *selected},
        key=lambda value: (value not in selected, -counts.get(value, 0), value),
    )
    if not facet.limit:
        return facet.labels_for(values)
    wanted = facet.limit + len(selected)
    while True:
        labels = facet.labels_for(values[:wanted])
        if len(labels) >= facet.limit or wanted >= len(values):
            return labels
        wanted *= 2
