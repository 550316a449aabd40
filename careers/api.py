"""Open data through the Wagtail API v2: published occupations, enterprises and labour-market
figures."""

from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet

from careers.models import EnterprisePage, LabourFigure, OccupationPage
from website.pagination import BoundedPagination, StrictSearchParametersMixin


class OccupationsAPIViewSet(StrictSearchParametersMixin, PagesAPIViewSet):
    """/api/v2/occupations/: published, public occupation pages only."""

    model = OccupationPage
    name = "occupations"
    pagination_class = BoundedPagination
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "summary",
        "riasec_code",
        "training_levels",
        "pay",
    ]

    def get_queryset(self):
        public = self.get_base_queryset().values("pk")
        return (
            OccupationPage.objects.live()
            .public()
            .filter(pk__in=public)
            .select_related("isco_group", "training_field")
            .prefetch_related("routes")
            .order_by("sort_title", "pk")
        )


class EnterprisesAPIViewSet(StrictSearchParametersMixin, PagesAPIViewSet):
    """/api/v2/enterprises/: published, public enterprise pages, with their public fields."""

    model = EnterprisePage
    name = "enterprises"
    pagination_class = BoundedPagination
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "summary",
        "sector_info",
        "area",
        "is_sample",
    ]

    def get_queryset(self):
        public = self.get_base_queryset().values("pk")
        return (
            EnterprisePage.objects.live()
            .public()
            .filter(pk__in=public)
            .select_related("sector", "province", "commune")
            .order_by("title", "pk")
        )


class LabourSeriesAPIViewSet(BaseAPIViewSet):
    """/api/v2/labour-series/: every figure with its source, date and sample flag."""

    model = LabourFigure
    name = "labour-series"
    pagination_class = BoundedPagination
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["period", "region", "is_sample", "is_preliminary", "unit"]
    )
    body_fields = [*BaseAPIViewSet.body_fields]
    listing_default_fields = [
        "id",
        "indicator_slug",
        "subject",
        "area",
        "period",
        "value_number",
        "unit",
        "source",
        "reference_date",
        "is_sample",
    ]
    meta_fields = ["detail_url"]
    nested_default_fields = ["id"]

    def get_queryset(self):
        return LabourFigure.objects.with_related().order_by("pk")
