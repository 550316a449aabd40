from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from careers.streaming_admin import bulk_action_in_area
from institutions.views import PageTypesUsageReportView
from website import views
from website.admin_workflow import PageWorkflowAction
from website.api import api_router

# Served ahead of Wagtail's own views at the same addresses: the page-types report is closed
# to school staff; bulk actions on streaming figures stay inside a data officer's area;
# a page's workflow action (approve from the dashboard) confirms what it did.
page_types_report = require_admin_access(PageTypesUsageReportView.as_view())
page_types_results = require_admin_access(PageTypesUsageReportView.as_view(results_only=True))

urlpatterns = [
    path("admin/reports/page-types-usage/", page_types_report),
    path("admin/reports/page-types-usage/results/", page_types_results),
    path(
        "admin/bulk/careers/streamingfigure/<str:action>/",
        require_admin_access(bulk_action_in_area),
    ),
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        require_admin_access(PageWorkflowAction.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/search/", include("search.urls")),
    path("tim-kiem/", include("search.page_urls")),
    path("sitemap.xml", sitemap),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
