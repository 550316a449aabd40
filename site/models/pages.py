import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from website import pagecache
from website.blocks import BodyBlock
from website.slugs import slugify

# C0 and C1 controls; zero-width space and byte-order mark; bidirectional marks, embeddings,
# overrides and isolates (U+200E–U+200F, U+202A–U+202E, U+2066–U+2069, U+061C).
INVISIBLE_CHARACTERS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]"
)

# Deeper than any page of the tree (home → section → school → programme): such an address
# is routed by Wagtail's walk, which stops at its first unknown part.
MAX_ROUTE_DEPTH = 8


def in_other_language():
    """Whether this request is for a page of another content language than Vietnamese: the
    language comes from the address alone (/sed/…), so no query is needed to tell."""
    return translation.get_language() != settings.LANGUAGE_CODE


class BasePage(Page):
    """What every public page shares: a share image for Open Graph and a sample-data flag."""

    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh khi chia sẻ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Ảnh hiện khi chia sẻ trang qua Zalo, Facebook (tỉ lệ 1,91:1)."),
    )
    is_sample = models.BooleanField(
        _("nội dung mẫu"),
        default=False,
        help_text=_("Đánh dấu khi trang mô tả điều chưa xảy ra: trang sẽ hiện nhãn “dữ liệu mẫu”."),
    )

    promote_panels = [
        *Page.promote_panels,
        FieldPanel("share_image"),
        FieldPanel("is_sample"),
    ]
    # The foreign keys the page's own template reads: loaded with the page when it is
    # served (HomePage.route), not one query each while rendering.
    serve_related = ()

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Control and bidirectional-override characters in a title hide or reverse what a
        # reader sees (after U+202E the rest reads right to left); nobody types them: drop them.
        for name in ("title", "draft_title", "seo_title"):
            if value := getattr(self, name):
                setattr(self, name, INVISIBLE_CHARACTERS.sub("", value))
        # Vietnamese titles make ASCII slugs: "Điện công nghiệp" → "dien-cong-nghiep".
        if not self.slug and self.title:
            self.slug = slugify(self.title)
        super().full_clean(*args, **kwargs)

    def get_share_image(self):
        return self.share_image

    def get_context(self, request, *args, **kwargs):
        """The page's context; what its content block shows beyond its own fields
        (``get_content_context``) only when that block is not kept already
        (``website.pagecache.content_name``: the same for every anonymous visitor)."""
        context = super().get_context(request, *args, **kwargs)
        name = context["content_name"] = pagecache.content_name(request)
        if not name or pagecache.lookup(request, name) is None:
            context.update(self.get_content_context(request))
        return context

    def get_content_context(self, request):
        """What the content block shows beyond the page's fields: none here."""
        return {}

    def unless_content_kept(self, request, build, *args):
        """``build(self, request, *args)``, the context of a routable page's view, unless that
        view's content block is kept already (then the template does not read it)."""
        name = pagecache.content_name(request)
        if name and pagecache.lookup(request, name) is not None:
            return {}
        return build(self, request, *args)

    def get_view_restrictions(self):
        # Kept with the cached route (website.routing); a page loaded otherwise asks Wagtail.
        restrictions = getattr(self, "cached_view_restrictions", None)
        if restrictions is None:
            return super().get_view_restrictions()
        return restrictions


class SectionIndexPage(BasePage):
    """The index of a section under the home page (news, events, occupations, schools, …):
    one per site, an introduction, and the section's list, built by the function that
    ``context_builder`` names (page, request → context). It is named, not imported, because
    the builders import the section's models."""

    intro = models.TextField(_("giới thiệu"), blank=True, max_length=500)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    max_count = 1
    context_builder = ""

    class Meta:
        abstract = True

    def get_content_context(self, request):
        return import_string(self.context_builder)(self, request)


class HomePage(BasePage):
    """The portal's front page: leads to the sections that exist."""

    intro = models.CharField(_("lời giới thiệu"), max_length=300, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        InlinePanel(
            "entry_points",
            heading=_("Lối vào chính"),
            label=_("lối vào"),
            help_text=_("Những mục học sinh, phụ huynh tìm đến nhiều nhất; trang chưa đăng sẽ ẩn."),
        ),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("trang chủ")

    def route(self, request, path_components):
        """Find the page an address names in one query for the whole path, not two per level.

        Wagtail walks the tree: for each part of the path, the child with that slug, then
        that child as its specific class. Here the pages along the path are read at once by
        (depth, slug) and chained by tree path; only the last one is loaded as its specific
        class, and routes what is left of the address (a routable page's sub-addresses, or a
        404). A page on the way whose class routes by itself takes over from there, as it
        would in Wagtail's walk.
        """
        if not path_components or len(path_components) > MAX_ROUTE_DEPTH:
            return super().route(request, path_components)  # the walk stops at the first miss
        steps = Q()
        for number, slug in enumerate(path_components, start=1):
            steps |= Q(depth=self.depth + number, slug=slug)
        found = {
            (page.depth, page.path[: -self.steplen], page.slug): page
            for page in Page.objects.filter(steps, path__startswith=self.path).order_by()
        }
        parent, page, rest = None, self, path_components
        for number, slug in enumerate(path_components, start=1):
            child = found.get((self.depth + number, page.path, slug))
            if child is None:
                break
            parent, page, rest = page, child, path_components[number:]
            if rest and (child.specific_class or Page).route is not Page.route:
                break
        if parent is None:
            raise Http404
        model = page.specific_class
        if getattr(model, "serve_related", ()):
            page = model.objects.select_related(*model.serve_related).get(pk=page.pk)
        else:
            page = page.specific
        page._cached_parent_obj = parent  # as Wagtail's walk leaves it: get_parent() is free
        return page.route(request, rest)

    def get_template(self, request, *args, **kwargs):
        if in_other_language():
            return "website/home_page_locale.html"
        return super().get_template(request, *args, **kwargs)

    def get_content_context(self, request):
        from website.models.events import EventPage
        from website.models.news import NewsPage

        if in_other_language():
            # The home of another content language (/sed/): the pages published in it.
            return {
                "language_name": self.locale.get_display_name(),
                "locale_pages": self.get_children().live().order_by("path"),
            }
        context = {}
        # Everything the cards show, in one query each and one per many-to-many.
        context["upcoming_events"] = (
            EventPage.objects.live()
            .upcoming()
            .select_related("province", "commune", "image")
            .prefetch_related("audiences")[:3]
        )
        context["latest_news"] = (
            NewsPage.objects.live()
            .descendant_of(self)
            .select_related("image")
            .prefetch_related("categories")
            .order_by("-date")[:3]
        )
        context["entry_points"] = [
            entry for entry in self.entry_points.select_related("target") if entry.target.live
        ]
        return context


class HomeEntryPoint(Orderable):
    """A large link on the home page to one of the things visitors come for."""

    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="entry_points")
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("trang"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(
        _("tên hiển thị"), max_length=80, blank=True, help_text=_("Để trống: dùng tên trang.")
    )
    description = models.CharField(_("mô tả ngắn"), max_length=160, blank=True)

    panels = [FieldPanel("target"), FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("lối vào")
        verbose_name_plural = _("lối vào")

    def __str__(self):
        return self.title or self.target.title


class StandardPage(BasePage):
    """Policies, guides (after grade 9, after grade 12) and "about"."""

    intro = models.TextField(_("tóm tắt"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["website.HomePage", "website.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")
        verbose_name_plural = _("trang nội dung")


class PlainSummaryPage(BasePage):
    """A plain-language summary (the routes after grade 9) that editors may also publish in a
    minority language: "Dịch trang này" copies it into another locale (/sed/…, /bdq/…), and
    each version links to the others (``hreflang``, a language switch)."""

    intro = models.TextField(_("tóm tắt"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"))
    awaiting_translation = models.BooleanField(
        _("chưa được dịch"),
        default=False,
        help_text=_(
            "Với bản ở ngôn ngữ khác: đánh dấu khi văn bản vẫn là tiếng Việt, chờ người dịch. "
            "Trang sẽ nói rõ điều đó."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("awaiting_translation"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["website.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("trang tóm tắt dễ hiểu")
        verbose_name_plural = _("trang tóm tắt dễ hiểu")

    @property
    def text_language(self):
        """The language the text is written in: Vietnamese while it awaits its translator."""
        return "vi" if self.awaiting_translation else self.locale.language_code

    def get_context(self, request, *args, **kwargs):
        # Read by the head's hreflang links too, so kept apart from the content block.
        context = super().get_context(request, *args, **kwargs)
        context["translations"] = pagecache.cached(
            request, f"translations:{self.pk}", lambda: self.translation_links(request)
        )
        return context

    def translation_links(self, request):
        return [
            {
                "pk": translation.pk,
                "language": translation.locale.language_code,
                "name": translation.locale.get_display_name(),
                "url": translation.get_full_url(request),  # hreflang needs absolute addresses
                "path": translation.get_url(request),
            }
            for translation in self.get_translations(inclusive=True)
            .live()
            .select_related("locale")
            .order_by("locale__pk")
        ]
