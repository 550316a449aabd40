import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from website import numbers, pagecache
from website.models import LibraryIndexPage
from website.pagecache import cached, site_for_request

register = template.Library()
# Figures and money the Vietnamese way (website.numbers): “22.315,2”, “5,5 triệu đồng/tháng”.
register.filter("so", numbers.so)
register.filter("trieu_dong", numbers.trieu_dong)
register.filter("dong", numbers.dong)

# The characters that could end the script element or open a comment in HTML, as in
# Django's json_script.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def top_level_pages(request):
    """The live pages under the site's home page, for the header and footer menus: one
    query per change of the content, not two per page view (``website.pagecache``)."""
    site = site_for_request(request)
    if site is None:
        return []

    def load():
        return [
            {
                "title": page.title,
                "url": page.get_url(request),
                "url_path": page.url_path,
                "in_menu": page.show_in_menus,
                # Teachers look for their library at the foot of the page too.
                "in_footer": not page.show_in_menus or page.specific_class is LibraryIndexPage,
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


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    """The way from the home page to ``page``: read once per change of the content."""
    request = context["request"]

    def load():
        return [
            {"title": ancestor.title, "url": ancestor.get_url(request), "home": ancestor.depth == 2}
            for ancestor in page.get_ancestors()[1:]
        ]

    return {"ancestors": cached(request, f"breadcrumbs:{page.pk}", load), "page": page}


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
    """The live pages under the home page kept out of the main menu ("about", policies…),
    and the teachers' library."""
    return {"pages": [item for item in top_level_pages(context["request"]) if item["in_footer"]]}


@register.tag("wide_table")
def wide_table(parser, token):
    """``{% wide_table label %}<table>…</table>{% endwide_table %}``: a table that may be
    wider than a phone, in a keyboard-focusable, labelled region that scrolls sideways, with a
    visible hint (``components/wide_table.html``; one component for every wide table).
    ``{% wide_table label "cards" %}``: the table's own CSS turns its rows into cards below
    48rem, so the hint is shown from 48rem only."""
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] != '"cards"'):
        raise template.TemplateSyntaxError('{% wide_table label ["cards"] %}')
    nodelist = parser.parse(("endwide_table",))
    parser.delete_first_token()
    return WideTableNode(parser.compile_filter(bits[1]), nodelist, cards=len(bits) == 3)


class WideTableNode(template.Node):
    def __init__(self, label, nodelist, cards):
        self.label, self.nodelist, self.cards = label, nodelist, cards

    def render(self, context):
        count = context.render_context.get("wide_tables", 0) + 1
        context.render_context["wide_tables"] = count
        return render_to_string(
            "components/wide_table.html",
            {
                "label": self.label.resolve(context),
                "table": mark_safe(self.nodelist.render(context)),  # noqa: S308 - rendered template output, already escaped
                "hint_id": f"bang-rong-{count}",
                "cards": self.cards,
            },
        )


@register.tag("page_content")
def page_content(parser, token):
    """``{% page_content %}{% block content %}{% endblock %}{% endpage_content %}`` (the base
    template): a public page's content block, kept for every anonymous visitor of its address
    (``website.pagecache.content_name``), or the copy kept already (``BasePage.get_context``
    then built none of what the block reads). ``{% page_content "head" %}`` keeps another part
    of the page the same way, one that reads only the page's own fields (its Open Graph tags)."""
    bits = token.split_contents()
    if len(bits) > 2:
        raise template.TemplateSyntaxError('{% page_content ["part"] %}')
    nodelist = parser.parse(("endpage_content",))
    parser.delete_first_token()
    part = parser.compile_filter(bits[1]).resolve({}) if len(bits) == 2 else ""
    return PageContentNode(nodelist, part)


class PageContentNode(template.Node):
    def __init__(self, nodelist, part):
        self.nodelist, self.part = nodelist, part

    def render(self, context):
        name = context.get("content_name")
        if not name:
            return self.nodelist.render(context)
        request = context["request"]
        key = f"{name}:{self.part}" if self.part else name
        kept = pagecache.lookup(request, key)
        if kept is not None:
            return mark_safe(kept)  # noqa: S308 - rendered template output, already escaped
        html = self.nodelist.render(context)
        pagecache.store(request, key, str(html), settings.PUBLIC_CACHE_SECONDS)
        return html


@register.simple_tag
def json_ld(data):
    """``<script type="application/ld+json">``: a data block, never executed, CSP-safe."""
    if not data:
        return ""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308
