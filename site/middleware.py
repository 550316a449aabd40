import re

from django.conf import settings
from django.http import QueryDict
from django.utils.cache import patch_cache_control
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class StripNullCharactersMiddleware:
    """Drop NUL characters from URL parameters before any view reads them.

    Nobody types a NUL, and PostgreSQL refuses one in any text value: without this, a
    ``?tinh=%00`` reaching a filter would fail the page with a 500 instead of being ignored.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                cleaned.setlist(name.replace("\x00", ""), [v.replace("\x00", "") for v in values])
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """The ``Permissions-Policy`` header (Django has no setting for it): settings value."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class PublicCacheMiddleware:
    """Let proxies cache anonymous public pages; keep everything personal private.

    Public pages carry no per-user state, so a reverse proxy or CDN may serve them for
    ``PUBLIC_CACHE_SECONDS`` (publishing purges them through wagtail.contrib.frontend_cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        cacheable = (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not request.user.is_authenticated
            and not response.cookies
            and not request.path.startswith(("/admin/", "/documents/"))
        )
        if cacheable:
            # Proxies keep the page; browsers check again, so a published change shows at once.
            patch_cache_control(
                response, public=True, max_age=0, s_maxage=settings.PUBLIC_CACHE_SECONDS
            )
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response


# Wagtail's chooser widgets end with ``<script>new ImageChooser("id", {...});</script>``
# (wagtail/admin/widgets/chooser.py; ``new Chooser(…)`` for a generic ChooserViewSet's widget,
# such as website.area_choosers), which the Content-Security-Policy blocks.
CHOOSER_SCRIPT = re.compile(r'<script>new (\w*Chooser)\(("[\w-]+"), (\{[^<]*\})\);</script>')


class AdminChooserScriptMiddleware:
    """Rewrite the admin's inline chooser scripts into data attributes for admin-csp.js."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        is_admin_html = (
            request.path.startswith("/admin/")
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
        )
        if is_admin_html:
            content = response.content.decode(response.charset)
            rewritten = CHOOSER_SCRIPT.sub(_chooser_placeholder, content)
            if rewritten != content:
                response.content = rewritten.encode(response.charset)
                if response.has_header("Content-Length"):
                    response["Content-Length"] = str(len(response.content))
        return response


def _chooser_placeholder(match):
    constructor, element_id, options = match.groups()
    return format_html(
        '<span hidden data-csp-new="{}" data-csp-config="[{}, {}]"></span>',
        constructor,
        mark_safe(escape(element_id)),  # noqa: S308 - escaped on this line
        mark_safe(escape(options)),  # noqa: S308 - escaped on this line
    )
