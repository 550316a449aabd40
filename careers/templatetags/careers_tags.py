"""The careers pages' query-string tag (numbers are ``website_tags``' filters)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, param, value=None):
    """The current query string with ``param`` set (or removed when empty), page reset."""
    params = context["request"].GET.copy()
    if param != "trang":
        params.pop("trang", None)
    if value in (None, ""):
        params.pop(param, None)
    else:
        params[param] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
