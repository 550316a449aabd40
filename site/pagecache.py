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

import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http.request import split_domain_port

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
    memo = request.__dict__.setdefault("_page_fragments", {})
    value = memo.get(name, _MISSING)
    if value is not _MISSING:
        return value
    cache = shared_cache()
    if cache is None:
        value = compute()
    else:
        key = f"website:{name}:{_generation(request, cache)}"
        value = cache.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            cache.set(key, value, TIMEOUT)
    memo[name] = value
    return value


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
