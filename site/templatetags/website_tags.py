from django import template

from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The live sections under the site's home page that are marked "show in menus"."""
    request = context["request"]
    site = Site.find_for_request(request)
    items = site.root_page.get_children().live().in_menu() if site else []
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
    site = Site.find_for_request(context["request"])
    pages = site.root_page.get_children().live().filter(show_in_menus=False) if site else []
    return {"pages": pages}
