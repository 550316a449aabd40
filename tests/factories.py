"""Small builders for test data: each test makes only what it needs."""

import datetime
import itertools

from django.utils import timezone

from search.signals import deferred
from website.demo import indexes_updated_once
from website.models import (
    EventIndexPage,
    EventPage,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    Province,
    StandardPage,
    Structure,
)
from website.publishing import publish_first_revision

_codes = itertools.count(1)


def unused_province_code(structure, number):
    """A two-digit province code no province of ``structure`` has yet, from ``number`` on.

    Each test factory counts on its own, so two of them (or one and the provinces a module
    made first) could give the same code: which did depended on the modules a worker had run
    before."""
    used = set(Province.objects.filter(structure=structure).values_list("code", flat=True))
    codes = (f"{(number + step) % 100:02d}" for step in range(100))
    return next(code for code in codes if code not in used)


def province(name="Hà Nội", slug="ha-noi", structure=Structure.CURRENT):
    code = unused_province_code(structure, next(_codes))
    return Province.objects.get_or_create(
        structure=structure,
        slug=slug,
        defaults={"code": code, "name": f"Thành phố {name}", "short_name": name},
    )[0]


def publish(parent, page, live=True):
    """Add ``page`` under ``parent``; publish it unless ``live`` is False (a draft).

    As the demo loader does, the page's search rows and Wagtail's search and reference indexes
    are written once, when it is published, not at each of its three saves (the same rows:
    tests/search/test_facet_index.py and tests/website/test_demo.py); and it is published as
    the demo publishes a new page, once, from the page add_child cleaned and saved
    (``publish_first_revision``: what ``revision.publish()`` leaves, tests/website/
    test_publishing.py)."""
    with deferred(), indexes_updated_once():
        parent.add_child(instance=page)
        revision = page.save_revision(clean=False)  # add_child has just cleaned it
        if live:
            publish_first_revision(page, revision)
        else:
            page.live = False
            page.save(update_fields=["live"])
    page.refresh_from_db()
    return page


def news_index(home):
    existing = NewsIndexPage.objects.child_of(home).first()
    return existing or publish(home, NewsIndexPage(title="Tin tức", slug="tin-tuc"))


def event_index(home):
    existing = EventIndexPage.objects.child_of(home).first()
    return existing or publish(home, EventIndexPage(title="Sự kiện", slug="su-kien"))


def news(parent, title="Tin tuyển sinh", date=None, categories=(), live=True, **fields):
    page = NewsPage(
        title=title,
        date=date or timezone.localdate(),
        lead=fields.pop("lead", "Tóm tắt tin."),
        body=[("paragraph", "<p>Nội dung tin.</p>")],
        **fields,
    )
    page = publish(parent, page, live=live)
    if categories:
        page.categories.set(categories)
        page.save_revision().publish() if live else page.save()
    return page


def category(name="Tuyển sinh", slug="tuyen-sinh"):
    return NewsCategory.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def event(parent, title="Ngày hội tư vấn tuyển sinh", start=None, hours=4, live=True, **fields):
    start = start or timezone.now() + datetime.timedelta(days=7)
    fields.setdefault("province", fields.get("province") or province())
    fields.setdefault("venue_name", "Nhà văn hóa thanh niên")
    fields.setdefault("organiser", "Sở Giáo dục và Đào tạo")
    page = EventPage(
        title=title,
        lead=fields.pop("lead", "Gặp các trường nghề, hỏi về ngành học và học phí."),
        start=start,
        end=start + datetime.timedelta(hours=hours),
        **fields,
    )
    return publish(parent, page, live=live)


def standard(parent, title="Sau lớp 9", live=True, **fields):
    page = StandardPage(
        title=title, body=[("paragraph", "<p>Các con đường học tiếp.</p>")], **fields
    )
    return publish(parent, page, live=live)


def library_index(home):
    from website.models import LibraryIndexPage

    existing = LibraryIndexPage.objects.child_of(home).first()
    return existing or publish(home, LibraryIndexPage(title="Thư viện giáo viên", slug="thu-vien"))


def library_topic(name="Chọn nghề", slug="chon-nghe"):
    from website.models import LibraryTopic

    return LibraryTopic.objects.get_or_create(slug=slug, defaults={"name": name})[0]


def library_file(title="Tài liệu", content=b"%PDF-1.4 tai lieu", extension="pdf"):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model

    return get_document_model().objects.create(
        title=title, file=ContentFile(content, name=f"tl-{next(_codes)}.{extension}")
    )


def library_document(parent, title="Tài liệu tập huấn hướng nghiệp", live=True, **fields):
    from website.models import DocumentKind, LibraryDocumentPage

    fields.setdefault("document", library_file(title))
    fields.setdefault("topic", library_topic())
    fields.setdefault("kind", DocumentKind.TRAINING)
    fields.setdefault("grade_from", 6)
    fields.setdefault("grade_to", 9)
    fields.setdefault("issuer", "Sở Giáo dục và Đào tạo")
    fields.setdefault("issued_on", datetime.date(2025, 8, 15))
    fields.setdefault("licence", "Văn bản hành chính công khai")
    fields.setdefault("summary", "Tóm tắt tài liệu.")
    return publish(parent, LibraryDocumentPage(title=title, **fields), live=live)
