"""Demo content of the teachers' library, the guides and the plain-language summary, read
from ``data/library_demo.toml``; part of ``manage.py load_demo`` and safe to run again
(pages by slug, documents by title, topics by slug; what exists is left as it is)."""

import io
import tomllib
from pathlib import Path

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.html import escape

from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from website.demo import _font, _wrap, get_or_create_collection
from website.models import (
    GuidePage,
    LibraryDocumentPage,
    LibraryIndexPage,
    LibraryTopic,
    PlainSummaryPage,
)
from website.slugs import slugify

DATA = Path(__file__).resolve().parent / "data" / "library_demo.toml"
DOCUMENT_COLLECTION = "Tài liệu mẫu"
PAGE_SIZE = (595, 842)  # A4 at 72 dpi


def get_or_create_page(parent, model, slug, **fields):
    """The child of ``parent`` with ``slug``; if missing, created from ``fields`` and published
    (an existing page is returned unchanged: a re-run keeps editors' changes)."""
    page = parent.get_children().filter(slug=slug).first()
    if page is not None:
        return page.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def page_link(page, text):
    return f'<a linktype="page" id="{page.pk}">{escape(text)}</a>'


def read_demo():
    with DATA.open("rb") as file:
        return tomllib.load(file)


@transaction.atomic
def load_library_demo(home):
    data = read_demo()
    load_library(home, data["library"])
    pages = {guide["slug"]: load_guide(home, guide) for guide in data["guides"]}
    pages[data["summary"]["slug"]] = load_summary(home, data["summary"])
    link_from_pathways(home, data["links"], pages)
    return pages


def load_library(home, data):
    index = get_or_create_page(
        home,
        LibraryIndexPage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
        show_in_menus=True,
    )
    topics = {
        topic["slug"]: LibraryTopic.objects.get_or_create(
            slug=topic["slug"], defaults={"name": topic["name"]}
        )[0]
        for topic in data["topics"]
    }
    for item in data["documents"]:
        first, last = item["grades"]
        get_or_create_page(
            index,
            LibraryDocumentPage,
            item["slug"],
            title=item["title"],
            document=sample_document(item["title"]),
            kind=item["kind"],
            grade_from=first,
            grade_to=last,
            topic=topics[item["topic"]],
            issuer=item["issuer"],
            issued_on=item["issued_on"],
            licence=item["licence"],
            summary=item["summary"],
            restricted=item["restricted"],
            is_sample=True,
        )
    return index


def sample_document(title):
    """The document titled ``title``; if missing, a one-page PDF that says it is a sample."""
    model = get_document_model()
    document = model.objects.filter(title=title).first()
    if document is not None:
        return document
    page = PillowImage.new("RGB", PAGE_SIZE, "white")
    font, note = _font(26), _font(16)
    if font is not None:
        draw = ImageDraw.Draw(page)
        draw.text((48, 60), "TÀI LIỆU MẪU – DỮ LIỆU MẪU", font=note, fill="#8a1020")
        y = 110
        for line in _wrap(title, font, PAGE_SIZE[0] - 96, draw):
            draw.text((48, y), line, font=font, fill="black")
            y += 36
        draw.text((48, y + 20), "Chỉ để thử cổng Hướng nghiệp.", font=note, fill="black")
    output = io.BytesIO()
    page.save(output, "PDF", resolution=72)
    return model.objects.create(
        title=title,
        collection=get_or_create_collection(DOCUMENT_COLLECTION),
        file=ContentFile(output.getvalue(), name=f"{slugify(title)[:80]}.pdf"),
    )


def blocks(items):
    """StreamField data from the TOML body items (paragraphs and facts)."""
    result = []
    for item in items:
        kind = item["type"]
        if kind == "paragraph":
            result.append({"type": "paragraph", "value": item["html"]})
        else:
            fact = {key: value for key, value in item.items() if key != "type"}
            fact.setdefault("value", "")
            fact.setdefault("source_url", "")
            fact.setdefault("is_sample", False)
            result.append({"type": "fact", "value": fact})
    return result


def load_guide(parent, data):
    from careers.models import OccupationPage

    page = get_or_create_page(
        parent,
        GuidePage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
        body=blocks(data["body"]),
        is_sample=data.get("is_sample", False),
        show_in_menus=parent.depth == 2,
    )
    wanted = data.get("occupations", [])
    if wanted and not page.occupations.exists():
        page.occupations.set(OccupationPage.objects.filter(slug__in=wanted))
        page.save_revision().publish()
    for child in data.get("children", []):
        load_guide(page, child)
    return page


def load_summary(home, data):
    page = get_or_create_page(
        home,
        PlainSummaryPage,
        data["slug"],
        title=data["title"],
        intro=data["intro"],
        body=blocks(data["body"]),
    )
    for code in data["sample_translations"]:
        locale = Locale.objects.get_or_create(language_code=code)[0]
        publish_translation(home, locale)
        if page.get_translation_or_none(locale) is None:
            copy = page.copy_for_translation(locale)
            copy.awaiting_translation = True
            copy.save_revision().publish()
    return page


def publish_translation(page, locale):
    """The live copy of ``page`` in ``locale`` (a home of that language), made if missing."""
    copy = page.get_translation_or_none(locale)
    if copy is None:
        copy = page.copy_for_translation(locale)
    if not copy.live:
        copy.save_revision().publish()
    return copy


def link_from_pathways(home, links, pages):
    """Add, once, a paragraph linking the pathway pages (/sau-lop-9/ …) to the guides."""
    for slug, targets in links.items():
        pathway = home.get_children().filter(slug=slug).first()
        if pathway is None:
            continue
        pathway = pathway.specific.get_latest_revision_as_object()
        linked = [pages[target] for target in targets if target in pages]
        if any(f'id="{target.pk}"' in str(pathway.body.raw_data) for target in linked):
            continue
        items = "".join(f"<li>{page_link(target, target.title)}</li>" for target in linked)
        pathway.body.append(("paragraph", RichText(f"<p>Xem thêm:</p><ul>{items}</ul>")))
        pathway.save_revision().publish()
