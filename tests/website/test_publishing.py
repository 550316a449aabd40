"""``website.publishing.publish_first_revision`` (how the demo loader and the streaming import
publish what they have just made) leaves a page as Wagtail's ``revision.publish()`` does."""

import pytest

from wagtail.models import PageLogEntry
from wagtail.signals import page_published, published

from website.models import StandardPage
from website.publishing import publish_first_revision

pytestmark = pytest.mark.django_db


@pytest.fixture
def signals():
    received = []

    def on_page_published(instance, **kwargs):
        received.append(("page_published", instance.pk))

    def on_published(instance, **kwargs):
        received.append(("published", instance.pk))

    page_published.connect(on_page_published, dispatch_uid="test-publishing-page")
    published.connect(on_published, dispatch_uid="test-publishing-any")
    yield received
    page_published.disconnect(dispatch_uid="test-publishing-page")
    published.disconnect(dispatch_uid="test-publishing-any")


def new_page(home_page, slug):
    page = StandardPage(title=f"Trang {slug}", slug=slug, body=[("paragraph", "<p>Nội dung.</p>")])
    home_page.add_child(instance=page)
    return page


def published_state(page):
    page = StandardPage.objects.get(pk=page.pk)
    history = PageLogEntry.objects.filter(page=page).order_by("pk")
    body = page.live_revision.as_object().body.raw_data
    return {
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "revisions": page.revisions.count(),
        "live revision is the latest": page.live_revision_id == page.latest_revision_id,
        "published at": page.first_published_at is not None and page.last_published_at is not None,
        "history": [
            (action, changed, revision == page.live_revision_id)
            for action, changed, revision in history.values_list(
                "action", "content_changed", "revision_id"
            )
        ],
        "live revision's body": [(block["type"], block["value"]) for block in body],
    }


def test_a_first_revision_is_published_as_wagtail_publishes_it(home_page, signals):
    by_wagtail = new_page(home_page, "a")
    by_wagtail.save_revision().publish()
    ours = new_page(home_page, "b")
    publish_first_revision(ours, ours.save_revision(clean=False))

    assert published_state(ours) == published_state(by_wagtail)
    assert published_state(ours)["history"] == [
        ("wagtail.create", True, False),
        ("wagtail.publish", True, True),
    ]
    assert signals == [
        ("page_published", by_wagtail.pk),
        ("published", by_wagtail.pk),
        ("page_published", ours.pk),
        ("published", ours.pk),
    ]
