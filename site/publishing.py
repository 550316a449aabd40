"""Publishing an object that was just made: its first revision, once."""

from wagtail.log_actions import log
from wagtail.models import Page
from wagtail.signals import page_published, published

PUBLISHED_FIELDS = [
    "live",
    "has_unpublished_changes",
    "live_revision",
    "first_published_at",
    "last_published_at",
]


def publish_first_revision(obj, revision, user=None):
    """Make ``obj`` (a page or a snippet, saved and never published) live at ``revision``,
    the one it was just saved as, writing what Wagtail's ``revision.publish()`` writes then:
    the publication fields, the ``page_published`` and ``published`` signals and the
    "published" entry of its history.

    ``revision.publish()`` rebuilds the object from the revision, checks every foreign key,
    validates it again and saves it again with all its child rows: for a first revision, made
    from the object a moment before, that is the same object (Wagtail's ``CopyPageAction``
    publishes a copy of a live page the same way). The demo's first load spent half of its
    SQL statements there."""
    obj.live = True
    obj.has_unpublished_changes = False
    obj.live_revision = revision
    obj.first_published_at = obj.last_published_at = revision.created_at
    if isinstance(obj, Page):
        obj.save(clean=False, update_fields=PUBLISHED_FIELDS)
        page_published.send(sender=obj.specific_class, instance=obj, revision=revision)
    else:
        obj.save(update_fields=PUBLISHED_FIELDS)
    published.send(sender=type(obj), instance=obj, revision=revision)
    log(instance=obj, action="wagtail.publish", user=user, revision=revision, content_changed=True)
