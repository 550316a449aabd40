from django import template

from wagtail.models import Site

from website.pagecache import cached

register = template.Library()


def top_level_pages(request):
    """The live pages under the site's home page, for the header and footer menus: one
    query per change of the content, not two per page view (``website.pagecache``)."""
    site = Site.find_for_request(request)
    if site is None:
        return []

    def load():
        return [
            {
                "title": page.title,
                "url": page.get_url(request),
                "url_path": page.url_path,
                "in_menu": page.show_in_menus,
            }
            for page in site.root_page.get_children().live()
        ]

    return cached(request, f"top-level-pages:{site.pk}", load)


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The live sections under the site's home page that are marked "show in menus"."""
    request = context["request"]
    items = [item for item in top_level_pages(request) if item["in_menu"]]
    return {"items": items, "current": context.get("page"), "request": request}


@register.simple_tag(takes_context=True)
def url_with(context, param, value=None):
    """The current query string with ``param`` set to ``value`` (removed when empty).

    Setting any filter sends the reader back to the first page of results.
    """
    params = context["request"].GET.copy()
    if not param.startswith("trang"):
        for key in [key for key in params if key.startswith("trang")]:
            del params[key]
    if value in (None, ""):
        params.pop(param, None)
    else:
        params[param] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    """The live pages under the home page kept out of the main menu ("about", policies…)."""
    return {"pages": [item for item in top_level_pages(context["request"]) if not item["in_menu"]]}
