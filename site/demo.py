"""The demo loader behind ``manage.py load_demo``: each app's demo content is data (TOML files
in the app's ``demo/`` folder); this module reads it and creates what is missing.

Every step finds what an earlier run made (pages by slug under their parent, objects by their
``key``, images by title, accounts by username) and leaves it as it is, so the loader can run
any number of times without duplicating anything or overwriting what an editor has changed
since. The format is described in docs/architecture.md ("Demo content").

An app declares its demo with a ``Demo``: its data folder, and the few steps of its own that
are not content (importing reference tables before, real figures or staff accounts after).
"""

import contextlib
import contextvars
import datetime
import functools
import io
import re
import tomllib
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image as PillowImage
from PIL import ImageChops, ImageDraw, ImageFont

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.translation import gettext as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel, get_all_child_relations
from taggit.managers import TaggableManager
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Collection, Locale, Orderable, Page, ReferenceIndex, Revision, Site
from wagtail.search.backends import get_search_backends
from wagtail.search.index import get_indexed_models
from wagtail.search.signal_handlers import post_save_signal_handler
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.utils.file import hash_filelike

from website.publishing import publish_first_revision
from website.slugs import slugify

IMAGE_COLLECTION = "Ảnh mẫu"
DOCUMENT_COLLECTION = "Tài liệu mẫu"
DOCUMENT_SIZE = (595, 842)  # A4 at 72 dpi
BANNER_SIZE = (1200, 630)
BANNER_FONTS = ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "NotoSans-Bold.ttf"]
# The banners' colour pairs, named in the data (``colours = "xanh"``).
PALETTE = {
    "xanh": ("#1d4e89", "#2a9d8f"),
    "la": ("#146356", "#6a994e"),
    "cam": ("#9c3d1b", "#d9822b"),
    "tim": ("#4b3f72", "#8c5e9e"),
    "bien": ("#0b3c5d", "#328cc1"),
    "nau": ("#6b4226", "#b8860b"),
}
# The command that loads a model the demo refers to but does not make.
PREREQUISITES = {"website.province": "load_admin_units", "website.commune": "load_admin_units"}
PAGE_LINK = re.compile(r'<a linktype="page" path="(?P<path>[^"]*)">(?P<text>.*?)</a>', re.S)


class MissingDemoData(Exception):
    """Something the demo refers to (a province, a page of another app) is not in the database."""


# The data -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Demo:
    """One app's demo: its data folder, and its own steps before and after the data."""

    folder: Path
    before: Callable[["DemoRun"], None] | None = None
    after: Callable[["DemoRun"], None] | None = None
    # "skip": an entry that refers to something missing is left out (and the run says so);
    # "stop": the whole load stops, nothing written.
    when_missing: str = "skip"


def read_files(folder):
    """The data of every ``*.toml`` file under ``folder``, in path order."""
    found = []
    for path in sorted(Path(folder).rglob("*.toml")):
        with path.open("rb") as handle:
            found.append(tomllib.load(handle))
    return found


def read_data(folder):
    """The data of ``folder``'s files merged: lists are joined, tables are merged."""
    data = {}
    for part in read_files(folder):
        for key, value in part.items():
            if isinstance(value, list):
                data.setdefault(key, []).extend(value)
            elif isinstance(value, dict):
                data.setdefault(key, {}).update(value)
            else:
                data[key] = value
    return data


def pages_of(data, model_label=None):
    """Every page entry of ``data`` (children included), optionally of one model."""
    found = []

    def walk(entries):
        for entry in entries:
            entry = expand(entry, data.get("templates", {}))
            if model_label is None or entry.get("type") == model_label:
                found.append(entry)
            walk(entry.get("children", ()))

    walk(data.get("page", ()))
    return found


def expand(entry, templates):
    """``entry`` with the fields of the template it names (``like = "…"``) under its own."""
    if "like" not in entry:
        return entry
    base = expand(templates[entry["like"]], templates)
    return {**base, **{key: value for key, value in entry.items() if key != "like"}}


# Accounts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    """A demo login. The password is a demo-only string, printed for whoever runs the demo."""

    username: str
    password: str
    name: str
    role: str
    is_superuser: bool = False
    groups: tuple[str, ...] = ()


def ensure_user(account):
    """The user for ``account``: created with its password if missing, put in its groups."""
    user, created = get_user_model().objects.get_or_create(
        username=account.username,
        defaults={
            "first_name": account.name,
            "email": f"{account.username}@example.com",
            "is_staff": account.is_superuser,
            "is_superuser": account.is_superuser,
        },
    )
    if created:
        user.set_password(account.password)
        user.save(update_fields=["password"])
    user.groups.add(*(Group.objects.get(name=name) for name in account.groups))
    return user


# One run --------------------------------------------------------------------------------


class DemoRun:
    """The state of one ``load_demo``: the site, what was skipped, the accounts made."""

    def __init__(self, stdout=None):
        self.stdout = stdout
        self.site = Site.objects.get(is_default_site=True)
        self.home = self.site.root_page.specific
        self.accounts = []
        self.data = {}
        self.when_missing = "skip"
        self._new_pages = []
        self._found = {}
        self._children = {}

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message.rstrip("\n") + "\n")

    def load(self, demo):
        """Each file in turn (its accounts, settings, objects, then pages); then the new pages'
        links to other pages, and their publishing; then the app's own steps."""
        self.data, self.when_missing = read_data(demo.folder), demo.when_missing
        self._new_pages = []
        if demo.before:
            demo.before(self)
        for part in read_files(demo.folder):
            for entry in part.get("account", ()):
                self.account(entry)
            for label, values in part.get("settings", {}).items():
                self.fill_settings(apps.get_model(label), values)
            for entry in part.get("object", ()):
                self.object(self.expand(entry))
            for entry in part.get("page", ()):
                self.page(self.expand(entry), self.home)
        self.publish_new_pages()
        if demo.after:
            demo.after(self)

    def expand(self, entry):
        return expand(entry, self.data.get("templates", {}))

    # Entries ------------------------------------------------------------------------------

    def account(self, entry):
        account = DemoAccount(
            username=entry["username"],
            password=entry["password"],
            name=entry["name"],
            role=entry["role"],
            is_superuser=entry.get("superuser", False),
            groups=tuple(entry.get("groups", ())),
        )
        ensure_user(account)
        self.accounts.append(account)

    def fill_settings(self, model, values):
        """Fill the fields of the site's settings that are still empty."""
        settings = model.for_site(self.site)
        empty = [name for name in values if not getattr(settings, name)]
        for name in empty:
            setattr(settings, name, values[name])
        if empty:
            settings.save(update_fields=empty)

    def object(self, entry):
        """A row found by its ``key`` fields, created with the others if missing."""
        entry = dict(entry)
        model = apps.get_model(entry.pop("model"))
        key = entry.pop("key")
        try:
            found_by = self.fields(model, key)
            defaults = self.fields(model, entry)
        except MissingDemoData as missing:
            return self.missing(model, key=key, missing=missing)
        model.objects.get_or_create(**found_by, defaults=defaults)

    def page(self, entry, parent):
        """The page of ``entry`` under ``parent``, created and published if missing; then its
        children. A page that exists but was never revised (made by a migration, such as the
        home page) is filled once."""
        entry = dict(entry)
        children = entry.pop("children", ())
        model = apps.get_model(entry.pop("type"))
        if "path" in entry:
            page = self.find_page(entry.pop("path"))
            if page.latest_revision_id is None:
                self.fill_page(page, entry)
        else:
            if "parent" in entry:
                parent = self.find_page(entry.pop("parent"))
            page = self.child(parent, entry["slug"]) or self.create_page(model, parent, entry)
        if page is not None:
            for child in children:
                self.page(self.expand(child), page)

    def child(self, parent, slug):
        """The page ``slug`` under ``parent``, or None: each parent's children are read once
        per run (and the pages the run makes under it added)."""
        if parent.pk not in self._children:
            self._children[parent.pk] = {page.slug: page for page in parent.get_children()}
        page = self._children[parent.pk].get(slug)
        return page and page.specific

    def create_page(self, model, parent, entry):
        """A new page, live and validated as ``add_child`` saves it. Its publishing, and its
        links to pages that are not made yet, wait for ``publish_new_pages``."""
        tags = entry.pop("tags", ())
        later = {
            name: entry.pop(name)
            for name in list(entry)
            if self.is_page_link(model, name) and not self.all_there(model, name, entry[name])
        }
        try:
            page = model(**self.fields(model, entry))
        except MissingDemoData as missing:
            return self.missing(model, key=entry.get("slug"), missing=missing)
        if tags:
            page.tags.add(*tags)
        # A new page (a new translation key) is no site's root page: told so, as Wagtail's
        # ``annotate_site_root_state`` tells it, Wagtail does not ask at each of its saves.
        page._is_site_root = False
        parent.add_child(instance=page)
        self._children[parent.pk][page.slug] = page
        self._new_pages.append((page, later))
        return page

    def publish_new_pages(self):
        """The pages this demo made, each published once, with its many-to-many links to the
        pages made after it (not published once when made and again once they exist)."""
        for page, later in self._new_pages:
            for name, paths in later.items():
                setattr(page, name, self.value(page._meta.get_field(name), paths))
            if later:
                page.save(clean=False, update_fields=list(later))
            # Validated as add_child saved it (many-to-many links are no part of validation).
            publish_first_revision(page, page.save_revision(clean=False))
        self._new_pages = []

    def fill_page(self, page, entry):
        for name, value in self.fields(type(page), entry).items():
            setattr(page, name, value)
        page.save_revision().publish()

    def missing(self, model, key, missing):
        if self.when_missing == "stop":
            raise missing
        self.say(
            _("Bỏ qua %(model)s %(key)s: %(missing)s")
            % {
                "model": model._meta.verbose_name,
                "key": key or "",
                "missing": missing,
            }
        )

    # Values -------------------------------------------------------------------------------

    def all_there(self, model, name, paths):
        target = model._meta.get_field(name).related_model
        return all(self.find(target, path) is not None for path in paths)

    @staticmethod
    def is_page_link(model, name):
        field_ = model._meta.get_field(name)
        return field_.many_to_many and issubclass(field_.related_model, Page)

    def fields(self, model, entry, strict=False):
        """The model field values of ``entry``, with its references found in the database.

        A reference that is not found raises ``MissingDemoData`` when the field is required or
        ``strict`` (a row of an inline panel is left out rather than kept half empty); otherwise
        the field stays empty."""
        return {
            name: self.value(model._meta.get_field(name), value, strict)
            for name, value in entry.items()
        }

    def value(self, field_, value, strict=False):
        if isinstance(field_, StreamField):
            return self.stream(field_.stream_block, value)
        if isinstance(field_, RichTextField):
            return self.links(value)
        if isinstance(field_, models.ForeignKey):
            found = self.find(field_.related_model, value)
            if found is None and (strict or not field_.null):
                raise MissingDemoData(self.describe(field_.related_model, value))
            return found
        if isinstance(field_, TaggableManager):
            return value
        if field_.many_to_many:
            return [found for item in value if (found := self.find(field_.related_model, item))]
        if field_.one_to_many:  # a child relation (an inline panel): its rows
            related = field_.related_model
            rows = []
            for item in value:
                try:
                    rows.append(related(**self.fields(related, self.expand(item), strict=True)))
                except MissingDemoData:
                    continue  # e.g. a participating school of an app whose demo is not loaded
            if issubclass(related, Orderable):
                for position, row in enumerate(rows):
                    row.sort_order = position
            return rows
        if isinstance(field_, models.DateTimeField) and isinstance(value, dict):
            day = timezone.localdate() + datetime.timedelta(days=value["in_days"])
            return timezone.make_aware(datetime.datetime.combine(day, value["time"]))
        if isinstance(field_, models.DateField) and isinstance(value, dict):
            return timezone.localdate() + datetime.timedelta(days=value["in_days"])
        return value

    def find(self, model, value):
        """The object ``value`` names, or None: a page by its URL path (``"/truong/"``), a
        generated image by its title and label, a generated document by its title, anything
        else by its fields. What is found is kept for the run: the data names the same
        provinces, fields and pages hundreds of times (what is not found may be made later)."""
        key = (model, repr(value))
        if key not in self._found:
            found = self._look_up(model, value)
            if found is None:
                return None
            self._found[key] = found
        return self._found[key]

    def _look_up(self, model, value):
        if model is get_image_model():
            return get_or_create_image(value["title"], value["label"], PALETTE[value["colours"]])
        if model is get_document_model():
            return get_or_create_document(value["title"])
        if issubclass(model, Page) and isinstance(value, str):
            url_path = self.home.url_path + value.lstrip("/")
            return model.objects.filter(url_path=url_path).first()
        return model.objects.filter(**value).first()

    def find_page(self, path):
        page = self.find(Page, path)
        if page is None:
            raise MissingDemoData(self.describe(Page, path))
        return page.specific

    @staticmethod
    def describe(model, value):
        label = model._meta.label_lower
        text = _("thiếu %(model)s %(value)s") % {"model": model._meta.verbose_name, "value": value}
        if label in PREREQUISITES:
            text += _(
                ". Hãy chạy “python manage.py %(command)s” trước, rồi chạy lại “python manage.py "
                "load_demo”"
            ) % {"command": PREREQUISITES[label]}
        return text

    def stream(self, block, value):
        """A StreamField's raw value from the data, where each block is a table of one key,
        its type (``{heading = {text = "…"}}``); pages named by path, images generated."""
        if isinstance(block, blocks.StreamBlock):
            return [
                {"type": name, "value": self.stream(block.child_blocks[name], child)}
                for item in value
                for name, child in self.expand(item).items()
            ]
        if isinstance(block, blocks.StructBlock):
            return {
                name: self.stream(block.child_blocks[name], child) for name, child in value.items()
            }
        if isinstance(block, blocks.ListBlock):
            return [self.stream(block.child_block, child) for child in value]
        if isinstance(block, blocks.PageChooserBlock) and isinstance(value, str):
            return self.find_page(value).pk
        if isinstance(block, ImageChooserBlock) and isinstance(value, dict):
            return self.find(get_image_model(), value).pk
        if isinstance(value, str):
            return self.links(value)
        return value

    def links(self, html):
        """Rich text whose page links name a path (``<a linktype="page" path="/su-kien/">``),
        with the page's id instead; a link to a page that is not there becomes plain text."""

        def replace(match):
            page = self.find(Page, match["path"])
            if page is None:
                return match["text"]
            return f'<a linktype="page" id="{page.pk}">{match["text"]}</a>'

        return PAGE_LINK.sub(replace, html)


# Images ---------------------------------------------------------------------------------


def get_or_create_collection(name):
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=name).first() or root.add_child(name=name)


def get_or_create_image(title, label, colours):
    """The image titled ``title``; if missing, a generated banner reading ``label``.

    Stored in the "Ảnh mẫu" collection with Vietnamese alt text (Wagtail's ``description``).
    """
    image_model = get_image_model()
    image = image_model.objects.filter(title=title).first()
    if image is not None:
        return image
    data = render_banner(label, colours)
    filename = slugify(title) + ".jpg"
    image = image_model(
        title=title,
        description=f"Ảnh minh họa: {label}",
        collection=get_or_create_collection(IMAGE_COLLECTION),
        file=ImageFile(io.BytesIO(data), name=filename),
        file_size=len(data),
        file_hash=hash_filelike(io.BytesIO(data)),
    )
    image.save()
    return image


def get_or_create_document(title):
    """The document titled ``title``; if missing, a one-page PDF that says it is a sample,
    stored in the "Tài liệu mẫu" collection."""
    model = get_document_model()
    document = model.objects.filter(title=title).first()
    if document is not None:
        return document
    return model.objects.create(
        title=title,
        collection=get_or_create_collection(DOCUMENT_COLLECTION),
        file=ContentFile(render_sample_pdf(title), name=f"{slugify(title)[:80]}.pdf"),
    )


def render_sample_pdf(title):
    """An A4 PDF page: "TÀI LIỆU MẪU – DỮ LIỆU MẪU", the title, and what it is for."""
    page = PillowImage.new("RGB", DOCUMENT_SIZE, "white")
    font, note = _font(26), _font(16)
    if font is not None:
        draw = ImageDraw.Draw(page)
        draw.text((48, 60), "TÀI LIỆU MẪU – DỮ LIỆU MẪU", font=note, fill="#8a1020")
        y = 110
        for line in _wrap(title, font, DOCUMENT_SIZE[0] - 96, draw):
            draw.text((48, y), line, font=font, fill="black")
            y += 36
        draw.text((48, y + 20), "Chỉ để thử cổng Hướng nghiệp.", font=note, fill="black")
    output = io.BytesIO()
    page.save(output, "PDF", resolution=72)
    return output.getvalue()


def render_banner(label, colours):
    """A 1200×630 JPEG: a diagonal gradient between two colours, soft circles, the label."""
    width, height = BANNER_SIZE
    start, end = colours
    gradient = PillowImage.linear_gradient("L")
    mask = ImageChops.add(
        gradient.resize(BANNER_SIZE), gradient.rotate(90).resize(BANNER_SIZE), scale=2
    )
    banner = PillowImage.composite(
        PillowImage.new("RGB", BANNER_SIZE, start), PillowImage.new("RGB", BANNER_SIZE, end), mask
    ).convert("RGBA")

    # Circles placed from the label's checksum: the same label always gives the same picture.
    seed = zlib.crc32(label.encode())
    circles = PillowImage.new("RGBA", BANNER_SIZE)
    draw = ImageDraw.Draw(circles)
    for i in range(3):
        x = (seed >> (i * 8)) % width
        y = (seed >> (i * 8 + 4)) % height
        radius = 160 + 70 * i
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, 28))
    banner = PillowImage.alpha_composite(banner, circles).convert("RGB")

    title_font, note_font = _font(64), _font(28)
    if title_font is not None:
        draw = ImageDraw.Draw(banner)
        lines = _wrap(label, title_font, width - 160, draw)
        y = height - 90 - 78 * len(lines)
        draw.text((80, y - 56), "ẢNH MINH HỌA", font=note_font, fill="#f1f1f1")
        for line in lines:
            draw.text((80, y), line, font=title_font, fill="white")
            y += 78

    output = io.BytesIO()
    banner.save(output, "JPEG", quality=70, optimize=True, progressive=True)
    return output.getvalue()


@functools.cache
def _font(size):
    """A bold font with Vietnamese letters, or None (the banner then goes without text)."""
    for name in BANNER_FONTS:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return None


def _wrap(text, font, max_width, draw):
    lines = [""]
    for word in text.split():
        candidate = f"{lines[-1]} {word}".strip()
        if lines[-1] and draw.textlength(candidate, font=font) > max_width:
            lines.append(word)
        else:
            lines[-1] = candidate
    return lines


# Loading --------------------------------------------------------------------------------


@dataclass
class DemoSummary:
    """What one run created (label → number) and the accounts to log in with."""

    created: dict[str, int]
    accounts: list[DemoAccount] = field(default_factory=list)


def count_content():
    return {
        _("trang"): Page.objects.count(),
        _("phiên bản trang"): Revision.objects.count(),
        _("ảnh"): get_image_model().objects.count(),
        _("tài liệu"): get_document_model().objects.count(),
        _("tài khoản"): get_user_model().objects.count(),
    }


@contextlib.contextmanager
def indexes_updated_once():
    """Wagtail's search index and reference index updated once per object saved in the
    block, at its end, instead of at every save: creating and publishing a page saves it
    three times or more, and each save ran both updates (a third of the demo's time). The
    objects are read back once per model and written as Wagtail's own rebuilds write them
    (``rebuild_references_index``, ``update_index``): tested against both.

    The search index's handlers are disconnected for the block, so it is for a command's
    process (the demo loader), not a server's threads. A block inside another leaves the
    updates to the outer one."""
    if _updating_once.get():
        yield
        return
    token = _updating_once.set(True)
    try:
        with _indexes_updated_once():
            yield
    finally:
        _updating_once.reset(token)


_updating_once = contextvars.ContextVar("updating_indexes_once", default=False)


@contextlib.contextmanager
def _indexes_updated_once():
    saved = defaultdict(set)  # model -> primary keys

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    indexed = {m for m in get_indexed_models() if getattr(m, "search_auto_update", True)}
    tracked = set(ReferenceIndex.tracked_models)
    for model in indexed:
        post_save.disconnect(post_save_signal_handler, sender=model)
    for model in indexed | tracked:
        post_save.connect(remember, sender=model, weak=False, dispatch_uid="demo-indexes-once")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        for model in indexed | tracked:
            post_save.disconnect(sender=model, dispatch_uid="demo-indexes-once")
        for model in indexed:
            post_save.connect(post_save_signal_handler, sender=model)
    with transaction.atomic():
        _write_indexes(saved, indexed, tracked)


def _write_indexes(saved, indexed, tracked):
    """The reference index entries of each object saved (of the object a child row belongs
    to, as Wagtail's task does), and the search index entries, in one batch per model."""
    owners, to_index = {}, defaultdict(set)
    for model, pks in saved.items():
        rows = model.objects.filter(pk__in=pks)  # deleted later in the block: gone
        if model in tracked and issubclass(model, ClusterableModel):
            # Their child rows' references too: one query per relation, not per object.
            rows = rows.prefetch_related(
                *(relation.get_accessor_name() for relation in get_all_child_relations(model))
            )
        for instance in rows:
            if model in tracked and (owner := _reference_owner(instance)) is not None:
                owners[type(owner), owner.pk] = owner
            if model in indexed and (entry := instance.get_indexed_instance()) is not None:
                to_index[type(entry)].add(entry.pk)
    for owner in owners.values():
        ReferenceIndex.create_or_update_for_object(owner)
    for model, pks in to_index.items():
        objects = list(model.get_indexed_objects().filter(pk__in=pks))
        for backend in get_search_backends(with_auto_update=True):
            backend.add_bulk(model, objects)


def _reference_owner(instance):
    """The object whose references ``instance`` holds: itself, or for a child row (an inline
    panel's) the object it belongs to; None when that object is not in the reference index."""
    while parental := next(
        (f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)), None
    ):
        instance = getattr(instance, parental.name)
        if instance is None:
            return None
    return instance if ReferenceIndex.is_indexed(type(instance)) else None


@transaction.atomic
def load_demo(*demos, stdout=None):
    """Load ``demos`` in order (all or nothing) and say what was new.

    Raises ``MissingDemoData`` when a demo that stops on missing data (the site's) refers to
    something that is not loaded, such as the administrative units.
    """
    from search.signals import deferred as search_rows_deferred

    # A demo that stops on missing data (the site's) would stop only after the others had
    # loaded for minutes: say it at once. The others skip what they cannot place.
    needed = PREREQUISITES if any(demo.when_missing == "stop" for demo in demos) else {}
    for label, command in needed.items():
        model = apps.get_model(label)
        if not model.objects.exists():
            raise MissingDemoData(
                _(
                    "chưa có %(model)s nào. Hãy chạy “python manage.py %(command)s” trước, rồi "
                    "chạy lại “python manage.py load_demo”"
                )
                % {"model": model._meta.verbose_name, "command": command}
            )
    before = count_content()
    run = DemoRun(stdout)
    # Each page's search row and index entries once, not at each of its saves and publishes.
    with search_rows_deferred(), indexes_updated_once():
        for demo in demos:
            run.load(demo)
    after = count_content()
    created = {label: after[label] - before[label] for label in after}
    return DemoSummary({label: n for label, n in created.items() if n}, run.accounts)


# The site's own demo ------------------------------------------------------------------------


def order_sections(run):
    """Put the home page's children in the data's ``sections`` order (moves only what is out
    of place; sections not listed go last)."""
    rank = {slug: position for position, slug in enumerate(run.data["sections"])}
    children = list(run.home.get_children())
    wanted = sorted(children, key=lambda page: rank.get(page.slug, len(rank)))
    for previous, page in zip(wanted, wanted[1:], strict=False):
        page.refresh_from_db()
        previous.refresh_from_db()
        if page.path < previous.path:
            page.move(previous, pos="right")


def link_sections(run):
    """Add the home page's large links (the data's ``entry_point``) to the sections that exist
    and are not linked yet, in the data's order."""
    from website.models import HomeEntryPoint

    entries = run.data["entry_point"]
    home = type(run.home).objects.get(pk=run.home.pk)  # as the data left it
    linked = set(home.entry_points.values_list("target__slug", flat=True))
    children = {page.slug: page for page in home.get_children().live()}
    missing = [e for e in entries if e["slug"] in children and e["slug"] not in linked]
    if not missing:
        return
    home = home.get_latest_revision_as_object()
    for entry in missing:
        home.entry_points.add(
            HomeEntryPoint(
                target=children[entry["slug"]],
                title=entry["title"],
                description=entry["description"],
            )
        )
    rank = {entry["slug"]: position for position, entry in enumerate(entries)}
    for entry in home.entry_points.all():
        entry.sort_order = rank.get(entry.target.slug, len(rank))
    home.save_revision().publish()


def translate_samples(run):
    """The data's ``sample_translations`` (page path → language codes): a copy of each page in
    each locale, made once and published with its text still in Vietnamese, marked as awaiting
    a translator; the home page is copied first (a locale's pages live under its home)."""
    for path, codes in run.data.get("sample_translations", {}).items():
        page = run.find_page(path)
        for code in codes:
            locale = Locale.objects.get_or_create(language_code=code)[0]
            home = run.home.get_translation_or_none(locale) or run.home.copy_for_translation(locale)
            if not home.live:
                home.save_revision().publish()
            if page.get_translation_or_none(locale) is None:
                copy = page.copy_for_translation(locale)
                copy.awaiting_translation = True
                copy.save_revision().publish()


def finish_site(run):
    translate_samples(run)
    order_sections(run)
    link_sections(run)


SITE_DEMO = Demo(Path(__file__).parent / "demo", after=finish_site, when_missing="stop")
