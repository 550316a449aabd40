"""Open data: the Wagtail API v2 at /api/v2/ (published pages only)."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from careers.api import EnterprisesAPIViewSet, LabourSeriesAPIViewSet, OccupationsAPIViewSet
from website.pagination import BoundedPagination, StrictSearchParametersMixin


class PublicPagesAPIViewSet(StrictSearchParametersMixin, PagesAPIViewSet):
    pagination_class = BoundedPagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("occupations", OccupationsAPIViewSet)
api_router.register_endpoint("labour-series", LabourSeriesAPIViewSet)
api_router.register_endpoint("enterprises", EnterprisesAPIViewSet)
