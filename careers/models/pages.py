"""The occupation pages and the labour-market overview page."""

from rest_framework import serializers

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from careers.blocks import OccupationTextBlock
from careers.models.taxonomy import Outlook, TrainingLevel
from website.models.pages import BasePage, SectionIndexPage
from website.text import initial, sort_key

RIASEC_LETTERS = "RIASEC"


# 1–3 different letters of RIASEC, in either case (saving makes them capitals).
validate_riasec_code = RegexValidator(
    r"(?i)^(?!.*(.).*\1)[RIASEC]{1,3}\Z",
    _("Mã sở thích gồm 1–3 chữ khác nhau trong R, I, A, S, E, C (ví dụ RIC)."),
)


def code_profile(code):
    """Six scores (RIASEC order) standing for a Holland code: 7, 5, 3 for its letters in
    order, 1 for the others (the ends of O*NET's 1–7 interest scale)."""
    weights = dict(zip(code.upper(), (7.0, 5.0, 3.0), strict=False))
    return [weights.get(letter, 1.0) for letter in RIASEC_LETTERS]


class OccupationIndexPage(SectionIndexPage):
    """/nghe-nghiep/: every occupation, by field, interest type, level and A–Z."""

    subpage_types = ["careers.OccupationPage"]
    context_builder = "careers.context.occupation_listing"

    class Meta:
        verbose_name = _("danh sách nghề")


class OccupationPage(BasePage):
    """One occupation, written for students and parents."""

    other_names = models.CharField(
        _("tên gọi khác"),
        max_length=300,
        blank=True,
        help_text=_("Những tên người ta hay tìm, cách nhau bằng dấu phẩy (ví dụ: thợ điện)."),
    )
    summary = models.CharField(
        _("tóm tắt một dòng"), max_length=250, help_text=_("Hiện trên thẻ nghề trong danh sách.")
    )
    tasks = StreamField(OccupationTextBlock(), verbose_name=_("công việc hằng ngày"))
    environment = StreamField(OccupationTextBlock(), verbose_name=_("nơi làm việc và điều kiện"))
    working_hours = models.TextField(_("giờ giấc, ca kíp"), blank=True, max_length=600)
    physical_demands = models.TextField(_("yêu cầu sức khỏe, thể lực"), blank=True, max_length=600)
    safety = models.TextField(_("an toàn lao động"), blank=True, max_length=600)
    riasec_code = models.CharField(
        _("mã sở thích do biên tập viên đặt (RIASEC)"),
        max_length=3,
        blank=True,
        validators=[validate_riasec_code],
        help_text=_(
            "Để trống để dùng mã theo O*NET của nhóm ISCO-08. Chỉ điền (1–3 chữ, nhóm nổi bật "
            "nhất trước, ví dụ RIC) khi nghề ở Việt Nam khác hẳn, và ghi lý do bên dưới."
        ),
    )
    riasec_override_reason = models.TextField(
        _("lý do đặt mã khác O*NET"),
        blank=True,
        max_length=600,
        help_text=_("Hiện trên trang nghề bên cạnh cả hai mã."),
    )
    riasec_explanation = models.TextField(
        _("vì sao hợp với nhóm sở thích này"), blank=True, max_length=800
    )
    skills = models.TextField(_("kỹ năng cần có"), blank=True, help_text=_("Mỗi dòng một kỹ năng."))
    further_study = models.TextField(
        _("học lên (liên thông)"),
        blank=True,
        max_length=800,
        help_text=_("Từ trung cấp lên cao đẳng, từ cao đẳng lên đại học: học thêm bao lâu."),
    )
    pay_start_min = models.DecimalField(
        _("mới vào nghề: từ"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    pay_start_max = models.DecimalField(
        _("mới vào nghề: đến"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    pay_experienced_min = models.DecimalField(
        _("có kinh nghiệm: từ"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    pay_experienced_max = models.DecimalField(
        _("có kinh nghiệm: đến"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    pay_source = models.CharField(_("nguồn số liệu thu nhập"), max_length=300, blank=True)
    pay_reference_date = models.DateField(_("thời điểm số liệu thu nhập"), null=True, blank=True)
    pay_is_sample = models.BooleanField(_("thu nhập là dữ liệu mẫu"), default=False)
    outlook = models.CharField(_("triển vọng"), max_length=12, choices=Outlook.choices, blank=True)
    outlook_text = models.TextField(_("triển vọng, nơi cần người"), blank=True, max_length=1000)
    outlook_source = models.CharField(
        _("nguồn của nhận định triển vọng"),
        max_length=300,
        blank=True,
        help_text=_(
            "Văn bản, khảo sát hay số liệu làm căn cứ. Không có nguồn và không phải dữ liệu mẫu "
            "thì trang không hiện nhận định triển vọng."
        ),
    )
    outlook_is_sample = models.BooleanField(_("triển vọng là dữ liệu mẫu"), default=False)
    related_occupations = ParentalManyToManyField(
        "self",
        verbose_name=_("nghề liên quan"),
        blank=True,
        symmetrical=False,
        related_name="related_from",
    )
    isco_group = models.ForeignKey(
        "careers.IscoGroup",
        verbose_name=_("nhóm nghề ISCO-08"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occupations",
        limit_choices_to={"level": 4},
    )
    training_field = models.ForeignKey(
        "careers.TrainingField",
        verbose_name=_("nhóm ngành đào tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="occupations",
    )
    initial = models.CharField(_("chữ cái đầu"), max_length=1, blank=True, editable=False)
    sort_title = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("other_names"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("training_field"), FieldPanel("isco_group")], heading=_("Phân loại")
        ),
        FieldPanel("tasks"),
        MultiFieldPanel(
            [
                FieldPanel("environment"),
                FieldPanel("working_hours"),
                FieldPanel("physical_demands"),
                FieldPanel("safety"),
            ],
            heading=_("Làm ở đâu, làm thế nào"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("riasec_code"),
                FieldPanel("riasec_override_reason"),
                FieldPanel("riasec_explanation"),
                FieldPanel("skills"),
            ],
            heading=_("Hợp với ai"),
        ),
        InlinePanel("routes", heading=_("Con đường vào nghề theo trình độ"), label=_("trình độ")),
        FieldPanel("further_study"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pay_start_min"), FieldPanel("pay_start_max")]),
                FieldRowPanel(
                    [FieldPanel("pay_experienced_min"), FieldPanel("pay_experienced_max")]
                ),
                FieldPanel("pay_source"),
                FieldRowPanel([FieldPanel("pay_reference_date"), FieldPanel("pay_is_sample")]),
            ],
            heading=_("Thu nhập (triệu đồng/tháng)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("outlook"),
                FieldPanel("outlook_text"),
                FieldPanel("outlook_source"),
                FieldPanel("outlook_is_sample"),
            ],
            heading=_("Triển vọng"),
        ),
        FieldPanel("related_occupations", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("other_names"),
        index.SearchField("summary"),
        index.SearchField("tasks"),
        index.SearchField("skills"),
        index.AutocompleteField("other_names"),
        index.FilterField("riasec_code"),
        index.FilterField("outlook"),
        index.FilterField("training_field"),
        index.FilterField("initial"),
    ]
    api_fields = [
        APIField("other_names"),
        APIField("summary"),
        APIField("riasec_code", serializer=serializers.CharField(source="interest_code")),
        APIField("interest"),
        APIField("codes"),
        APIField("training_levels"),
        APIField("tasks"),
        APIField("environment"),
        APIField("working_hours"),
        APIField("physical_demands"),
        APIField("safety"),
        APIField("skill_list"),
        APIField("further_study"),
        APIField("pay"),
        APIField("outlook"),
        APIField("outlook_text"),
        APIField("outlook_source"),
        APIField("outlook_is_sample"),
    ]

    serve_related = ("isco_group", "training_field")
    parent_page_types = ["careers.OccupationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("nghề")
        verbose_name_plural = _("nghề")

    def clean(self):
        super().clean()
        self.riasec_code = (self.riasec_code or "").upper()
        if self.riasec_overridden and not self.riasec_override_reason.strip():
            raise ValidationError(
                {
                    "riasec_override_reason": _(
                        "Ghi lý do khi đặt mã sở thích khác mã theo O*NET của nhóm ISCO-08."
                    )
                }
            )
        if not self.riasec_code and not self.sourced_riasec_code:
            raise ValidationError(
                {
                    "riasec_code": _(
                        "Nhóm ISCO-08 đã chọn chưa có mã sở thích theo O*NET: chọn nhóm "
                        "ISCO-08 cấp 4, hoặc tự đặt mã và ghi lý do."
                    )
                }
            )

    def save(self, *args, **kwargs):
        self.riasec_code = (self.riasec_code or "").upper()
        self.initial = initial(self.title)
        self.sort_title = sort_key(self.title)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "initial", "sort_title", "riasec_code"}
        return super().save(*args, **kwargs)

    def get_content_context(self, request):
        from careers.context import occupation_context

        return occupation_context(self)

    @property
    def lead(self):
        """The one-line summary, used by the base template for the page description."""
        return self.summary

    @property
    def sourced_riasec_code(self):
        """The Holland code O*NET gives the occupation's ISCO-08 unit group ("" if none)."""
        return self.isco_group.holland_code if self.isco_group_id else ""

    @property
    def interest_code(self):
        """The code the site shows and matches on: the sourced one unless an editor set one."""
        return (self.riasec_code or self.sourced_riasec_code).upper()

    @property
    def riasec_overridden(self):
        """An editor's code that differs from the sourced one (both are then shown)."""
        return bool(self.riasec_code) and self.riasec_code.upper() != self.sourced_riasec_code

    @property
    def riasec_letters(self):
        return [letter for letter in self.interest_code if letter in RIASEC_LETTERS]

    @property
    def interest_profile(self):
        """Six scores (RIASEC order) the quiz matches against: O*NET's mean interest scores
        of the ISCO-08 group (1–7), or, where an editor set the code, one built from it."""
        if self.riasec_overridden or not self.isco_group_id:
            return code_profile(self.interest_code)
        scores = [float(value) for _letter, value in self.isco_group.interest_scores]
        return scores or code_profile(self.interest_code)

    @property
    def interest(self):
        """The interest code as open data: the code shown, where it comes from, and why."""
        group = self.isco_group if self.isco_group_id else None
        return {
            "code": self.interest_code,
            "source": "editor" if self.riasec_overridden else ("onet" if group else None),
            "onet_code": self.sourced_riasec_code or None,
            "onet_scores": {k: float(v) for k, v in group.interest_scores}
            if group and group.interest_scores
            else None,
            "isco08": group.code if group else None,
            "editor_code": self.riasec_code if self.riasec_overridden else None,
            "editor_reason": self.riasec_override_reason if self.riasec_overridden else None,
        }

    @property
    def skill_list(self):
        return [line.strip(" -•\t") for line in self.skills.splitlines() if line.strip(" -•\t")]

    @property
    def other_name_list(self):
        return [name.strip() for name in self.other_names.split(",") if name.strip()]

    @property
    def codes(self):
        """Classification codes as open data: ISCO-08 unit group and training field."""
        return {
            "isco08": self.isco_group.code if self.isco_group_id else None,
            "isco08_title": self.isco_group.title if self.isco_group_id else None,
            "isco08_title_en": self.isco_group.title_en if self.isco_group_id else None,
            "training_field": self.training_field.code if self.training_field_id else None,
            "training_field_name": self.training_field.name if self.training_field_id else None,
        }

    @property
    def training_levels(self):
        """The distinct levels of the routes in, lowest first (uses prefetched routes)."""
        levels = {route.level for route in self.routes.all()}
        return sorted(levels, key=TrainingLevel.rank)

    @property
    def training_level_labels(self):
        return [TrainingLevel(level).label for level in self.training_levels]

    @property
    def has_pay(self):
        return self.pay_start_min is not None or self.pay_experienced_max is not None

    @property
    def pay_low(self):
        return self.pay_start_min if self.pay_start_min is not None else self.pay_experienced_min

    @property
    def pay_high(self):
        candidates = [self.pay_experienced_max, self.pay_experienced_min, self.pay_start_max]
        return next((value for value in candidates if value is not None), None)

    @property
    def pay(self):
        """Pay as open data: figures in million đồng a month, with source and date."""
        if not self.has_pay:
            return None
        as_float = lambda value: float(value) if value is not None else None  # noqa: E731
        return {
            "unit": "triệu đồng/tháng",
            "start_min": as_float(self.pay_start_min),
            "start_max": as_float(self.pay_start_max),
            "experienced_min": as_float(self.pay_experienced_min),
            "experienced_max": as_float(self.pay_experienced_max),
            "source": self.pay_source,
            "reference_date": self.pay_reference_date.isoformat()
            if self.pay_reference_date
            else None,
            "is_sample": self.pay_is_sample,
        }

    @property
    def outlook_shown(self):
        """A claim about demand is shown only with its source, or labelled as sample data."""
        has_claim = bool(self.outlook or self.outlook_text)
        return has_claim and bool(self.outlook_source.strip() or self.outlook_is_sample)

    @property
    def pay_band(self):
        """A coarse band of the starting pay, for search facets."""
        low = self.pay_low
        if low is None:
            return ""
        if low < 7:
            return "duoi-7"
        if low < 10:
            return "7-10"
        if low < 15:
            return "10-15"
        return "tu-15"


class OccupationRoute(Orderable):
    """One way into an occupation at one training level."""

    page = ParentalKey(OccupationPage, on_delete=models.CASCADE, related_name="routes")
    level = models.CharField(_("trình độ"), max_length=10, choices=TrainingLevel.choices)
    entry = models.CharField(
        _("điều kiện vào học"), max_length=200, help_text=_("Ví dụ: tốt nghiệp THCS (hết lớp 9).")
    )
    duration = models.CharField(_("thời gian học"), max_length=100)
    nine_plus = models.BooleanField(
        _("học kèm văn hóa THPT (9+)"),
        default=False,
        help_text=_(
            "Trung cấp học cùng các môn văn hóa THPT tại trung tâm GDNN-GDTX hoặc trường nghề."
        ),
    )
    description = models.TextField(_("ghi chú"), blank=True, max_length=600)

    panels = [
        FieldRowPanel([FieldPanel("level"), FieldPanel("duration")]),
        FieldPanel("entry"),
        FieldPanel("nine_plus"),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("con đường vào nghề")
        verbose_name_plural = _("con đường vào nghề")

    def __str__(self):
        return f"{self.page.title}: {self.get_level_display()}"


class LabourMarketPage(RoutablePageMixin, BasePage):
    """/thi-truong-lao-dong/: charts with their tables, hiring needs, CSV downloads."""

    intro = models.TextField(_("giới thiệu"), blank=True, max_length=800)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("trang thị trường lao động")

    @path("")
    def overview(self, request):
        from careers.market import market_context

        return self.render(
            request, context_overrides=self.unless_content_kept(request, market_context)
        )

    @path("csv/<slug:table>/", name="csv")
    def table_csv(self, request, table):
        from careers.market import table_csv_response

        return table_csv_response(self, table)
