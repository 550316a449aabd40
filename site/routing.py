"""Serving public pages: the route from an address to its page, kept like the menus.

Wagtail routes each request afresh: the site (a CASE over the hostname), the active locale,
the site's root page twice (as a page, then as its class), the pages along the path, the
page as its class, then the view restrictions of the page and its ancestors (two queries) —
about seven statements before the page's own template runs, a third of a small page's CPU.
None of that changes between publishes, so ``serve`` keeps what the route found (the page's
id and class, the rest of the address it routes itself, the view restrictions) under the content's
generation (``website.pagecache``): afterwards a request reads it from the shared cache and
loads the page itself in one query, with the foreign keys its template reads, and the page
routes the rest of the address as it would (a routable page's sub-addresses). Addresses
that lead nowhere are routed as before and never stored: made-up addresses cannot fill the
cache.

A route depends only on the address, the site, the content language and the pages (Wagtail's
``Page.route`` answers from ``live`` and the slugs, never from the visitor), and a cached
route is never read after a change of a page, a site, a locale or a view restriction (each
replaces the generation: ``website.apps``).
"""

from django.apps import apps
from django.http import Http404
from django.utils.translation import get_language

from wagtail import views as wagtail_views
from wagtail.models import Page

from website import pagecache


def serve(request, path):
    """Wagtail's ``serve`` view, with the route taken from the cache when it is there."""
    site = pagecache.site_for_request(request)  # Wagtail reuses it (request._wagtail_site)
    if site is not None and pagecache.shared_cache() is not None:
        key = f"route:{site.pk}:{get_language()}:{path}"
        entry = pagecache.lookup(request, key)
        if entry is None:
            entry = _route_entry(request, site, path)
            if entry is not None:
                pagecache.store(request, key, entry)
        elif (page := _load(entry)) is not None:
            try:
                # The page routes what is left itself: a routable page's sub-address
                # (its view, and the resolver match it leaves on the request), else nothing.
                request._wagtail_route_for_request = page.route(request, entry["rest"])
            except Http404:
                request._wagtail_route_for_request = None
    return wagtail_views.serve(request, path)


def _route_entry(request, site, path):
    """Route as Wagtail does (the result stays on the request for ``serve``); what to keep."""
    found = Page.route_for_request(request, path)
    if found is None:
        return None
    page = found[0]
    components = [component for component in path.split("/") if component]
    return {
        "page": page.pk,
        "model": page._meta.label_lower,
        "rest": components[page.depth - site.root_page.depth :],
        "restrictions": list(page.get_view_restrictions()),
    }


def _load(entry):
    model = apps.get_model(entry["model"])
    # The share image is read by the base template's Open Graph tags on every page.
    related = ("share_image", *getattr(model, "serve_related", ()))
    page = model.objects.select_related(*related).filter(pk=entry["page"]).first()
    if page is not None:
        page.cached_view_restrictions = entry["restrictions"]
    return page
