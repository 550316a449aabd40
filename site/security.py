"""Login and password-reset throttling, and who the client is behind the proxy.

* Login: django-axes (``ThrottlingBackend`` + ``AxesMiddleware``, settings ``AXES_*`` in
  ``settings/base.py``) counts failed logins per account and per address in the database —
  shared by every worker — and locks both out for ``AXES_COOLOFF_TIME`` after
  ``AXES_FAILURE_LIMIT`` failures, with a Vietnamese page (``templates/website/locked_out.html``).
* Password reset: axes does not cover it; ``ThrottledPasswordResetView`` counts requests per
  address and per e-mail address in Django's cache (Redis in production, ``CACHE_URL``) and
  answers 429 past ``PASSWORD_RESET_LIMIT`` an hour.
* ``client_ip``: ``REMOTE_ADDR``, or — when the request comes from a proxy listed in
  ``TRUSTED_PROXIES`` — the nearest address in ``X-Forwarded-For`` that is not one of them.
  Each proxy appends the address it got the request from: nginx sets the header to the
  visitor's address, and Varnish appends nginx's (127.0.0.1), so the last entry alone would be
  the same for every visitor. Read from the right, past the proxies; entries further left
  are whatever the client sent and are never reached.
"""

import hashlib

from axes.backends import AxesStandaloneBackend

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.admin.views.account import PasswordResetView

RESET_WINDOW_SECONDS = 60 * 60


class ThrottlingBackend(AxesStandaloneBackend):
    """Axes' lock-out check for logins from a request (every web login: Django's login view
    passes one). Authentication without a request — a management command, the test client's
    ``login()`` — has no address to count and is not a web login; axes would refuse it with
    an exception, so here the next backend answers."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the Vietnamese lock-out page, 429 Too Many Requests."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    return render(request, "website/locked_out.html", context, status=429)


def client_ip(request):
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    forwarded = [entry.strip() for entry in forwarded if entry.strip()]
    while address in settings.TRUSTED_PROXIES and forwarded:
        address = forwarded.pop()
    return address


def over_limit(key, limit, window):
    """Count one more event under ``key`` (a fixed window); whether the count passed ``limit``."""
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


class ThrottledPasswordResetView(PasswordResetView):
    def post(self, request, *args, **kwargs):
        email = request.POST.get("email", "").strip().lower()
        keys = [f"password-reset:ip:{client_ip(request)}"]
        if email:
            keys.append(f"password-reset:email:{hashlib.sha256(email.encode()).hexdigest()}")
        limit = settings.PASSWORD_RESET_LIMIT
        # Count every key (no short-circuit), so each address and account is counted.
        counted = [over_limit(key, limit, RESET_WINDOW_SECONDS) for key in keys]
        if any(counted):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                _("Đã yêu cầu đặt lại mật khẩu quá nhiều lần. Vui lòng thử lại sau một giờ."),
            )
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().post(request, *args, **kwargs)
