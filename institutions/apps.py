from django.apps import AppConfig
from django.core.exceptions import PermissionDenied


class InstitutionsConfig(AppConfig):
    name = "institutions"
    verbose_name = "Cơ sở đào tạo"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        close_page_types_report_to_school_staff()


def close_page_types_report_to_school_staff():
    """Wagtail's "Page types usage" report names the last edited page of every type across
    the whole site, whatever the user's page permissions; a school's staff must not see other
    schools' pages. Its menu item is hidden (wagtail_hooks) and its URL refused here, since
    Wagtail offers no hook to restrict that one view."""
    from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView

    from institutions.permissions import is_school_staff

    if getattr(PageTypesUsageReportView, "_closed_to_school_staff", False):
        return
    dispatch = PageTypesUsageReportView.dispatch

    def dispatch_unless_school_staff(view, request, *args, **kwargs):
        if is_school_staff(request.user):
            raise PermissionDenied
        return dispatch(view, request, *args, **kwargs)

    PageTypesUsageReportView.dispatch = dispatch_unless_school_staff
    PageTypesUsageReportView._closed_to_school_staff = True
