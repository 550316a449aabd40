import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from website.demo import SITE_DEMO, MissingDemoData, load_demo
from website.models import (
    EventPage,
    EventParticipant,
    EventType,
    NewsCategory,
    NewsPage,
    Province,
    SiteSettings,
    StandardPage,
)
from website.roles import EDITORS

MENU = [
    "sau-lop-9",
    "sau-lop-12",
    "phu-huynh",
    "chinh-sach-ho-tro",
    "su-kien",
    "tin-tuc",
    "thu-vien",
    "di-lam-viec-o-nuoc-ngoai",
    "khoi-nghiep",
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def demo(site_demo, db):
    return site_demo


def content_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "users": get_user_model().objects.count(),
        "memberships": get_user_model().groups.through.objects.count(),
        "categories": NewsCategory.objects.count(),
        "tags": Tag.objects.count(),
        "participants": EventParticipant.objects.count(),
    }


def test_stops_with_a_clear_message_when_admin_units_are_missing(db, media):
    assert not Province.objects.exists()  # the test database has none until they are loaded
    before = content_counts()
    with pytest.raises(CommandError, match="load_admin_units"):
        call_command("load_demo")
    assert content_counts() == before


def test_a_missing_place_stops_the_load_and_nothing_is_kept(demo_places, media):
    Province.objects.current().filter(slug="ha-noi").delete()
    before = content_counts()
    with pytest.raises(MissingDemoData, match="load_admin_units"):
        load_demo(SITE_DEMO)
    assert content_counts() == before


# The command's output, the whole demo it made and its second run: tests/search/test_demo_totals.py
# (one load of the whole demo for both).


def test_second_run_creates_nothing_and_keeps_event_dates(demo):
    assert demo.created["trang"] == Page.objects.count() - 2  # all but Wagtail's root and home
    assert demo.created["ảnh"] == get_image_model().objects.count()
    assert demo.created["tài khoản"] == 2
    before = content_counts()
    dates = dict(EventPage.objects.values_list("slug", "start"))

    summary = load_demo(SITE_DEMO)

    assert summary.created == {}
    assert content_counts() == before
    assert dict(EventPage.objects.values_list("slug", "start")) == dates


def test_site_pages_are_live_and_in_the_main_menu_in_order(demo):
    home = Site.objects.get(is_default_site=True).root_page.specific
    menu = home.get_children().live().in_menu()
    assert list(menu.values_list("slug", flat=True)) == MENU
    assert home.get_children().live().get(slug="gioi-thieu").show_in_menus is False  # footer
    assert home.intro and home.body and home.live_revision_id

    pages = StandardPage.objects.live()
    assert pages.count() == 5
    for page in pages:
        block_types = {block.block_type for block in page.body}
        assert {"heading", "paragraph", "faq"} <= block_types, page.slug
        assert not page.is_sample, "pathway, policy and about pages state real, general facts"


def test_the_home_page_has_a_door_for_parents_beside_grade_9_and_grade_12(demo, client):
    html = client.get("/").text
    doors = html[html.index('class="entry-points"') :]
    assert doors.index("Sau lớp 9") < doors.index("Sau lớp 12") < doors.index("Dành cho phụ huynh")
    parents = client.get("/phu-huynh/").text
    for question in (
        "Học phí bao nhiêu, ai được miễn?",
        "Ở xa thì ở đâu? Có an toàn không?",
        "Trường có gần nhà không?",
        "Học xong có việc làm không?",
        "Học nghề rồi có học lên đại học được không?",
    ):
        assert question in parents
    assert "liên thông" in parents and 'href="/trac-nghiem-so-thich/"' in parents


def test_every_demo_page_renders(demo, client):
    for page in Page.objects.live().filter(depth__gte=2).specific():
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_news(demo):
    news = NewsPage.objects.live()
    assert news.count() >= 6
    assert all(page.is_sample and page.image and page.lead and page.body for page in news)
    assert all(page.tags.exists() for page in news)
    used = NewsCategory.objects.filter(news_pages__in=news).distinct().count()
    assert 3 <= used <= 4
    dates = sorted(news.values_list("date", flat=True))
    assert (dates[-1] - dates[0]).days >= 60


def test_events(demo):
    events = EventPage.objects.live()
    assert events.count() >= 6
    assert all(event.is_sample for event in events)
    upcoming, past = events.upcoming(), events.past()
    assert upcoming.count() > past.count() >= 2
    assert set(events.values_list("event_type", flat=True)) == set(EventType) - {EventType.OTHER}
    assert events.values("province").distinct().count() >= 5
    assert all(event.audiences.exists() for event in events)

    online = events.get(event_type=EventType.ONLINE_COUNSELLING)
    assert online.online_url and not online.venue_name

    for event in past:
        assert event.report and len(event.gallery) >= 2, event.slug
    participants = EventParticipant.objects.filter(page__in=events)
    assert participants.exists()
    assert all("Mẫu" in name for name in participants.values_list("name", flat=True))


def test_images_are_small_banners_with_alt_text(demo):
    images = get_image_model().objects.all()
    assert all((image.width, image.height) == (1200, 630) for image in images)
    assert all(image.description for image in images)
    assert sum(image.file_size for image in images) < 600_000


def test_accounts(demo):
    users = get_user_model().objects
    admin = users.get(username="quantri")
    assert admin.is_superuser and admin.check_password("quantri@demo")

    editor = users.get(username="bientap")
    assert editor.check_password("bientap@demo")
    assert not editor.is_superuser and not editor.is_staff
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS]
    assert editor.has_perm("wagtailadmin.access_admin")
    assert Group.objects.filter(name=EDITORS).count() == 1


def test_site_settings_are_honest_sample_contacts(demo):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.site_name == "Hướng nghiệp"
    assert settings.tagline
    assert "chưa thuộc" in settings.organisation
    assert settings.email.endswith("@example.com")


def test_the_indexes_updated_once_are_those_a_full_rebuild_gives(demo):
    """The demo updates Wagtail's search and reference indexes once per object, at its end
    (``website.demo.indexes_updated_once``): rebuilding both finds nothing missing."""
    from wagtail.models import ReferenceIndex
    from wagtail.search.models import IndexEntry

    def entries():
        # Not the content path: a list block stored without item ids gets new ones each time
        # it is read, so the path of a link inside one differs from read to read.
        references = ReferenceIndex.objects.values_list(
            "content_type", "object_id", "to_content_type", "to_object_id", "model_path"
        )
        # The pages the demo made (a rebuild also indexes what the migrations made).
        pages = {
            (content_type, str(pk))
            for pk, content_type in home.get_descendants(inclusive=True).values_list(
                "pk", "content_type"
            )
        }
        indexed = IndexEntry.objects.values_list("content_type", "object_id", "title")
        return set(references), {entry for entry in indexed if entry[:2] in pages}

    home = Site.objects.get(is_default_site=True).root_page
    references, indexed = entries()
    assert home.pk in {int(object_id) for _type, object_id, _title in indexed}
    assert len(references) > 10  # pages name their images and the pages they link
    call_command("rebuild_references_index", stdout=io.StringIO())
    call_command("update_index", stdout=io.StringIO())
    rebuilt_references, rebuilt_indexed = entries()
    assert (references - rebuilt_references, rebuilt_references - references) == (set(), set())
    assert (indexed - rebuilt_indexed, rebuilt_indexed - indexed) == (set(), set())
