"""Keeping the search rows (and the Elasticsearch indexes, when configured) in step with the
pages: one row per live, public page of each kind."""

import functools
import logging

from django.db import connection, transaction

from search.facetindex import bump_version, lock_state
from search.kinds import get_kind, kind_for_page, kinds

logger = logging.getLogger(__name__)

BATCH = 500


def _row(kind, page):
    """The row of a page, and its fields (which Elasticsearch indexes too). On PostgreSQL a
    trigger adds the text search vector as the row is written (migration 0007)."""
    fields = kind.build_row(page)
    return kind.row_model(page_id=page.pk, **fields), fields


def index_page(page):
    """Write (or remove) the row of one page and the rows that depend on it (see each
    kind's ``dependents``)."""
    page = page.specific
    index_pages([page, *dependents_of(page)])


def index_pages(pages):
    """Write (or remove) the rows of these pages, in one batch per kind."""
    pending = {}
    for page in pages:
        kind = kind_for_page(page)
        if kind is not None:
            pending.setdefault(kind.name, set()).add(page.pk)
    for kind_name, ids in pending.items():
        write_rows(get_kind(kind_name), ids)


def dependents_of(page):
    """The pages whose rows show something of ``page`` (one step: not their dependents)."""
    pages = []
    for kind in kinds():
        if kind.dependents and isinstance(page, kind.dependency_models):
            pages += kind.dependents(page)
    return pages


def write_rows(kind, ids):
    """Rewrite the rows of those pages of a kind: a row for each live, public one, none for
    the others."""
    ids = set(ids)
    pages = list(kind.live_pages().public().filter(pk__in=ids))
    if kind.prepare:
        kind.prepare(pages)
    built = [_row(kind, page) for page in pages]
    with transaction.atomic():
        lock_state(kind)  # before reading what the rows held: writes follow one another
        rows = kind.row_model.objects.filter(page_id__in=ids)
        before = dict(rows.values_list("page_id", "facet_tokens"))
        rows.delete()
        kind.row_model.objects.bulk_create([row for row, _ in built])
        bump_version(kind, {pk: before.get(pk) for pk in ids})
    written = [(row.page_id, fields) for row, fields in built]
    _elasticsearch(kind, written, ids - {page_id for page_id, _ in written})


def remove_page(page_id, kind=None):
    for each in [kind] if kind else kinds():
        rows = each.row_model.objects.filter(page_id=page_id)
        with transaction.atomic():
            lock_state(each)
            tokens = rows.values_list("facet_tokens", flat=True).first()
            if tokens is not None:
                rows.delete()
                bump_version(each, {page_id: tokens})
        if tokens is not None or kind:
            _elasticsearch(each, [], {page_id})


def rebuild_rows(kind, progress=None):
    """Rewrite every row of a kind from the live pages, in batches; returns the count."""
    pages = kind.live_pages().public()
    total = pages.count()
    done = 0
    with transaction.atomic():
        kind.row_model.objects.all().delete()
        batch = []

        def write(batch):
            if kind.prepare:
                kind.prepare(batch)
            kind.row_model.objects.bulk_create([_row(kind, page)[0] for page in batch])
            return len(batch)

        for page in pages.iterator(chunk_size=BATCH):
            batch.append(page)
            if len(batch) >= BATCH:
                done += write(batch)
                batch = []
                if progress:
                    progress("rows", done, total)
        done += write(batch)
        _prune_names(kind)
        bump_version(kind)
    if progress:
        progress("rows", done, total)
    return done


def _prune_names(kind):
    """PostgreSQL: drop the distinct names (search/migrations/0009) that no row holds."""
    if connection.vendor != "postgresql":
        return
    table = kind.row_model._meta.db_table
    rows, names = connection.ops.quote_name(table), connection.ops.quote_name(f"{table}_names")
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {names} n WHERE NOT EXISTS "  # noqa: S608 - table names are ours
            f"(SELECT 1 FROM {rows} r WHERE r.names_folded = n.names_folded)"
        )


def _elasticsearch(kind, written, deleted):
    """Mirror a batch of row changes into Elasticsearch when it is configured: one bulk
    request, sent once the database transaction has committed (nothing is sent for a
    publish that rolls back, and the publish never waits on Elasticsearch inside it)."""
    from search.engines import elasticsearch_engine

    engine = elasticsearch_engine()
    if engine is not None and (written or deleted):
        transaction.on_commit(functools.partial(_send, engine, kind, written, deleted))


def _send(engine, kind, written, deleted):
    """The page is saved whatever happens here: when the server is unavailable, a warning
    (``search_index --rebuild`` catches the index up); when it refuses, an error (raised under
    DEBUG and in tests)."""
    from search.engines import ElasticsearchRefused, ElasticsearchUnavailable, raise_errors

    pages = sorted({page_id for page_id, _ in written} | set(deleted))
    try:
        engine.write(kind, written, deleted)
    except ElasticsearchUnavailable as error:
        logger.warning(
            "Elasticsearch: could not index %s pages %s (%s); `manage.py search_index "
            "--rebuild` catches the index up",
            kind.name,
            pages,
            error,
        )
    except ElasticsearchRefused as error:
        logger.error("Elasticsearch refused the %s pages %s (%s)", kind.name, pages, error)
        if raise_errors():
            raise


def rebuild(kind, progress=None):
    """Rebuild the rows of a kind, then its Elasticsearch index when configured; returns the
    lines to report."""
    from search.engines import elasticsearch_engine

    count = rebuild_rows(kind, progress)
    lines = [f"{kind.name}: {count} dòng tìm kiếm trong cơ sở dữ liệu."]
    engine = elasticsearch_engine()
    if engine is not None:
        name = engine.rebuild(kind, progress)
        lines.append(f"{kind.name}: chỉ mục Elasticsearch {name}, alias đã chuyển.")
    return lines
