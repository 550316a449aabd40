from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from website import area_choosers
from website.admin_access import VisibleObjectsAPIMixin, limit_page_chooser
from website.library import refuse_restricted_download
from website.models import Commune, LibraryTopic, Province


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Administrative units come from ``manage.py load_admin_units``; the admin only shows them."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)


class AdminUnitSnippetChooserViewSet(SnippetChooserViewSet):
    register_widget = False  # forms use website.area_choosers instead


class AdminUnitViewSet(SnippetViewSet):
    inspect_view_enabled = True
    search_fields = ["name", "code"]
    chooser_viewset_class = AdminUnitSnippetChooserViewSet

    def get_permissions_to_register(self):
        return super().get_permissions_to_register().filter(codename__startswith="view_")


class ProvinceViewSet(AdminUnitViewSet):
    model = Province
    icon = "site"
    list_display = ["name", "code", "structure", "successor"]
    list_filter = ["structure"]

    def get_queryset(self, request):
        return Province.objects.select_related("successor")


class CommuneViewSet(AdminUnitViewSet):
    model = Commune
    icon = "home"
    list_display = ["name", "code", "province", "district", "structure"]
    list_filter = ["structure", "province"]

    def get_queryset(self, request):
        return Commune.objects.select_related("province", "district__province")


class AdminUnitsViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Đơn vị hành chính")
    menu_name = "don-vi-hanh-chinh"
    menu_icon = "site"
    items = [ProvinceViewSet, CommuneViewSet]


for model in (Province, Commune):
    register_permission_policy(model, ViewOnlyPermissionPolicy(model))
register_snippet(AdminUnitsViewSetGroup)


@hooks.register("register_admin_viewset")
def register_area_choosers():
    return area_choosers.VIEWSETS


@hooks.register("insert_global_admin_js")
def start_admin_widgets_without_inline_scripts():
    """See templates/wagtailadmin/: Wagtail's inline starter scripts would break the CSP."""
    return format_html('<script src="{}"></script>', static("website/js/admin-csp.js"))


class VisibleImagesAPIViewSet(VisibleObjectsAPIMixin, ImagesAdminAPIViewSet):
    pass


class VisibleDocumentsAPIViewSet(VisibleObjectsAPIMixin, DocumentsAdminAPIViewSet):
    pass


@hooks.register("construct_admin_api", order=100)  # after wagtail.images' and .documents'
def limit_admin_api_to_visible_files(router):
    """/admin/api/main/images/ and …/documents/ list only the collections the user works in."""
    router.register_endpoint("images", VisibleImagesAPIViewSet)
    router.register_endpoint("documents", VisibleDocumentsAPIViewSet)


hooks.register("construct_page_chooser_queryset", limit_page_chooser)

# The teachers' library: restricted files are refused to anonymous visitors where they are
# served (after Wagtail's own collection-privacy check), and editors keep its topics.
hooks.register("before_serve_document", refuse_restricted_download)
register_snippet(LibraryTopic)
