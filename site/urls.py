from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.chooser import BrowseView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.models import Page

from careers import views as careers_views
from institutions import views as institutions_views
from website import admin_access, routing, sitemaps, views
from website.admin_workflow import PageWorkflowAction
from website.api import api_router
from website.security import ThrottledPasswordResetView

# Served ahead of Wagtail's own views at the same addresses: bulk actions and the page chooser
# show only what the user may see (website.admin_access); a page's workflow action acts only on
# that page's own task and (approve from the dashboard) confirms what it did. Reports are
# guarded by website.admin_access.ReportsGuardMiddleware.


def page_workflow_view(view):
    return require_admin_access(admin_access.task_state_of_object(Page, "page_id")(view))


urlpatterns = [
    path(
        "admin/bulk/<str:app_label>/<str:model_name>/<str:action>/",
        require_admin_access(admin_access.bulk_action),
    ),
    path(
        "admin/choose-page/<int:parent_page_id>/",
        require_admin_access(admin_access.choose_page(BrowseView.as_view())),
    ),
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/",
        page_workflow_view(PageWorkflowAction.as_view()),
    ),
    path(
        "admin/pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/",
        page_workflow_view(
            page_viewset_registry.as_view("collect_workflow_action_data", page_id_kwarg="page_id")
        ),
    ),
    path("admin/password_reset/", ThrottledPasswordResetView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("api/search/", include("search.urls")),
    path("tim-kiem/", include("search.page_urls")),
    path("trac-nghiem-so-thich/", careers_views.interest_quiz, name="interest_quiz"),
    path(
        "trac-nghiem-so-thich/ket-qua/",
        careers_views.interest_quiz_result,
        name="interest_quiz_result",
    ),
    path("danh-sach-cua-toi/", institutions_views.shortlist_page, name="shortlist"),
    re_path(
        r"^danh-sach-cua-toi/(?P<action>them|bo|luu)/$",
        institutions_views.shortlist_change,
        name="shortlist_change",
    ),
    path("khao-sat/", include("careers.survey.urls")),
    path("so-sanh/", institutions_views.compare_page, name="compare"),
    path(
        "so-sanh/ban-in/",
        institutions_views.compare_page,
        {"printable": True},
        name="compare_print",
    ),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Pages in another content language live under its code (/sed/…); Vietnamese pages keep
# their addresses without a prefix. The language comes from the address alone.
# Wagtail's pages are served by website.routing.serve (Wagtail's view, the route cached),
# after Wagtail's own addresses (its front-end login, the password form of a restricted page),
# which the pages' pattern would match too.
urlpatterns += i18n_patterns(
    *[pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"],
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
