"""/tim-kiem/: the search page (server-rendered, works without JavaScript)."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext as _

from search import engines
from search.contract import KIND_PARAM, PAGE_PARAM, QUERY_PARAM, SORT_PARAM, parse_query
from search.kinds import kind_for_param, kinds


def search_page(request):
    available = kinds()
    notices = []
    requested = request.GET.get(KIND_PARAM, "")
    kind = kind_for_param(requested) if requested else None
    if kind is None:
        if requested:
            notices.append(_("Không có loại tìm kiếm “%(value)s”.") % {"value": requested[:40]})
        kind = available[0]
    query, errors = parse_query(kind, request.GET)
    notices += errors
    result = engines.search(query)
    if query.page > result.num_pages:
        query.page = result.num_pages
        result = engines.search(query)
    paginator = Paginator(range(result.total), kind.per_page)
    page_obj = paginator.get_page(query.page)
    chips = [
        {
            "facet": facet,
            "label": label,
            "url": "?" + urlencode(query.params(without=(facet.name, value))),
        }
        for facet, value, label in result.chips()
    ]
    context = {
        "result": result,
        "query": query,
        "kind": kind,
        "kinds": [
            {
                "kind": each,
                "url": "?" + urlencode(_switch_params(query, each)),
                "current": each is kind,
            }
            for each in available
        ],
        "chips": chips,
        "clear_url": "?" + urlencode(_switch_params(query, kind)),
        "notices": notices,
        "page_obj": page_obj,
        "sort_param": SORT_PARAM,
        "page_param": PAGE_PARAM,
        "query_param": QUERY_PARAM,
        "kind_param": KIND_PARAM,
        "without_text_url": "?" + urlencode(_without_text(query)),
        "hit_template": f"search/hit_{kind.name}.html",
    }
    return render(request, "search/search_page.html", context)


def _switch_params(query, kind):
    pairs = [(KIND_PARAM, kind.param)]
    if query.text.raw:
        pairs.append((QUERY_PARAM, query.text.raw))
    return pairs


def _without_text(query):
    return [pair for pair in query.params() if pair[0] != QUERY_PARAM]
