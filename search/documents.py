"""The Elasticsearch engine: index settings (the Vietnamese analysis), one Document class per
kind and, beside each, the one class where its searches are built (a ``FacetedSearch``, whose
aggregations and post_filter give the multi-select facet semantics of the contract).

Indexes: ``<prefix><kind>-<timestamp>`` behind the alias ``<prefix><kind>``; a rebuild fills a
new index from the search rows, then swaps the alias in one atomic call and drops the old one.
"""

import functools
import time

from elasticsearch import ApiError, NotFoundError, TransportError
from elasticsearch.dsl import (
    A,
    Date,
    Document,
    FacetedSearch,
    Float,
    Index,
    Keyword,
    Object,
    SearchAsYouType,
    TermsFacet,
    Text,
    connections,
)
from elasticsearch.dsl.faceted_search_base import Facet, FacetedResponse
from elasticsearch.dsl.query import (
    Bool,
    Match,
    MatchPhrase,
    MatchPhrasePrefix,
    MultiMatch,
    Range,
)
from elasticsearch.helpers import bulk

from django.conf import settings

from careers.text import fold
from search.contract import Hit, SearchResult, facet_results
from search.kinds import get_kind
from search.text import SYNONYMS, words_of

CONNECTION = "search"


def synonym_rules():
    """SYNONYMS in Elasticsearch's format: folded, one-way (what is typed ⇒ what it means)."""
    rules = []
    for key, expansions in SYNONYMS.items():
        meanings = dict.fromkeys([key, *(" ".join(words_of(fold(e))) for e in expansions)])
        rules.append(f"{key} => " + ", ".join(meanings))
    return rules


def index_settings():
    return {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "filter": {
                "vi_folding": {"type": "asciifolding", "preserve_original": True},
                "vi_fold": {"type": "asciifolding", "preserve_original": False},
                "vi_synonyms": {
                    "type": "synonym_graph",
                    "synonyms": synonym_rules(),
                    "lenient": True,
                },
            },
            "analyzer": {
                # Index time: each word as written and folded, at one position, so "dien"
                # finds "điện" and "điện" scores on both tokens.
                "vi_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_folding"],
                },
                # Query time: fold what is typed, then apply the synonyms (folded rules).
                "vi_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_fold", "vi_synonyms"],
                },
                # The words exactly as written, for the exact-diacritics boost.
                "vi_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            },
        },
    }


def _text(**kwargs):
    return Text(
        analyzer="vi_text",
        search_analyzer="vi_search",
        fields={"exact": Text(analyzer="vi_exact")},
        **kwargs,
    )


class SearchDocument(Document):
    """What every kind indexes: the fields of its search row."""

    title = Keyword(index=False)
    url = Keyword(index=False)
    summary = Keyword(index=False)
    names = Text(
        analyzer="vi_text",
        search_analyzer="vi_search",
        fields={
            "exact": Text(analyzer="vi_exact"),
            "suggest": SearchAsYouType(analyzer="vi_text", search_analyzer="vi_text"),
        },
    )
    text = _text()
    display = Object(enabled=False)
    sort_title = Keyword()

    number_fields = ()
    date_fields = ()

    @classmethod
    def from_row(cls, kind, page_id, fields):
        facets = {}
        for token in fields["facet_tokens"]:
            name, _, value = token.partition("=")
            facets.setdefault(name, []).append(value)
        document = cls(
            meta={"id": page_id},
            title=fields["title"],
            url=fields["url"],
            summary=fields["summary"],
            names=fields["names_exact"],
            text=fields["text_exact"],
            display=fields["display"],
            sort_title=fields["sort_title"],
            **{facet.name: facets.get(facet.name, []) for facet in kind.facets},
        )
        for name in cls.number_fields:
            value = fields.get(name)
            setattr(document, name, float(value) if value is not None else None)
        for name in cls.date_fields:
            setattr(document, name, fields.get(name))
        return document


class OccupationDocument(SearchDocument):
    field = Keyword()
    level = Keyword()
    riasec = Keyword()
    outlook = Keyword()
    pay = Keyword()
    province = Keyword()
    pay_low = Float()

    number_fields = ("pay_low",)
    date_fields = ()


class ProgrammeDocument(SearchDocument):
    level = Keyword()
    field = Keyword()
    occupation = Keyword()
    province = Keyword()
    commune = Keyword()
    institution_type = Keyword()
    ownership = Keyword()
    duration = Keyword()
    exempted = Keyword()
    nine_plus = Keyword()
    boarding = Keyword()
    tuition = Float()
    duration_months = Float()
    admission_start = Date()
    admission_end = Date()

    number_fields = ("tuition", "duration_months")
    date_fields = ("admission_start", "admission_end")


class OpenNowFacet(Facet):
    """A yes-facet for "today falls in the [start, end] window" (admission open now)."""

    agg_type = "filter"

    def __init__(self, start, end):
        self.start, self.end = start, end
        super().__init__()

    def condition(self):
        return Range(**{self.start: {"lte": "now/d"}}) & Range(**{self.end: {"gte": "now/d"}})

    def get_aggregation(self):
        return A("filter", filter=self.condition())

    def add_filter(self, filter_values):
        return self.condition() if "co" in filter_values else None

    def get_values(self, data, filter_values):
        return [("co", data.doc_count, "co" in filter_values)]


def text_query(text, fuzzy=False):
    """The query part for what was typed. Strict: every word (folded, synonyms applied; the
    last one may be a prefix), boosted by exact diacritics, then by the phrase. Fuzzy: the
    names within a small edit distance (used only when the strict query finds nothing)."""
    raw = text.raw
    if fuzzy:
        return Match(names={"query": text.folded, "fuzziness": "AUTO", "operator": "and"})
    every_word = Bool(
        should=[
            MultiMatch(
                query=raw,
                fields=["names^2", "text"],
                type="cross_fields",
                operator="and",
            ),
            MultiMatch(
                query=text.folded,
                fields=["names.suggest", "names.suggest._2gram", "names.suggest._3gram"],
                type="bool_prefix",
                operator="and",
            ),
        ],
        minimum_should_match=1,
    )
    boosts = [
        MatchPhrase(**{"names.exact": {"query": raw, "boost": 100}}),
        MatchPhrase(**{"text.exact": {"query": raw, "boost": 50}}),
        MatchPhrase(names={"query": raw, "boost": 40}),
        MatchPhrase(text={"query": raw, "boost": 20}),
        MatchPhrasePrefix(**{"names.suggest": {"query": text.folded, "boost": 10}}),
    ]
    return Bool(must=[every_word], should=boosts)


class KindSearch(FacetedSearch):
    """One kind's faceted search; subclasses name the kind and its document."""

    kind_name = ""
    document = None

    def __init__(self, query, index, fuzzy=False):
        self.kind = get_kind(self.kind_name)
        self.index = index
        self.using = CONNECTION
        self.doc_types = [self.document]
        self.facets = {
            facet.name: OpenNowFacet(*facet.window)
            if facet.window
            else TermsFacet(field=facet.name, size=500)
            for facet in self.kind.facets
        }
        self.contract_query = query
        self.fuzzy = fuzzy
        super().__init__(
            query=query.text.raw, filters=dict(query.filters), sort=self._sort_spec(query)
        )

    @staticmethod
    def _sort_spec(query):
        sort = query.sort
        if sort.column == "sort_title":
            return ("sort_title", "_id")
        if sort.column:
            order = "desc" if sort.descending else "asc"
            return ({sort.column: {"order": order, "missing": "_last"}}, "_score", "sort_title")
        if query.text.variants:
            return ("_score", "sort_title", "_id")
        return ("sort_title", "_id")

    def query(self, search, query):
        if not self.contract_query.text.variants:
            return search
        return search.query(text_query(self.contract_query.text, fuzzy=self.fuzzy))

    def build_search(self):
        search = super().build_search()
        query = self.contract_query
        search = search.extra(track_total_hits=True)
        search = search.source(["title", "url", "summary", "display"])
        return search[query.offset : query.offset + query.per_page]


class OccupationSearch(KindSearch):
    kind_name = "occupations"
    document = OccupationDocument


class ProgrammeSearch(KindSearch):
    kind_name = "programmes"
    document = ProgrammeDocument


DOCUMENTS = {"occupations": OccupationDocument, "programmes": ProgrammeDocument}
SEARCHES = {"occupations": OccupationSearch, "programmes": ProgrammeSearch}


def parse_response(query, faceted_search, raw, fuzzy=False):
    """An Elasticsearch response (the JSON body) as the contract's SearchResult."""
    response = FacetedResponse(faceted_search.build_search(), raw)
    response._faceted_search = faceted_search
    counts = {
        name: {str(value): count for value, count, _selected in values if count}
        for name, values in response.facets.to_dict().items()
    }
    hits = [
        Hit(
            int(hit.meta.id),
            hit.title,
            hit.url,
            getattr(hit, "summary", ""),
            hit.display.to_dict() if hasattr(hit, "display") else {},
            float(hit.meta.score or 0),
        )
        for hit in response.hits
    ]
    total = raw["hits"]["total"]["value"]
    return SearchResult(
        query,
        hits,
        total,
        facet_results(query, counts),
        fuzzy=fuzzy and total > 0,
        engine=ElasticsearchEngine.name,
    )


class ElasticsearchEngine:
    name = "elasticsearch"
    unavailable = (TransportError, ApiError)

    def __init__(self, url, prefix=None):
        self.url = url
        self.prefix = prefix or getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "huong-nghiep-")
        connections.create_connection(
            alias=CONNECTION,
            hosts=[url],
            request_timeout=getattr(settings, "ELASTICSEARCH_TIMEOUT", 3),
            max_retries=0,
            retry_on_timeout=False,
        )

    @classmethod
    @functools.cache
    def for_url(cls, url):
        return cls(url)

    @property
    def client(self):
        return connections.get_connection(CONNECTION)

    def alias(self, kind):
        return f"{self.prefix}{kind.name}"

    def search(self, query):
        if query.text.unusable:
            return SearchResult(query, [], 0, facet_results(query, {}), engine=self.name)
        result = self._run(query, fuzzy=False)
        if result.total == 0 and query.text.variants:
            result = self._run(query, fuzzy=True)
        return result

    def _run(self, query, fuzzy):
        faceted = SEARCHES[query.kind.name](query, self.alias(query.kind), fuzzy=fuzzy)
        body = faceted.build_search().to_dict()
        raw = self.client.search(index=self.alias(query.kind), body=body).body
        return parse_response(query, faceted, raw, fuzzy=fuzzy)

    def suggest(self, kind, text, limit=8):
        if not text.variants:
            return []
        body = suggest_body(text, limit)
        raw = self.client.search(index=self.alias(kind), body=body).body
        return [
            {"title": hit["_source"]["title"], "url": hit["_source"]["url"]}
            for hit in raw["hits"]["hits"]
        ]

    def index_row(self, kind, page_id, fields):
        document = DOCUMENTS[kind.name].from_row(kind, page_id, fields)
        document.save(using=CONNECTION, index=self.alias(kind), refresh="wait_for")

    def delete_row(self, kind, page_id):
        self.client.options(ignore_status=404).delete(
            index=self.alias(kind), id=page_id, refresh="wait_for"
        )

    def new_index(self, kind, name):
        index = Index(name, using=CONNECTION)
        index.settings(**index_settings())
        index.document(DOCUMENTS[kind.name])
        return index

    def rebuild(self, kind, progress=None):
        """Fill a new index from the search rows, swap the alias to it, drop the old ones."""
        alias = self.alias(kind)
        name = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 10**6}"
        self.new_index(kind, name).create()
        rows = kind.row_model.objects.order_by("page_id")
        total = rows.count()
        done = 0
        document_class = DOCUMENTS[kind.name]
        fields = [field.name for field in kind.row_model._meta.concrete_fields]

        def actions():
            nonlocal done
            for row in rows.values(*fields).iterator(chunk_size=500):
                page_id = row.pop("page")
                yield document_class.from_row(kind, page_id, row).to_dict(include_meta=True) | {
                    "_index": name
                }
                done += 1
                if progress and done % 500 == 0:
                    progress("index", done, total)

        bulk(self.client, actions(), chunk_size=500)
        self.client.indices.refresh(index=name)
        if progress:
            progress("index", done, total)
        try:
            old = list(self.client.indices.get_alias(name=alias).body)
        except NotFoundError:
            old = []
        swap = [{"remove": {"index": index, "alias": alias}} for index in old]
        swap.append({"add": {"index": name, "alias": alias}})
        self.client.indices.update_aliases(actions=swap)
        for index in old:
            self.client.indices.delete(index=index, ignore_unavailable=True)
        return name


def suggest_body(text, limit=8):
    return {
        "size": limit,
        "_source": ["title", "url"],
        "query": {
            "multi_match": {
                "query": text.folded,
                "type": "bool_prefix",
                "fields": ["names.suggest", "names.suggest._2gram", "names.suggest._3gram"],
            }
        },
    }


def live_test_engine(request, url):
    """For the contract suite against a live server: fresh indexes with a unique prefix,
    removed after the test."""
    import uuid

    from search.kinds import kinds

    engine = ElasticsearchEngine(url, prefix=f"test-{uuid.uuid4().hex[:8]}-")
    for kind in kinds():
        engine.rebuild(kind)

    def clean():
        engine.client.indices.delete(index=f"{engine.prefix}*", ignore_unavailable=True)

    request.addfinalizer(clean)
    return engine
