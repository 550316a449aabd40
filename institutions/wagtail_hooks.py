"""Admin: the upload and account views, and what school staff must not see of other schools.

Wagtail's own page permissions already keep a school's staff out of other schools' pages in
the explorer, the admin search, the editor and every page action; collections keep them out
of other schools' images and documents. What Wagtail would still show them is closed here:
the page chooser (every page, drafts included) and the reports.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from institutions import views
from institutions.permissions import is_school_staff, pages_visible_to_school_staff


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("truong/tai-len/", views.upload_choice_view, name="institutions_upload_choice"),
        path("truong/<int:institution_id>/tai-len/", views.upload_view, name="institutions_upload"),
        path(
            "truong/mau-danh-sach-nganh/", views.upload_template_view, name="institutions_template"
        ),
        path("truong/tai-khoan/", views.school_account_view, name="institutions_school_account"),
    ]


class UploadMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_upload_somewhere(request.user)


class AccountMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_create_accounts(request.user)


@hooks.register("register_admin_menu_item")
def register_upload_menu_item():
    return UploadMenuItem(
        _("Tải lên danh sách ngành"),
        reverse("institutions_upload_choice"),
        icon_name="upload",
        order=260,
    )


@hooks.register("register_admin_menu_item")
def register_account_menu_item():
    return AccountMenuItem(
        _("Tài khoản cán bộ trường"),
        reverse("institutions_school_account"),
        icon_name="user",
        order=261,
    )


@hooks.register("construct_page_chooser_queryset")
def limit_chooser_for_school_staff(pages, request):
    if is_school_staff(request.user):
        return pages_visible_to_school_staff(pages, request.user)
    return pages


@hooks.register("construct_explorer_page_queryset")
def limit_explorer_for_school_staff(parent_page, pages, request):
    if is_school_staff(request.user):
        return pages_visible_to_school_staff(pages, request.user)
    return pages


@hooks.register("construct_reports_menu")
def hide_reports_from_school_staff(request, menu_items):
    """Reports list pages across the site; a school's staff get none of them."""
    if is_school_staff(request.user):
        menu_items[:] = []
