"""Cross-request caching of what public pages repeat — the menus, the site settings, the
sitemap — that never serves a value from before a publish.

Every value is stored under the current *generation* of the content: a number kept in
Django's cache and replaced after each committed transaction that saves, publishes,
unpublishes, moves or deletes a page, or saves a site or its settings (``website.apps``
connects the signals). A value computed before such a change is never read after it: the
next request reads the new generation and computes afresh. The number is replaced again
once the transaction has committed: a request that read the database before the commit
cannot have stored its stale copy under the final number.

With several processes the cache must be shared by them (Redis, ``CACHE_URL``): with a
process-local cache one worker would keep its menus after another one published. So
without ``CACHE_URL`` (``PAGE_FRAGMENT_CACHE = None``) values are kept for one request only.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http.request import split_domain_port
from django.utils import translation

from wagtail.models import Site

GENERATION_KEY = "website:generation"
# Entries of past generations are never read again; this lets the cache drop them.
TIMEOUT = 6 * 60 * 60
_MISSING = object()


def shared_cache():
    alias = settings.PAGE_FRAGMENT_CACHE
    return caches[alias] if alias else None


def _generation(request, cache):
    if not hasattr(request, "_content_generation"):
        value = cache.get(GENERATION_KEY)
        if value is None:
            # A fresh number, never an old one again: entries of an evicted generation
            # may still be in the cache.
            cache.add(GENERATION_KEY, time.time_ns(), None)
            value = cache.get(GENERATION_KEY)
        request._content_generation = value
    return request._content_generation


def cached(request, name, compute):
    """``compute()`` at most once per request and, with a shared cache, once per generation."""
    value = lookup(request, name)
    if value is None:
        value = compute()
        store(request, name, value)
    return value


def lookup(request, name):
    """What ``store`` kept under ``name`` in this request or this generation, else None."""
    memo = request.__dict__.setdefault("_page_fragments", {})
    value = memo.get(name, _MISSING)
    if value is _MISSING and (cache := shared_cache()) is not None:
        value = cache.get(f"website:{name}:{_generation(request, cache)}", _MISSING)
        if value is not _MISSING:
            memo[name] = value
    return None if value is _MISSING else value


def store(request, name, value, timeout=TIMEOUT):
    memo = request.__dict__.setdefault("_page_fragments", {})
    memo[name] = value
    if (cache := shared_cache()) is not None:
        cache.set(f"website:{name}:{_generation(request, cache)}", value, timeout)


# Longer query strings are rendered, never kept: made-up ones cannot fill the cache.
CONTENT_MAX_QUERY = 200


def content_name(request):
    """The name a public page's content block is kept under for this request, or None when
    it is rendered afresh: with no shared cache, for a logged-in or unknown user (a teacher sees the
    library's restricted downloads), a preview, a POST or an overlong query string.

    The block is the same for every anonymous visitor of an address: nothing personal is on
    a public page (no CSRF token, no user; the shortlist lives on the device). It is kept
    per site, address, query string and content language, for this generation of the
    content, and for at most ``PUBLIC_CACHE_SECONDS`` (what depends on the date, such as
    upcoming events or open admissions, moves on within that time, as through the proxy).
    """
    user = getattr(request, "user", None)  # a request made outside the middleware has none
    if (
        shared_cache() is None
        or request.method not in ("GET", "HEAD")
        or getattr(request, "is_preview", False)
        or user is None
        or user.is_authenticated
    ):
        return None
    query = request.GET.urlencode()
    if len(query) > CONTENT_MAX_QUERY:
        return None
    address = f"{request.get_host()}{request.path}?{query}#{translation.get_language()}"
    return f"content:{hashlib.blake2b(address.encode(), digest_size=16).hexdigest()}"


def site_for_request(request):
    """``Site.find_for_request``, kept like the menus: Wagtail builds and runs its site query
    (a CASE over the hostname, the root page joined) on every request, which was a quarter of
    the CPU of a small page such as the survey's answer form. Remembered on the request as
    Wagtail does (``request._wagtail_site``), so Wagtail's own callers reuse it."""
    if not hasattr(request, "_wagtail_site"):
        hostname, _port = split_domain_port(request._get_raw_host())
        request._wagtail_site = cached(
            request,
            f"site-for:{hostname}:{request.get_port()}",
            lambda: Site.find_for_request(request),
        )
    return request._wagtail_site


def new_generation(**kwargs):
    """Signal receiver: values cached so far are never read again.

    Replaced at once (this transaction's own later reads see the change) and again once the
    transaction commits: a request that read the database before the commit may have
    stored its copy under the number of the first replacement.
    """
    cache = shared_cache()
    if cache is not None:
        cache.set(GENERATION_KEY, time.time_ns(), None)
        transaction.on_commit(lambda: cache.set(GENERATION_KEY, time.time_ns(), None))
