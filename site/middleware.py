from django.conf import settings
from django.utils.cache import patch_cache_control


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
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        else:
            patch_cache_control(response, private=True, no_cache=True)
        return response
