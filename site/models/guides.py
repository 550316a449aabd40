"""Guides written by editors with structured facts: working abroad under contract (đi làm
việc ở nước ngoài theo hợp đồng) and starting a business (khởi nghiệp).

A guide names the occupations it is about (the trades a programme abroad asks for, the
trades young people start businesses in) and, if it must, programmes of its own (a
language course); the programmes that train for those occupations are found by relation.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from website.blocks import GuideBodyBlock
from website.models.pages import BasePage


class GuidePage(BasePage):
    intro = models.TextField(_("tóm tắt"), blank=True, max_length=500)
    body = StreamField(GuideBodyBlock(), verbose_name=_("nội dung"))
    occupations = ParentalManyToManyField(
        "careers.OccupationPage",
        verbose_name=_("nghề liên quan"),
        blank=True,
        related_name="guides",
        help_text=_("Các chương trình đào tạo những nghề này hiện trên trang, tự tìm theo nghề."),
    )
    programmes = ParentalManyToManyField(
        "institutions.ProgramPage",
        verbose_name=_("chương trình học thêm"),
        blank=True,
        related_name="guides",
        help_text=_("Chỉ những chương trình không gắn với nghề trên (ví dụ: khóa ngoại ngữ)."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("occupations"),
        FieldPanel("programmes"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["website.HomePage", "website.GuidePage"]
    subpage_types = ["website.GuidePage"]

    class Meta:
        verbose_name = _("trang chuyên đề có số liệu")
        verbose_name_plural = _("trang chuyên đề có số liệu")

    def get_content_context(self, request):
        from website.context import guide_relations

        return guide_relations(self)
