"""Admin registration: taxonomies and labour-market data as snippets, the import view."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from careers import views
from careers.models import (
    EconomicSector,
    HiringNeed,
    Indicator,
    IscoGroup,
    LabourFigure,
    RiasecType,
    TrainingField,
)


class TrainingFieldViewSet(SnippetViewSet):
    model = TrainingField
    icon = "folder-open-inverse"
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


class IscoGroupViewSet(SnippetViewSet):
    model = IscoGroup
    icon = "list-ul"
    list_display = ["code", "title_en", "title_vi", "holland_code"]
    list_filter = ["level"]
    search_fields = ["code", "title_en", "title_vi"]


class RiasecTypeViewSet(SnippetViewSet):
    model = RiasecType
    icon = "pick"
    list_display = ["code", "name", "short"]


class EconomicSectorViewSet(SnippetViewSet):
    model = EconomicSector
    icon = "site"
    list_display = ["code", "name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Danh mục nghề")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = [TrainingFieldViewSet, IscoGroupViewSet, RiasecTypeViewSet, EconomicSectorViewSet]


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    list_display = ["name", "slug", "unit"]


class LabourFigureViewSet(SnippetViewSet):
    model = LabourFigure
    icon = "table"
    list_display = [
        "indicator",
        Column("subject_label", label=_("Nghề, ngành")),
        Column("area_label", label=_("Địa bàn")),
        "period",
        "value",
        "unit",
    ]
    list_filter = ["indicator", "period", "is_sample"]
    list_per_page = 50

    def get_queryset(self, request):
        return LabourFigure.objects.with_related()


class HiringNeedViewSet(SnippetViewSet):
    model = HiringNeed
    icon = "group"
    list_display = ["enterprise", "position", "workers", "province", "period_start", "is_sample"]
    list_filter = ["level", "is_sample"]
    search_fields = ["enterprise", "job_title"]

    def get_queryset(self, request):
        return HiringNeed.objects.select_related("occupation", "province")


class LabourGroup(SnippetViewSetGroup):
    menu_label = _("Thị trường lao động")
    menu_icon = "table"
    menu_order = 251
    items = [HiringNeedViewSet, LabourFigureViewSet, IndicatorViewSet]


register_snippet(TaxonomyGroup)
register_snippet(LabourGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("careers/import/", views.SeriesImportView.as_view(), name="careers_import_series")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Nhập số liệu lao động"),
        reverse("careers_import_series"),
        icon_name="upload",
        order=252,
    )
