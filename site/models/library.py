"""The library for career-guidance teachers: documents of Wagtail's document library, each
with a summary page (type, grades, topic, issuer, date of issue, licence, summary).

A summary page may be public or for logged-in accounts only; restricted means the page
still shows the title and summary, but the file itself is refused to anonymous visitors
where it is served (``website.library.refuse_restricted_download``).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import Page
from wagtail.search import index

from website.models.pages import BasePage, SectionIndexPage
from website.text import fold

FIRST_GRADE, LAST_GRADE = 6, 12
GRADES = range(FIRST_GRADE, LAST_GRADE + 1)


class DocumentKind(models.TextChoices):
    TRAINING = "tap-huan", _("Tài liệu tập huấn")
    REFERENCE = "tham-khao", _("Tài liệu tham khảo")
    LESSON_PLAN = "giao-an", _("Kế hoạch bài dạy")
    SLIDES = "trinh-chieu", _("Bài trình chiếu")
    OTHER = "khac", _("Tài liệu khác")


class LibraryTopic(models.Model):
    """A topic of the library (chọn nghề, thị trường lao động, kỹ năng…), kept by editors."""

    name = models.CharField(_("tên"), max_length=80, unique=True)
    slug = models.SlugField(_("đường dẫn"), max_length=80, unique=True, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        verbose_name = _("chủ đề tài liệu")
        verbose_name_plural = _("chủ đề tài liệu")
        ordering = ["name"]

    def __str__(self):
        return self.name


class LibraryIndexPage(SectionIndexPage):
    """/thu-vien/: every document of the library, searchable and filtered by URL."""

    subpage_types = ["website.LibraryDocumentPage"]
    context_builder = "website.context.library_listing"

    class Meta:
        verbose_name = _("thư viện tài liệu")


class LibraryDocumentPage(BasePage):
    """The summary page of one document of the library."""

    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp tài liệu"),
        on_delete=models.PROTECT,
        related_name="library_pages",
    )
    kind = models.CharField(_("loại tài liệu"), max_length=12, choices=DocumentKind.choices)
    grade_from = models.PositiveSmallIntegerField(
        _("từ lớp"), validators=[MinValueValidator(FIRST_GRADE), MaxValueValidator(LAST_GRADE)]
    )
    grade_to = models.PositiveSmallIntegerField(
        _("đến lớp"), validators=[MinValueValidator(FIRST_GRADE), MaxValueValidator(LAST_GRADE)]
    )
    topic = models.ForeignKey(
        LibraryTopic,
        verbose_name=_("chủ đề"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    issuer = models.CharField(_("đơn vị ban hành"), max_length=200)
    issued_on = models.DateField(_("ngày ban hành"))
    licence = models.CharField(
        _("giấy phép sử dụng"),
        max_length=200,
        help_text=_("Ví dụ: “Văn bản hành chính công khai”, “CC BY 4.0”, “Chỉ dùng nội bộ”."),
    )
    summary = models.TextField(_("tóm tắt"), max_length=2000)
    restricted = models.BooleanField(
        _("chỉ cho tài khoản đã đăng nhập"),
        default=False,
        help_text=_(
            "Trang tóm tắt vẫn công khai; tệp chỉ tải được khi đã đăng nhập (giáo viên, cán bộ)."
        ),
    )
    search_text = models.TextField(_("nội dung để tìm (không dấu)"), editable=False, default="")

    content_panels = [
        *Page.content_panels,
        FieldPanel("document"),
        FieldPanel("restricted"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("grade_from"), FieldPanel("grade_to")]),
                FieldPanel("topic"),
                FieldPanel("issuer"),
                FieldPanel("issued_on"),
                FieldPanel("licence"),
            ],
            heading=_("Thông tin tài liệu"),
        ),
        FieldPanel("summary"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("issuer"),
    ]

    serve_related = ("document", "topic")
    parent_page_types = ["website.LibraryIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("tài liệu thư viện")
        verbose_name_plural = _("tài liệu thư viện")

    def clean(self):
        super().clean()
        if self.grade_from and self.grade_to and self.grade_from > self.grade_to:
            raise ValidationError({"grade_to": _("“Đến lớp” phải từ “Từ lớp” trở lên.")})

    def save(self, *args, **kwargs):
        topic = self.topic.name if self.topic_id else ""
        self.search_text = fold(" ".join([self.title, topic, self.issuer, self.summary]))
        super().save(*args, **kwargs)

    @property
    def grades_label(self):
        if self.grade_from == self.grade_to:
            return _("Lớp %(grade)s") % {"grade": self.grade_from}
        return _("Lớp %(first)s–%(last)s") % {"first": self.grade_from, "last": self.grade_to}
