"""The sitemap: ``/sitemap.xml`` is an index of sections, one per top-level section of the
site (``/sitemap-truong.xml``, ``/sitemap-nghe-nghiep.xml`` …; the home page and the single
pages under it in ``/sitemap-trang-chu.xml``), each in files of at most ``LIMIT`` addresses
(``?p=2`` …), the sitemaps.org protocol's index and urlset.

Wagtail's single sitemap built every live page as its specific class, in one response
(6 s and 2.3 MB at 21,754 pages, holding a worker). Here a file reads plain page rows — no
page type here changes ``get_sitemap_urls`` or ``get_url_parts`` — is written without the
template engine (thousands of rows), and is kept in the shared cache until the next change
of the content (``website.pagecache``).
"""

import math

from django.conf import settings
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site

from website.pagecache import cached

HOME_SECTION = "trang-chu"
LIMIT = 1000
XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sections(site):
    """Section name → the pages it lists (live, public, in tree order)."""
    home = site.root_page
    listed = Page.objects.live().public().order_by("path")  # reads the restrictions once
    top = list(listed.child_of(home).only("slug", "numchild", "path", "depth"))
    alone = Q(pk=home.pk) | Q(pk__in=[page.pk for page in top if not page.numchild])
    found = {HOME_SECTION: listed.filter(alone)}
    for page in top:
        if page.numchild:
            found[page.slug] = listed.descendant_of(page, inclusive=True)
    return found


def _site(request):
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


def _response(request, name, render):
    site = _site(request)
    content = cached(request, f"sitemap:{site.pk}:{name}", lambda: render(site))
    return HttpResponse(
        content,
        content_type="application/xml",
        headers={"X-Robots-Tag": "noindex, noodp, noarchive"},
    )


def files(site):
    """(address, latest publication) of every sitemap file of ``site``, as the index lists
    them: one per section, more for a section past ``LIMIT`` pages."""
    listed = []
    for name, pages in sections(site).items():
        found = pages.aggregate(count=Count("pk"), latest=Max("last_published_at"))
        address = reverse("sitemap_section", args=[name])
        for number in range(1, max(1, math.ceil(found["count"] / LIMIT)) + 1):
            listed.append((f"{address}?p={number}" if number > 1 else address, found["latest"]))
    return listed


def index(request):
    def render(site):
        lines = [XML, f'<sitemapindex xmlns="{NAMESPACE}">\n']
        for address, latest in files(site):
            location = escape(site.root_url + address)
            lastmod = (
                f"<lastmod>{timezone.localtime(latest).isoformat()}</lastmod>" if latest else ""
            )
            lines.append(f"<sitemap><loc>{location}</loc>{lastmod}</sitemap>\n")
        lines.append("</sitemapindex>\n")
        return "".join(lines)

    return _response(request, "index", render)


def section(request, section):
    number = request.GET.get("p", "1")
    if not number.isascii() or not number.isdigit() or int(number) < 1:
        raise Http404
    number = int(number)

    def render(site):
        found = sections(site)
        if section not in found:
            raise Http404
        fields = ("url_path", "last_published_at", "latest_revision_created_at")
        pages = found[section].only(*fields)[(number - 1) * LIMIT : number * LIMIT]
        lines = [XML, f'<urlset xmlns="{NAMESPACE}">\n']
        for page in pages:
            for url in page.get_sitemap_urls(request):
                lastmod = url.get("lastmod")
                date = f"<lastmod>{timezone.localdate(lastmod)}</lastmod>" if lastmod else ""
                lines.append(f"<url><loc>{escape(url['location'])}</loc>{date}</url>\n")
        if len(lines) == 2 and number > 1:
            raise Http404
        lines.append("</urlset>\n")
        return "".join(lines)

    return _response(request, f"{section}:{number}", render)


def purge(instance, **kwargs):
    """Signal receiver (publish, unpublish): a reverse proxy in front keeps the sitemap's
    files as it keeps pages (``s-maxage``); drop them with the page Wagtail purges."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    site = instance.get_site()
    if site is not None:
        addresses = [reverse("sitemap"), *(address for address, _latest in files(site))]
        purge_urls_from_cache([site.root_url + address for address in addresses])
