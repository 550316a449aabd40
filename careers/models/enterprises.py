"""The enterprise directory (doanh nghiệp): who hires, in which sector and place, for which
occupations. Page tree: EnterpriseIndexPage (/doanh-nghiep/) → EnterprisePage.

An enterprise's partnerships with schools live in ``institutions`` (institutions depend on
careers, never the reverse); the enterprise page reads them through the reverse relation
``partnerships``, its hiring needs through ``hiring_needs`` and the events it takes part in
through ``event_participations``.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index

from website.models.areas import current_commune_field, current_province_field
from website.models.pages import BasePage, SectionIndexPage
from website.text import fold


class SizeBand(models.TextChoices):
    """Workers employed, in the bands enterprises report."""

    UNDER_10 = "duoi-10", _("Dưới 10 lao động")
    FROM_10 = "10-49", _("10–49 lao động")
    FROM_50 = "50-199", _("50–199 lao động")
    FROM_200 = "200-999", _("200–999 lao động")
    FROM_1000 = "tu-1000", _("Từ 1.000 lao động")


class EnterpriseIndexPage(SectionIndexPage):
    """/doanh-nghiep/: every enterprise, searchable and by province and sector."""

    subpage_types = ["careers.EnterprisePage"]
    context_builder = "careers.context.enterprise_listing"

    class Meta:
        verbose_name = _("danh bạ doanh nghiệp")


class EnterprisePage(BasePage):
    """One enterprise: what it does, where, whom it hires; its partner schools by relation."""

    summary = models.CharField(
        _("giới thiệu một dòng"), max_length=250, help_text=_("Hiện trên thẻ doanh nghiệp.")
    )
    sector = models.ForeignKey(
        "careers.EconomicSector",
        verbose_name=_("ngành kinh tế"),
        on_delete=models.PROTECT,
        related_name="enterprises",
    )
    size_band = models.CharField(_("quy mô"), max_length=10, choices=SizeBand.choices, blank=True)
    province = current_province_field("enterprises")
    commune = current_commune_field("enterprises")
    address = models.CharField(_("số nhà, đường, khu công nghiệp"), max_length=250, blank=True)
    website = models.URLField(_("trang web"), blank=True)
    phone = models.CharField(_("điện thoại liên hệ"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử liên hệ"), blank=True)
    contact_note = models.CharField(
        _("liên hệ tuyển dụng, thực tập"),
        max_length=250,
        blank=True,
        help_text=_("Bộ phận hoặc chức danh công khai (không ghi tên, số riêng của cá nhân)."),
    )
    description = models.TextField(_("giới thiệu"), blank=True, max_length=2000)
    occupations = ParentalManyToManyField(
        "careers.OccupationPage",
        verbose_name=_("tuyển người làm nghề"),
        blank=True,
        related_name="enterprises",
    )
    search_text = models.TextField(editable=False, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("sector"),
        FieldPanel("size_band"),
        MultiFieldPanel(
            [FieldPanel("address"), FieldPanel("province"), FieldPanel("commune")],
            heading=_("Địa chỉ"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("contact_note"),
            ],
            heading=_("Liên hệ công khai"),
        ),
        FieldPanel("description"),
        FieldPanel("occupations", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("province"),
        index.FilterField("sector"),
    ]
    api_fields = [
        APIField("summary"),
        APIField("sector_info"),
        APIField("size_band"),
        APIField("address"),
        APIField("area"),
        APIField("website"),
        APIField("phone"),
        APIField("email"),
        APIField("contact_note"),
        APIField("description"),
        APIField("is_sample"),
    ]

    serve_related = ("sector", "province", "commune")
    parent_page_types = ["careers.EnterpriseIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("doanh nghiệp")
        verbose_name_plural = _("doanh nghiệp")

    def clean(self):
        super().clean()
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            raise ValidationError(
                {"commune": _("Xã, phường này không thuộc tỉnh, thành phố đã chọn.")}
            )

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.summary} {self.address}")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        return super().save(*args, **kwargs)

    def get_content_context(self, request):
        from careers.context import enterprise_context

        return enterprise_context(self, request)

    @property
    def lead(self):
        return self.summary

    @property
    def place(self):
        parts = [self.address]
        if self.commune_id:
            parts.append(self.commune.name)
        parts.append(self.province.name)
        return ", ".join(part for part in parts if part)

    # Open-data fields (Wagtail API v2).
    @property
    def sector_info(self):
        return {"code": self.sector.code, "name": self.sector.name}

    @property
    def area(self):
        return {
            "province": self.province.name,
            "province_code": self.province.code,
            "commune": self.commune.name if self.commune_id else None,
            "commune_code": self.commune.code if self.commune_id else None,
        }
