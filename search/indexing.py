"""Keeping the search rows (and the Elasticsearch indexes, when configured) in step with the
pages: one row per live, public page of each kind."""

import logging

from django.db import connection, transaction

from search.database import TEXT_CONFIG
from search.kinds import kind_for_page, kinds

logger = logging.getLogger(__name__)

BATCH = 500


def _update_vectors(kind, page_ids=None):
    if connection.vendor != "postgresql":
        return
    table = connection.ops.quote_name(kind.row_model._meta.db_table)
    sql = (
        f"UPDATE {table} SET search_vector = "  # noqa: S608 - fragments are ours, input is bound
        f"setweight(to_tsvector('{TEXT_CONFIG}', names_exact), 'A') || "
        f"setweight(to_tsvector('{TEXT_CONFIG}', text_exact), 'B'), "
        f"tokens = ARRAY(SELECT jsonb_array_elements_text(facet_tokens))"
    )
    with connection.cursor() as cursor:
        if page_ids is None:
            cursor.execute(sql)
        else:
            cursor.execute(sql + " WHERE page_id = ANY(%s)", [list(page_ids)])


def _is_searchable(kind, page):
    return page.live and kind.live_pages().public().filter(pk=page.pk).exists()


def index_page(page, _seen=None):
    """Write (or remove) the row of one page, then the rows that depend on it (an
    institution's programmes; a programme's occupations)."""
    seen = set() if _seen is None else _seen
    if page.pk in seen:
        return
    seen.add(page.pk)
    page = page.specific
    kind = kind_for_page(page)
    if kind is not None:
        if _is_searchable(kind, page):
            page = kind.live_pages().get(pk=page.pk)
            fields = kind.build_row(page)
            kind.row_model.objects.update_or_create(page_id=page.pk, defaults=fields)
            _update_vectors(kind, [page.pk])
            _elasticsearch("index", kind, page.pk, fields)
        else:
            remove_page(page.pk, kind)
    for dependent in dependents_of(page):
        index_page(dependent, seen)


def dependents_of(page):
    pages = []
    for kind in kinds():
        if kind.dependents and isinstance(page, kind.dependency_models):
            pages += kind.dependents(page)
    return pages


def remove_page(page_id, kind=None):
    for each in [kind] if kind else kinds():
        deleted, _ = each.row_model.objects.filter(page_id=page_id).delete()
        if deleted or kind:
            _elasticsearch("delete", each, page_id, None)


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
            kind.row_model.objects.bulk_create(
                [kind.row_model(page_id=page.pk, **kind.build_row(page)) for page in batch]
            )
            return len(batch)

        for page in pages.iterator(chunk_size=BATCH):
            batch.append(page)
            if len(batch) >= BATCH:
                done += write(batch)
                batch = []
                if progress:
                    progress("rows", done, total)
        done += write(batch)
        _update_vectors(kind)
    if progress:
        progress("rows", done, total)
    return done


def _elasticsearch(action, kind, page_id, fields):
    """Mirror a row change into Elasticsearch when it is configured; never fail the publish."""
    from search.engines import elasticsearch_engine

    engine = elasticsearch_engine()
    if engine is None:
        return
    try:
        if action == "index":
            engine.index_row(kind, page_id, fields)
        else:
            engine.delete_row(kind, page_id)
    except Exception:  # the page is saved; a later rebuild catches the index up
        logger.warning("Elasticsearch: could not %s page %s", action, page_id, exc_info=True)


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
