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
def querystring_replace(context, **changes):
    """The current query string with some parameters set (or removed when None/empty)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        key = key.replace("_", "-")
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
