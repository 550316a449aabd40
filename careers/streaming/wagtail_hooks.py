"""Admin registration: streaming figures and indicators as snippets, limited to the officer's
area, and the import view."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from careers.streaming import access, admin_views


class StreamingGroup(SnippetViewSetGroup):
    menu_label = _("Phân luồng học sinh")
    menu_icon = "table"
    menu_order = 253
    items = [admin_views.StreamingFigureViewSet, admin_views.StreamingIndicatorViewSet]


register_snippet(StreamingGroup)
hooks.register("before_bulk_action", admin_views.refuse_other_areas)
hooks.register("filter_admin_objects", admin_views.figures_in_area)


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("phan-luong/nhap/", admin_views.StreamingImportView.as_view(), name="streaming_import")
    ]


class StreamingImportMenuItem(MenuItem):
    def is_shown(self, request):
        return access.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_streaming_import_menu_item():
    return StreamingImportMenuItem(
        _("Nhập số liệu phân luồng"),
        reverse("streaming_import"),
        icon_name="upload",
        order=254,
    )
