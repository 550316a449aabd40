"""The Elasticsearch engine: index settings (the Vietnamese analysis), one Document class per
kind and, beside each, the one class where its searches are built (a ``FacetedSearch``, whose
aggregations and post_filter give the multi-select facet semantics of the contract).

Indexes: ``<prefix><kind>-<timestamp>`` behind the alias ``<prefix><kind>``; a rebuild fills a
new index from the search rows, then swaps the alias in one atomic call and drops the old one.
Every server rule this module relies on is cited where it is used, and listed in
``docs/search.md`` ("What the Elasticsearch engine relies on").
"""

import contextlib
import datetime
import functools
import logging
import time

from elastic_transport import ConnectionError as TransportConnectionError
from elastic_transport import ConnectionTimeout, TlsError, TransportError
from elasticsearch import ApiError, Elasticsearch
from elasticsearch.dsl import (
    A,
    Date,
    Document,
    FacetedSearch,
    Float,
    Index,
    Keyword,
    MetaField,
    Object,
    SearchAsYouType,
    TermsFacet,
    Text,
)
from elasticsearch.dsl.faceted_search_base import Facet, FacetedResponse
from elasticsearch.dsl.query import (
    Bool,
    ConstantScore,
    Match,
    MatchBoolPrefix,
    MatchPhrasePrefix,
    Prefix,
    Range,
)
from elasticsearch.helpers import BulkIndexError, bulk, scan

from django.conf import settings
from django.utils import timezone

from search.contract import Hit, SearchResult, facet_results
from search.database import (
    EXACT_NAMES,
    EXACT_TEXT,
    LITERAL_NAMES,
    PHRASE_NAMES,
    PHRASE_TEXT,
    STARTS_NAMES,
)
from search.engines import ElasticsearchRefused, ElasticsearchUnavailable
from search.kinds import get_kind
from website.breaker import Breaker

logger = logging.getLogger(__name__)

# Relevance only breaks ties inside a tier: BM25 scaled so that it stays far below the
# smallest step between tiers (10). A BM25 term score is at most idf·(k1 + 1) ≈ 2.2·ln(1 + N)
# (Lucene's BM25Similarity, k1 = 1.2): about 25 per word at 100,000 documents, ten words at
# most (search.text.MAX_WORDS), so the tie-breaker stays under 0.25.
TIE_BREAK = 0.001
# Buckets asked for a large taxonomy facet (occupations, communes): the page shows at most
# ``facet.limit`` of them; twice that leaves room for values without a label. Selected values
# are counted by a separate aggregation, so they keep their true count outside these.
LARGE_FACET_BUCKETS_FACTOR = 2
SMALL_FACET_BUCKETS = 500
SELECTED = "_selected"
# Rows written this long before a rebuild started are sent again after the alias swap
# (clock differences between application servers).
CATCH_UP_MARGIN = datetime.timedelta(seconds=5)


def index_settings(replicas=0):
    return {
        "number_of_shards": 1,
        "number_of_replicas": replicas,
        "analysis": {
            "filter": {
                # Lucene's ASCIIFoldingFilter folds Vietnamese letters, đ included (U+0111 → d).
                "vi_folding": {"type": "asciifolding", "preserve_original": True},
                "vi_fold": {"type": "asciifolding", "preserve_original": False},
            },
            "analyzer": {
                # Index time: each word as written and folded, at one position, so "dien"
                # finds "điện" and "điện" scores on both tokens.
                "vi_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_folding"],
                },
                # Query time: fold what is typed. Synonyms are not applied here: the query
                # already carries one variant per synonym (search.text.analyse), as the
                # database engine's does, so both engines read a query the same way.
                "vi_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_fold"],
                },
                # The words exactly as written, for the exact-diacritics tier.
                "vi_exact": {"type": "custom", "tokenizer": "standard", "filter": ["lowercase"]},
            },
        },
    }


class SearchDocument(Document):
    """What every kind indexes: the fields of its search row."""

    # The page id as a field: Elasticsearch 8+ refuses to sort on ``_id`` (fielddata on _id
    # is off, ``indices.id_field_data.enabled`` = false; ProvidedIdFieldMapper says to "map
    # this field as a keyword field that has [doc_values] enabled" instead).
    page_id = Keyword()
    title = Keyword(index=False)
    url = Keyword(index=False)
    summary = Keyword(index=False)
    names = Text(
        analyzer="vi_text",
        search_analyzer="vi_search",
        fields={
            "exact": Text(analyzer="vi_exact"),
            "suggest": SearchAsYouType(analyzer="vi_text", search_analyzer="vi_search"),
        },
    )
    # The names folded, as one value: "the names start with what was typed" (a prefix query).
    names_start = Keyword(ignore_above=2000)
    text = Text(
        analyzer="vi_text",
        search_analyzer="vi_search",
        fields={"exact": Text(analyzer="vi_exact")},
    )
    display = Object(enabled=False)
    sort_title = Keyword()

    number_fields = ()
    date_fields = ()

    class Meta:
        # A field the mapping does not name is an error, not a silently guessed mapping
        # (mapping parameter ``dynamic: strict``).
        dynamic = MetaField("strict")

    @classmethod
    def from_row(cls, kind, page_id, fields):
        facets = {}
        for token in fields["facet_tokens"]:
            name, _, value = token.partition("=")
            facets.setdefault(name, []).append(value)
        document = cls(
            meta={"id": page_id},
            page_id=str(page_id),
            title=fields["title"],
            url=fields["url"],
            summary=fields["summary"],
            names=fields["names_exact"],
            names_start=fields["names_folded"],
            text=fields["text_exact"],
            display=fields["display"],
            sort_title=fields["sort_title"],
            **{facet.name: facets.get(facet.name, []) for facet in kind.facets if not facet.window},
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

    class Meta:
        dynamic = MetaField("strict")


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
    ethnic_minority = Keyword()
    tuition = Float()
    duration_months = Float()
    admission_start = Date()
    admission_end = Date()

    number_fields = ("tuition", "duration_months")
    date_fields = ("admission_start", "admission_end")

    class Meta:
        dynamic = MetaField("strict")


class OpenNowFacet(Facet):
    """A yes-facet for "today falls in the [start, end] window" (admission open now). Today is
    Vietnam's date (``timezone.localdate()``, TIME_ZONE Asia/Ho_Chi_Minh), sent as a date, as
    the database engine computes it — not ``now/d``, which rounds in UTC unless a
    ``time_zone`` is given (range query reference)."""

    agg_type = "filter"

    def __init__(self, start, end, today):
        self.start, self.end, self.today = start, end, today.isoformat()
        super().__init__()

    def condition(self):
        return Range(**{self.start: {"lte": self.today}}) & Range(**{self.end: {"gte": self.today}})

    def get_aggregation(self):
        return A("filter", filter=self.condition())

    def add_filter(self, filter_values):
        return self.condition() if "co" in filter_values else None

    def get_values(self, data, filter_values):
        return [("co", data.doc_count, "co" in filter_values)]


def _any(queries):
    return queries[0] if len(queries) == 1 else Bool(should=queries, minimum_should_match=1)


def _tier(score, queries):
    """A ranking tier: a constant score when any of the queries matches (constant_score)."""
    return ConstantScore(filter=_any(queries), boost=score)


def _every_word(text, prefix=False):
    """Every word of one reading of the query (as typed or a synonym reading) in the
    searchable text, whole (``match``, ``operator: and``: the database's ``w1 & w2``); with
    ``prefix`` the last word may begin a longer word (``match_bool_prefix``: ``w1 & w2:*``)."""
    query = MatchBoolPrefix if prefix else Match
    return _any(
        [query(text={"query": variant.folded, "operator": "and"}) for variant in text.variants]
    )


def text_query(text, fuzzy=False):
    """The query part for what was typed, built from the same reading of the query as the
    database engine (``search.text.analyse``: the words folded, one variant per synonym).

    Strict: every word, whole, of one reading in the searchable text (what each kind's
    ``build_row`` puts in ``text_*``: names, other names, field, occupations, the
    institution's name and province). Ranking: the database engine's tiers as constant
    scores (exact diacritics in the names 100 and the text 50, the folded phrase in the names
    40 and the text 20, names starting with it 10, what was typed before synonyms in the
    names 30), then BM25 × TIE_BREAK to order within a tier.

    Near matches (``fuzzy``, only when the strict query finds nothing; flagged
    ``approximate``): the last word as the start of a longer word ("ke to" → "kế toán"),
    ranked first (a constant 1), or every word of the names within ``fuzziness: AUTO`` (a
    typo), ranked after them by BM25 × TIE_BREAK — as the database engine ranks an unfinished
    word (1 + similarity) before a typo (similarity < 1)."""
    if fuzzy:
        return Bool(
            should=[
                ConstantScore(filter=_every_word(text, prefix=True), boost=1),
                Match(
                    names={
                        "query": text.folded,
                        "fuzziness": "AUTO",
                        "operator": "and",
                        "boost": TIE_BREAK,
                    }
                ),
            ],
            minimum_should_match=1,
        )
    variants = text.variants
    tiers = [
        _tier(EXACT_NAMES, [MatchPhrasePrefix(**{"names.exact": v.exact}) for v in variants]),
        _tier(EXACT_TEXT, [MatchPhrasePrefix(**{"text.exact": v.exact}) for v in variants]),
        _tier(PHRASE_NAMES, [MatchPhrasePrefix(names=v.folded) for v in variants]),
        _tier(PHRASE_TEXT, [MatchPhrasePrefix(text=v.folded) for v in variants]),
        _tier(STARTS_NAMES, [Prefix(names_start=v.folded) for v in variants]),
        _tier(LITERAL_NAMES, [MatchPhrasePrefix(names=text.folded)]),
    ]
    return Bool(must=[Bool(must=[_every_word(text)], boost=TIE_BREAK)], should=tiers)


class KindSearch(FacetedSearch):
    """One kind's faceted search; subclasses name the kind and its document."""

    kind_name = ""
    document = None

    def __init__(self, query, index, fuzzy=False, client=None, today=None):
        self.kind = get_kind(self.kind_name)
        self.index = index
        self.using = client
        self.doc_types = [self.document]
        today = today or timezone.localdate()
        self.facets = {facet.name: self._facet(facet, today) for facet in self.kind.facets}
        self.contract_query = query
        self.fuzzy = fuzzy
        super().__init__(
            query=query.text.raw, filters=dict(query.filters), sort=self._sort_spec(query)
        )

    @staticmethod
    def _facet(facet, today):
        if facet.window:
            return OpenNowFacet(*facet.window, today)
        size = facet.limit * LARGE_FACET_BUCKETS_FACTOR if facet.large else SMALL_FACET_BUCKETS
        return TermsFacet(field=facet.name, size=size)

    @staticmethod
    def _sort_spec(query):
        """The database engine's orders; ties end on the page id (never ``_id``)."""
        sort = query.sort
        if sort.column == "sort_title":
            return ("sort_title", "page_id")
        if sort.column:
            order = "desc" if sort.descending else "asc"
            return (
                {sort.column: {"order": order, "missing": "_last"}},
                "_score",
                "sort_title",
                "page_id",
            )
        if query.text.variants:
            return ("_score", "sort_title", "page_id")
        return ("sort_title", "page_id")

    def query(self, search, query):
        if not self.contract_query.text.variants:
            return search
        return search.query(text_query(self.contract_query.text, fuzzy=self.fuzzy))

    def aggregate(self, search):
        """The facets' aggregations, plus, for a large taxonomy with selected values, their
        own counts (terms ``include`` with exact values): a selected value may be outside the
        top buckets and must still show its true count."""
        super().aggregate(search)
        for facet in self.kind.facets:
            selected = self.contract_query.filters.get(facet.name)
            if facet.large and selected:
                search.aggs["_filter_" + facet.name].bucket(
                    facet.name + SELECTED,
                    "terms",
                    field=facet.name,
                    include=list(selected),
                    size=len(selected),
                )

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
    aggregations = raw.get("aggregations", {})
    for name in counts:
        selected = aggregations.get("_filter_" + name, {}).get(name + SELECTED)
        for bucket in (selected or {}).get("buckets", ()):
            if bucket["doc_count"]:
                counts[name][str(bucket["key"])] = bucket["doc_count"]
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


def reason(error):
    """The server's own words for a failed request: "400 parsing_exception: …"."""
    if isinstance(error, ApiError):
        body = error.body if isinstance(error.body, dict) else {}
        detail = body.get("error")
        if isinstance(detail, dict):
            cause = detail.get("caused_by") or {}
            parts = [detail.get("type", ""), detail.get("reason", ""), cause.get("reason", "")]
            return f"{error.meta.status} " + ": ".join(part for part in parts if part)
        return f"{error.meta.status} {detail or error.message}"
    return f"{error.__class__.__name__}: {error}"


def _item_error(items):
    """The first failed item of a bulk response, as an exception to raise (or None). A delete
    of a document that is not there is not an error (``result: not_found``, no ``error``)."""
    for item in items:
        ((action, outcome),) = item.items()
        error = outcome.get("error")
        if not error:
            continue
        status = outcome.get("status", 0)
        text = f"{status} {error.get('type', '')}: {error.get('reason', '')} ({action})"
        if status == 429 or status >= 500 or error.get("type") == "index_not_found_exception":
            return ElasticsearchUnavailable(text)
        return ElasticsearchRefused(text)
    return None


def classify(error):
    """What a client exception means. Unavailable — answer from the database: the server
    cannot be reached or timed out, is overloaded (429), failing (5xx), or the index is
    missing (404 ``index_not_found_exception``). Anything else (400, 401, 403, a TLS error,
    a response that is not Elasticsearch's) is a bug or a misconfiguration: refused."""
    if isinstance(error, TlsError):
        return ElasticsearchRefused(reason(error))
    if isinstance(error, TransportConnectionError | ConnectionTimeout):
        return ElasticsearchUnavailable(reason(error))
    if isinstance(error, ApiError):
        status = error.meta.status
        body = error.body if isinstance(error.body, dict) else {}
        detail = body.get("error")
        missing_index = isinstance(detail, dict) and detail.get("type") == (
            "index_not_found_exception"
        )
        if status == 429 or status >= 500 or (status == 404 and missing_index):
            return ElasticsearchUnavailable(reason(error))
        return ElasticsearchRefused(reason(error))
    if isinstance(error, BulkIndexError):
        return _item_error(error.errors) or ElasticsearchRefused(str(error))
    return ElasticsearchRefused(reason(error))


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(
        self,
        url,
        prefix="huong-nghiep-",
        *,
        timeout=1.0,
        rebuild_timeout=120.0,
        breaker_seconds=30.0,
        replicas=0,
        ca_certs="",
        api_key="",
    ):
        self.url = url
        self.prefix = prefix
        self.replicas = replicas
        self.rebuild_timeout = rebuild_timeout
        self.breaker = Breaker(breaker_seconds)
        # One client per engine (not a global DSL connection). No retries: a search that
        # fails falls back to the database at once.
        self.client = Elasticsearch(
            url,
            request_timeout=timeout,
            max_retries=0,
            retry_on_timeout=False,
            ca_certs=ca_certs or None,
            api_key=api_key or None,
        )

    @classmethod
    def from_settings(cls):
        return cls._cached(
            settings.ELASTICSEARCH_URL,
            getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "huong-nghiep-"),
            float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 1)),
            float(getattr(settings, "ELASTICSEARCH_REBUILD_TIMEOUT", 120)),
            float(getattr(settings, "ELASTICSEARCH_BREAKER_SECONDS", 30)),
            int(getattr(settings, "ELASTICSEARCH_REPLICAS", 0)),
            getattr(settings, "ELASTICSEARCH_CA_CERTS", ""),
            getattr(settings, "ELASTICSEARCH_API_KEY", ""),
        )

    @classmethod
    @functools.cache
    def _cached(cls, url, prefix, timeout, rebuild_timeout, breaker, replicas, ca, api_key):
        return cls(
            url,
            prefix,
            timeout=timeout,
            rebuild_timeout=rebuild_timeout,
            breaker_seconds=breaker,
            replicas=replicas,
            ca_certs=ca,
            api_key=api_key,
        )

    @contextlib.contextmanager
    def _guard(self, breaker=True):
        """Client exceptions as ElasticsearchUnavailable or ElasticsearchRefused; with
        ``breaker``, skip the server while the breaker is open, and trip it on a connection
        failure or a timeout."""
        if breaker and self.breaker.is_open():
            raise ElasticsearchUnavailable("circuit breaker open after a connection failure")
        try:
            yield
        except (TransportError, ApiError, BulkIndexError) as error:
            down = isinstance(error, TransportConnectionError | ConnectionTimeout)
            if breaker and down and not isinstance(error, TlsError):  # TLS: misconfigured
                self.breaker.trip()
            raise classify(error) from error

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
        faceted = SEARCHES[query.kind.name](
            query, self.alias(query.kind), fuzzy=fuzzy, client=self.client
        )
        body = faceted.build_search().to_dict()
        with self._guard():
            raw = self.client.search(index=self.alias(query.kind), body=body).body
        return parse_response(query, faceted, raw, fuzzy=fuzzy)

    def suggest(self, kind, text, limit=8):
        if not text.variants:
            return []
        with self._guard():
            raw = self.client.search(index=self.alias(kind), body=suggest_body(text, limit)).body
        return [
            {"title": hit["_source"]["title"], "url": hit["_source"]["url"]}
            for hit in raw["hits"]["hits"]
        ]

    def write(self, kind, documents, deleted):
        """One bulk request for a batch of changes: ``documents`` [(page id, row fields)] are
        written, ``deleted`` page ids removed. Through the alias with ``require_alias`` —
        before the first rebuild there is no alias, and the write fails (404
        ``index_not_found_exception``) instead of auto-creating a concrete index under the
        alias's name that would block every later alias swap (deletes never create an index:
        TransportBulkAction skips them when it collects the indices to auto-create).
        ``refresh=wait_for``: visible to the next search, without forcing a refresh of its
        own."""
        alias = self.alias(kind)
        document_class = DOCUMENTS[kind.name]
        operations = []
        for page_id, fields in documents:
            operations.append({"index": {"_index": alias, "_id": str(page_id)}})
            operations.append(document_class.from_row(kind, page_id, fields).to_dict())
        for page_id in sorted(deleted):
            operations.append({"delete": {"_index": alias, "_id": str(page_id)}})
        if not operations:
            return
        with self._guard():
            response = self.client.bulk(
                operations=operations, require_alias=True, refresh="wait_for"
            )
        if response.body.get("errors"):
            raise _item_error(response.body["items"]) or ElasticsearchRefused("bulk errors")

    def new_index(self, kind, name):
        index = Index(name)
        index.settings(**index_settings(self.replicas))
        index.document(DOCUMENTS[kind.name])
        return index

    def _actions(self, kind, rows, name, progress=None, total=0):
        document_class = DOCUMENTS[kind.name]
        fields = [field.name for field in kind.row_model._meta.concrete_fields]
        for done, row in enumerate(rows.values(*fields).iterator(chunk_size=500), start=1):
            page_id = row.pop("page")
            source = document_class.from_row(kind, page_id, row).to_dict()
            yield {"_index": name, "_id": str(page_id), "_source": source}
            if progress and done % 500 == 0:
                progress("index", done, total)

    def rebuild(self, kind, progress=None):
        """Fill a new index from the search rows, swap the alias to it, catch up with what
        was published meanwhile, drop the old indexes. A failure removes the new index and
        raises with the server's reason; the alias keeps serving the old one."""
        alias = self.alias(kind)
        name = f"{alias}-{time.strftime('%Y%m%d%H%M%S')}-{time.monotonic_ns() % 10**6}"
        client = self.client.options(request_timeout=self.rebuild_timeout)
        started = timezone.now() - CATCH_UP_MARGIN
        rows = kind.row_model.objects.order_by("page_id")
        with self._guard(breaker=False):
            self.new_index(kind, name).create(using=client)
            try:
                total = rows.count()
                bulk(client, self._actions(kind, rows, name, progress, total), chunk_size=500)
                client.indices.refresh(index=name)
                if progress:
                    progress("index", total, total)
                old = self._swap(client, alias, name)
            except BaseException:
                with contextlib.suppress(TransportError, ApiError):
                    client.options(ignore_status=404).indices.delete(index=name)
                raise
            try:
                self._catch_up(client, kind, name, started)
            finally:
                for index in old:
                    client.options(ignore_status=404).indices.delete(index=index)
        return name

    @staticmethod
    def _swap(client, alias, name):
        """Point the alias at ``name`` in one ``_aliases`` call; returns the indexes it
        pointed to (deleted afterwards, by name: ``action.destructive_requires_name`` is true
        by default since 8.0, so no wildcards). A concrete index holding the alias's name
        (auto-created by a write before any rebuild, in earlier versions) is removed in the
        same call with ``remove_index`` ("Swapping an index with an alias", aliases API), as
        modelsearch's ElasticsearchAtomicIndexRebuilder does in two steps."""
        old = []
        actions = []
        if client.indices.exists_alias(name=alias):
            old = sorted(client.indices.get_alias(name=alias).body)
            actions += [{"remove": {"index": index, "alias": alias}} for index in old]
        elif client.indices.exists(index=alias):
            actions.append({"remove_index": {"index": alias}})
        actions.append({"add": {"index": name, "alias": alias}})
        client.indices.update_aliases(actions=actions)
        return old

    def _catch_up(self, client, kind, name, started):
        """Changes published while the new index was filled went to the old one (through
        the alias): send the rows written since the rebuild started to the new index, and
        remove from it the pages that no longer have a row. Ids are listed before the rows
        are read, so a page published in between is never removed."""
        indexed = {
            int(hit["_id"]) for hit in scan(client, index=name, query={"_source": False}, size=1000)
        }
        live = set(kind.row_model.objects.values_list("page_id", flat=True))
        changed = kind.row_model.objects.filter(indexed_at__gte=started).order_by("page_id")
        actions = list(self._actions(kind, changed, name))
        actions += [
            {"_op_type": "delete", "_index": name, "_id": str(page_id)}
            for page_id in sorted(indexed - live)
        ]
        if actions:
            bulk(client, actions, chunk_size=500, refresh="wait_for")

    def drop_indexes(self):
        """Delete every index under this engine's prefix, listed then deleted by name (for
        the test suite's clean-up; wildcard deletes are refused by default)."""
        with self._guard(breaker=False):
            names = sorted(
                self.client.indices.get(index=f"{self.prefix}*", expand_wildcards="all").body
            )
            for name in names:
                self.client.options(ignore_status=404).indices.delete(index=name)
        return names


def suggest_body(text, limit=8):
    """Names that contain every typed word, the last one as a prefix (``bool_prefix`` over
    the search_as_you_type sub-fields, ``operator: and``)."""
    return {
        "size": limit,
        "_source": ["title", "url"],
        "query": {
            "multi_match": {
                "query": text.folded,
                "type": "bool_prefix",
                "operator": "and",
                "fields": ["names.suggest", "names.suggest._2gram", "names.suggest._3gram"],
            }
        },
        "sort": ["_score", "sort_title", "page_id"],
    }
