"""The API's pagination: Wagtail's, with an offset PostgreSQL can take."""

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

MAX_OFFSET = 1_000_000


class BoundedPagination(WagtailPagination):
    """Wagtail passes any offset to the database, and one past 2⁶³ fails the request with a
    500 (``bigint out of range``); ours answers a clear 400 instead."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)
