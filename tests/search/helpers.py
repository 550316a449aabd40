from django.http import QueryDict

from search.contract import parse_query
from search.kinds import get_kind


def run(engine, params="", kind="occupations"):
    query, errors = parse_query(get_kind(kind), QueryDict(params), strict=True)
    return engine.search(query)


def titles(result):
    return [hit.title for hit in result.hits]


def counts(result, facet):
    for facet_result in result.facets:
        if facet_result.facet.name == facet:
            return {option.value: option.count for option in facet_result.options}
    return {}
