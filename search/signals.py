"""Publishing, unpublishing, moving or deleting a page updates its search row at once (or,
inside ``deferred()``, once at its end)."""

import contextlib
import contextvars

from django.db.models.signals import post_delete, pre_delete

from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search.indexing import dependents_of, index_page, index_pages, remove_page
from search.kinds import kind_for_page, kinds

_deferred = contextvars.ContextVar("search_rows_deferred", default=None)


def _later(function, *args):
    """Now, inside the publishing transaction: the row commits or rolls back with the page
    (Elasticsearch is written once it has committed, ``search.indexing._elasticsearch``).
    Inside ``deferred()``, kept for its end."""
    pending = _deferred.get()
    if pending is None:
        function(*args)
    else:
        pending.append((function, args))


@contextlib.contextmanager
def deferred():
    """Many pages published in one go (the demo loader): the rows are written once at the
    end, each page's once however often it was published, in one batch per kind, instead of
    at every publish. Nothing is written if the block fails (its transaction rolls back)."""
    if _deferred.get() is not None:  # already deferring: the outer block writes
        yield
        return
    pending = []
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    published = {args[0].pk for function, args in pending if function is index_page}
    pages = list(Page.objects.filter(pk__in=published).specific())
    index_pages([*pages, *(dependent for page in pages for dependent in dependents_of(page))])
    for function, args in pending:
        if function is not index_page:
            function(*args)


def on_published(sender, instance, **kwargs):
    _later(index_page, instance)


def on_unpublished(sender, instance, **kwargs):
    _later(index_page, instance)


def before_deleted(sender, instance, **kwargs):
    instance._search_dependents = dependents_of(instance)


def on_deleted(sender, instance, **kwargs):
    kind = kind_for_page(instance)
    if kind is not None:
        remove_page(instance.pk, kind)
    index_pages(getattr(instance, "_search_dependents", ()))


def on_moved(sender, instance, **kwargs):
    def reindex():
        page = instance.specific
        moved = [page, *page.get_descendants().live().specific()]
        index_pages(moved + [dependent for each in moved for dependent in dependents_of(each)])

    _later(reindex)


def connect():
    page_published.connect(on_published, dispatch_uid="search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    page_slug_changed.connect(on_moved, dispatch_uid="search-slug-changed")
    models = {model for kind in kinds() for model in (*kind.page_models, *kind.dependency_models)}
    for model in models:
        pre_delete.connect(before_deleted, sender=model, dispatch_uid=f"search-pre-{model}")
        post_delete.connect(on_deleted, sender=model, dispatch_uid=f"search-deleted-{model}")
