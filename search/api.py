"""The search as JSON: /api/search/<kind>/ with the page's parameters, suggestions, and the
OpenAPI document describing both."""

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from search import engines
from search.contract import KIND_PARAM, QUERY_PARAM, QueryError, parse_query
from search.kinds import get_kind, kind_for_param, kinds
from search.openapi import openapi_document
from search.text import MAX_QUERY_LENGTH, analyse


def _error(messages, status=400):
    return JsonResponse({"errors": [str(message) for message in messages]}, status=status)


@require_GET
def search_api(request, kind_name):
    kind = get_kind(kind_name)
    if kind is None:
        raise Http404
    raw = request.GET.get(QUERY_PARAM, "")
    if len(raw) > MAX_QUERY_LENGTH:
        return _error(
            [_("Từ khóa dài quá %(max)s ký tự.") % {"max": MAX_QUERY_LENGTH}],
        )
    params = request.GET.copy()
    params.pop(KIND_PARAM, None)
    try:
        query, _errors = parse_query(kind, params, strict=True)
    except QueryError as error:
        return _error(error.messages)
    return JsonResponse(engines.search(query).as_json())


@require_GET
def suggest_api(request):
    kind = kind_for_param(request.GET.get(KIND_PARAM, "")) or kinds()[0]
    raw = request.GET.get(QUERY_PARAM, "")
    if len(raw) > MAX_QUERY_LENGTH:
        return _error([_("Từ khóa dài quá %(max)s ký tự.") % {"max": MAX_QUERY_LENGTH}])
    return JsonResponse({"suggestions": engines.suggest(kind, analyse(raw))})


@require_GET
def openapi_api(request):
    return JsonResponse(openapi_document(request), json_dumps_params={"ensure_ascii": False})
