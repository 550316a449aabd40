"""Publishing, unpublishing, moving or deleting a page updates its search row at once."""

from django.db.models.signals import post_delete, pre_delete

from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search.indexing import dependents_of, index_page, index_pages, remove_page
from search.kinds import kind_for_page, kinds


def _later(function, *args):
    """Now, inside the publishing transaction: the row commits or rolls back with the page
    (Elasticsearch is written once it has committed, ``search.indexing._elasticsearch``)."""
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
