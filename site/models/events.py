from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from website.blocks import BodyBlock, GalleryBlock
from website.models.areas import Commune, Province, Structure
from website.models.pages import BasePage, SectionIndexPage


class Audience(models.Model):
    """Who an event is for: lớp 9, lớp 12, phụ huynh, giáo viên (rows made by a migration)."""

    slug = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=60)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("đối tượng")
        verbose_name_plural = _("đối tượng")
        ordering = ["sort_order"]

    def __str__(self):
        return self.name


class EventType(models.TextChoices):
    ADMISSION_FAIR = "tuyen-sinh", _("Ngày hội tư vấn tuyển sinh")
    CAREER_FAIR = "huong-nghiep", _("Ngày hội tư vấn hướng nghiệp")
    ENTERPRISE_VISIT = "tham-quan", _("Tham quan doanh nghiệp – “Một ngày làm công nhân”")
    COMPETITION = "cuoc-thi", _("Cuộc thi tìm hiểu nghề nghiệp")
    ONLINE_COUNSELLING = "truc-tuyen", _("Tư vấn trực tuyến")
    OTHER = "khac", _("Sự kiện khác")


class EventPageQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        """Events not yet over, soonest first."""
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        """Events that have ended, latest first."""
        return self.filter(end__lt=now or timezone.now()).order_by("-start")


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventIndexPage(SectionIndexPage):
    subpage_types = ["website.EventPage"]
    context_builder = "website.context.event_listing"

    class Meta:
        verbose_name = _("danh sách sự kiện")


class EventPage(RoutablePageMixin, BasePage):
    event_type = models.CharField(
        _("loại sự kiện"), max_length=20, choices=EventType.choices, default=EventType.CAREER_FAIR
    )
    lead = models.TextField(_("tóm tắt"), max_length=400)
    start = models.DateTimeField(_("bắt đầu"))
    end = models.DateTimeField(_("kết thúc"))
    venue_name = models.CharField(
        _("địa điểm"),
        max_length=200,
        blank=True,
        help_text=_("Để trống nếu chỉ tổ chức trực tuyến."),
    )
    venue_address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="events",
        limit_choices_to={"structure": Structure.CURRENT},
    )
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        limit_choices_to={"structure": Structure.CURRENT},
    )
    organiser = models.CharField(_("đơn vị tổ chức"), max_length=250)
    audiences = ParentalManyToManyField(
        Audience, verbose_name=_("dành cho"), blank=True, related_name="events"
    )
    registration_url = models.URLField(_("đường dẫn đăng ký"), blank=True)
    online_url = models.URLField(_("đường dẫn tham gia trực tuyến"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), verbose_name=_("nội dung"), blank=True)
    report = StreamField(
        BodyBlock(),
        verbose_name=_("tường thuật sau sự kiện"),
        blank=True,
        help_text=_("Điền sau khi sự kiện kết thúc: kết quả, số người tham dự, ý kiến."),
    )
    gallery = StreamField(GalleryBlock(), verbose_name=_("ảnh sự kiện"), blank=True)

    objects = EventPageManager()

    content_panels = [
        *Page.content_panels,
        FieldPanel("event_type"),
        FieldPanel("lead"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Thời gian")),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldPanel("province"),
                FieldPanel("commune"),
                FieldPanel("online_url"),
            ],
            heading=_("Địa điểm"),
        ),
        FieldPanel("organiser"),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        InlinePanel("participants", heading=_("Đơn vị tham gia"), label=_("đơn vị")),
        FieldPanel("registration_url"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("report"), FieldPanel("gallery")], heading=_("Sau sự kiện")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("organiser"),
        index.SearchField("venue_name"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    serve_related = ("province", "commune", "image")
    parent_page_types = ["website.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("sự kiện")
        verbose_name_plural = _("sự kiện")

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("Thời gian kết thúc phải sau thời gian bắt đầu.")
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            errors["commune"] = _("Xã, phường này không thuộc tỉnh, thành phố đã chọn.")
        if not self.venue_name and not self.online_url:
            errors["venue_name"] = _("Cần có địa điểm hoặc đường dẫn tham gia trực tuyến.")
        if errors:
            raise ValidationError(errors)

    def get_content_context(self, request):
        return {"participants": self.participants.select_related("institution", "enterprise")}

    def get_share_image(self):
        return self.share_image or self.image

    @property
    def is_past(self):
        return self.end < timezone.now()

    @property
    def place(self):
        """The place as one line: venue, address, commune, province."""
        parts = [self.venue_name, self.venue_address]
        if self.commune_id:
            parts.append(self.commune.name)
        parts.append(self.province.name)
        return ", ".join(part for part in parts if part)

    @property
    def map_url(self):
        """A link to the venue on OpenStreetMap (no map script is loaded on our pages)."""
        if not self.venue_name:
            return ""
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.place})

    @path("lich/", name="ics")  # Wagtail URLs allow no dot, so no ".ics" here
    def ics(self, request):
        from website.calendar import event_to_ics

        response = HttpResponse(event_to_ics(self, request), content_type="text/calendar")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.ics"'
        return response


class EventParticipant(Orderable):
    """An institution taking part in an event: a school of the directory (linked, so its page
    is one click away), or — only for an organisation outside it, such as a lower-secondary
    school or an enterprise — a name."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="participants")
    institution = models.ForeignKey(
        "institutions.InstitutionPage",
        verbose_name=_("trường trong danh bạ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_participations",
    )
    enterprise = models.ForeignKey(
        "careers.EnterprisePage",
        verbose_name=_("doanh nghiệp trong danh bạ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="event_participations",
    )
    name = models.CharField(
        _("tên đơn vị ngoài danh bạ"),
        max_length=250,
        blank=True,
        help_text=_("Chỉ khi đơn vị không có trong danh bạ trường, doanh nghiệp (trường THCS…)."),
    )
    url = models.URLField(_("trang web"), blank=True)

    panels = [
        FieldPanel("institution"),
        FieldPanel("enterprise"),
        FieldPanel("name"),
        FieldPanel("url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("đơn vị tham gia")
        verbose_name_plural = _("đơn vị tham gia")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.institution_id and self.enterprise_id:
            raise ValidationError(
                {"enterprise": _("Mỗi dòng một đơn vị: chọn trường hoặc doanh nghiệp.")}
            )
        if (self.institution_id or self.enterprise_id) and self.name:
            raise ValidationError(
                {"name": _("Đã chọn đơn vị trong danh bạ: để trống tên đơn vị ngoài danh bạ.")}
            )
        if not self.institution_id and not self.enterprise_id and not self.name.strip():
            raise ValidationError(
                {
                    "institution": _(
                        "Chọn một trường hoặc doanh nghiệp trong danh bạ, hoặc ghi tên đơn vị "
                        "ngoài danh bạ."
                    )
                }
            )

    @property
    def title(self):
        if self.institution_id:
            return self.institution.title
        if self.enterprise_id:
            return self.enterprise.title
        return self.name

    @property
    def linked_page(self):
        """The directory page of the participant, if it is in a directory."""
        return self.institution or self.enterprise
