"""The generic part of faceted search: what a kind of result (occupations, programmes) is made
of. Each kind is a small definition (``search/occupations.py``, …) built from these parts;
both engines, the pages and the API read only these definitions."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

VALUE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$")


@dataclass(frozen=True)
class Facet:
    """A multi-select facet: ``name`` in documents and rows, ``param`` in URLs."""

    name: str
    param: str
    label: str
    labels: object  # callable () -> {value: label}, in display order
    help: str = ""
    # A large taxonomy (occupations, communes): labels(values) fetches only those values,
    # and at most ``limit`` options are shown, the most frequent first.
    large: bool = False
    limit: int = 0
    # A yes-facet computed at search time from a (start, end) date window in the row:
    # "admission open now" cannot be stored, it changes every day.
    window: tuple = ()

    def labels_for(self, values):
        return self.labels(values) if self.large else self.labels()


@dataclass(frozen=True)
class Sort:
    key: str
    label: str
    column: str = ""  # the row column; "" means relevance
    descending: bool = False


RELEVANCE = Sort("lien-quan", _("Liên quan nhất"))
NAME = Sort("ten", _("Tên A–Z"), "sort_title")


@dataclass
class Kind:
    """One kind of searchable page."""

    name: str  # "occupations": index alias, API path
    param: str  # value of ?loai= on /tim-kiem/
    label: str
    noun: str
    row_model: object
    page_models: tuple
    facets: tuple
    sorts: tuple = (RELEVANCE, NAME)
    build_row: object = None  # callable(page) -> dict of row fields
    live_pages: object = None  # callable() -> iterable of live pages to index
    dependents: object = None  # callable(page) -> pages whose rows depend on page
    dependency_models: tuple = ()  # page models whose changes reach other rows
    prepare: object = None  # callable(pages): fetch what a batch's rows need, in one go
    per_page: int = 20
    extra: dict = field(default_factory=dict)

    def facet(self, name):
        return next((facet for facet in self.facets if facet.name == name), None)

    def sort(self, key):
        return next((sort for sort in self.sorts if sort.key == key), None)


_KINDS = {}


def register(kind):
    _KINDS[kind.name] = kind
    return kind


def kinds():
    _load()
    return list(_KINDS.values())


def get_kind(name):
    _load()
    return _KINDS.get(name)


def kind_for_param(param):
    return next((kind for kind in kinds() if kind.param == param), None)


def kind_for_page(page):
    for kind in kinds():
        if isinstance(page, kind.page_models):
            return kind
    return None


def _load():
    if not _KINDS:
        from search import occupations, programmes  # noqa: F401
