"""Pagination: of a page's list (``paginate``), and of the API (Wagtail's, answering 400 for
what it would fail on)."""

from django.core.paginator import Paginator

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

from website.parsing import strict_int

MAX_OFFSET = 1_000_000
SEARCH_OPERATORS = ("and", "or")


def paginate(queryset, request, param, per_page):
    """One page of ``queryset``; a missing, malformed or too-large page number never fails."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


class BoundedPagination(WagtailPagination):
    """Wagtail passes any offset to the database, and one past 2⁶³ fails the request with a
    500 (``bigint out of range``); ``int()`` fails on ``²``. Ours answers a clear 400 for an
    offset or limit that is not ASCII digits or is too large."""

    def paginate_queryset(self, queryset, request, view=None):
        for name in ("offset", "limit"):
            raw = request.GET.get(name)
            if raw is not None and strict_int(raw) is None:
                raise BadRequestError(f"{name} must be a positive integer")
        if strict_int(request.GET.get("offset", "0")) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class StrictSearchParametersMixin:
    """Wagtail hands ``search_operator`` to the search backend, which raises ValueError (a
    500) for anything but ``and``/``or``: refuse it with a 400 first."""

    def check_query_parameters(self, queryset):
        operator = self.request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        super().check_query_parameters(queryset)
