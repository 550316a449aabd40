"""Streaming targets and results (chỉ tiêu phân luồng) and the pages that show them.

A figure is (area, school year, education level, indicator, target or result, value, source
document). Areas are the administrative units in force when the figure was published: a
legacy province or district (structure 2019, until 30 June 2025), a current province or
commune (structure 2025), or a school named in its own plan. ``current_province`` is the
province in force today that covers the area (legacy provinces through ``successor``), so a
2024 district plan and a 2026 commune report sit in one province's trend.

Years: a figure's ``period`` is kept as published ("2025" for a plan "năm 2025", "2023-2024"
for a school-year plan). ``year`` is the calendar year in which the school year ends, when
its graduates go on: "2025" → 2025 (school year 2024-2025), "2023-2024" → 2024.

Figures carry drafts, revisions and a review workflow: every change is kept with who made it
and when, and the public pages show only published figures. District officers submit drafts;
the province reviews and publishes them (``AreaReviewTask``, careers/streaming/access.py).
"""

import hashlib
import re
from decimal import Decimal

from django.contrib.auth.models import Group
from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import DraftStateMixin, Page, RevisionMixin, Task, TaskState, WorkflowMixin

from website.models.areas import Structure
from website.models.pages import BasePage, SectionIndexPage
from website.numbers import so
from website.text import fold

PERIOD_PATTERN = re.compile(r"^(\d{4})(?:-(\d{4}))?$", re.ASCII)
FIRST_YEAR, LAST_YEAR = 2000, 2100
# Units before the reform publish figures up to 2025, units after it from 2025 on.
LAST_LEGACY_YEAR = 2025
FIRST_CURRENT_YEAR = 2025


def year_of_period(period):
    """The calendar year in which the school year of ``period`` ends, or None if invalid."""
    match = PERIOD_PATTERN.match((period or "").strip())
    if not match:
        return None
    first, second = int(match.group(1)), match.group(2)
    if second is not None and int(second) != first + 1:
        return None
    year = int(second) if second else first
    return year if FIRST_YEAR <= year <= LAST_YEAR else None


def school_year_label(year):
    return f"{year - 1}-{year}"


class EducationLevel(models.TextChoices):
    THCS = "THCS", _("THCS (sau lớp 9)")
    THPT = "THPT", _("THPT (sau lớp 12)")
    BOTH = "THCS+THPT", _("THCS và THPT")


class ScopeLevel(models.TextChoices):
    PROVINCE = "province", _("tỉnh")
    CITY = "city", _("thành phố trực thuộc trung ương")
    DISTRICT = "district", _("quận, huyện (trước 01/7/2025)")
    COMMUNE = "commune", _("xã, phường (từ 01/7/2025)")
    SCHOOL = "school", _("trường")


PROVINCE_LEVELS = (ScopeLevel.PROVINCE, ScopeLevel.CITY)


class FigureKind(models.TextChoices):
    TARGET = "target", _("chỉ tiêu")
    ACTUAL = "actual", _("kết quả")


class Comparator(models.TextChoices):
    EQUAL = "=", _("bằng")
    ABOUT = "~", _("khoảng")
    AT_LEAST = ">=", _("ít nhất")
    AT_MOST = "<=", _("không quá")


class IndicatorUnit(models.TextChoices):
    """What an indicator's values count: a share (0–100 %) or a number of times a year
    (“at least one grade-9 parents' meeting a year”)."""

    PERCENT = "%", _("phần trăm (%)")
    TIMES_A_YEAR = "lần/năm", _("số lần mỗi năm")


MAX_COUNT = 999


class StreamingIndicator(models.Model):
    """What a streaming figure measures, e.g. the share of THCS graduates going on to
    sơ cấp / trung cấp training."""

    slug = models.SlugField(_("mã"), max_length=80, unique=True, allow_unicode=False)
    name = models.CharField(_("tên"), max_length=250)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    applies_to = models.CharField(
        _("áp dụng cho cấp học"),
        max_length=9,
        choices=EducationLevel.choices,
        help_text=_("THCS và THPT: chỉ tiêu dùng được cho cả hai cấp."),
    )
    unit = models.CharField(
        _("đơn vị"),
        max_length=10,
        choices=IndicatorUnit.choices,
        default=IndicatorUnit.PERCENT,
        help_text=_("Phần trăm (0–100) hoặc số lần mỗi năm (số nguyên)."),
    )
    description = models.TextField(_("giải thích"), blank=True, max_length=800)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("slug"),
        FieldPanel("applies_to"),
        FieldPanel("unit"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        db_table = "careers_streamingindicator"
        verbose_name = _("chỉ tiêu phân luồng")
        verbose_name_plural = _("chỉ tiêu phân luồng")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def applies(self, education_level):
        return self.applies_to == EducationLevel.BOTH or self.applies_to == education_level

    @property
    def is_percent(self):
        return self.unit == IndicatorUnit.PERCENT

    def value_error(self, value):
        """Why ``value`` (a Decimal) cannot be a value of this indicator, or None."""
        if self.is_percent:
            if not Decimal(0) <= value <= Decimal(100):
                return _("%(value)s nằm ngoài 0–100 %%.")
            if value != value.quantize(Decimal("0.01")):
                return _("“%(value)s”: tối đa hai chữ số thập phân.")
            return None
        if not Decimal(0) <= value <= MAX_COUNT or value != value.to_integral_value():
            return _("“%(value)s”: chỉ tiêu này đếm số lần, ghi số nguyên từ 0 đến 999.")
        return None


class StreamingFigureQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related(
            "indicator", "province", "district", "commune", "current_province"
        )

    def published(self):
        return self.filter(live=True)


def make_streaming_key(
    scope_level,
    province_id,
    district_id,
    commune_id,
    school,
    period,
    level,
    indicator_id,
    kind,
    document,
):
    """The natural key of a figure; the document is part of it, so a source that disagrees
    with another (or with itself) is kept beside it rather than overwriting it."""
    parts = [scope_level, province_id, district_id, commune_id, fold(school), period, level]
    parts += [indicator_id, kind, " ".join(document.split())]
    text = "|".join("" if part is None else str(part) for part in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class StreamingFigure(WorkflowMixin, DraftStateMixin, RevisionMixin, models.Model):
    """One published target or result of the streaming plan of an area."""

    indicator = models.ForeignKey(
        StreamingIndicator,
        verbose_name=_("chỉ tiêu"),
        on_delete=models.PROTECT,
        related_name="figures",
    )
    education_level = models.CharField(_("cấp học"), max_length=9, choices=EducationLevel.choices)
    kind = models.CharField(_("loại"), max_length=6, choices=FigureKind.choices)
    scope_level = models.CharField(_("cấp địa bàn"), max_length=8, choices=ScopeLevel.choices)
    province = models.ForeignKey(
        "website.Province",
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="streaming_figures",
        help_text=_("Tỉnh của hệ thống đơn vị đang áp dụng khi ban hành văn bản."),
    )
    district = models.ForeignKey(
        "website.District",
        verbose_name=_("quận, huyện (trước 01/7/2025)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="streaming_figures",
    )
    commune = models.ForeignKey(
        "website.Commune",
        verbose_name=_("xã, phường (từ 01/7/2025)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="streaming_figures",
        limit_choices_to={"structure": Structure.CURRENT},
    )
    school_name = models.CharField(_("tên trường"), max_length=200, blank=True)
    place = models.CharField(
        _("địa danh ghi trong văn bản"),
        max_length=100,
        blank=True,
        help_text=_("Cho trường khi văn bản không nói rõ tỉnh, ví dụ “(An Lão)”."),
    )
    period = models.CharField(
        _("năm, năm học"),
        max_length=9,
        help_text=_("Như văn bản ghi: 2025 (kế hoạch năm 2025) hoặc 2023-2024 (năm học)."),
    )
    value = models.DecimalField(
        _("giá trị"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Phần trăm (0–100) hoặc số lần, theo đơn vị của chỉ tiêu."),
    )
    decimals = models.PositiveSmallIntegerField(
        _("số chữ số thập phân văn bản in"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(2)],
        help_text=_("Văn bản in “23,30” là 2: trang giữ đúng số chữ số đó. Để trống: số làm gọn."),
    )
    comparator = models.CharField(
        _("so sánh"), max_length=2, choices=Comparator.choices, default=Comparator.EQUAL
    )
    document = models.CharField(_("văn bản nguồn"), max_length=400)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    # Derived on save.
    year = models.PositiveSmallIntegerField(_("năm"), editable=False, db_index=True)
    current_province = models.ForeignKey(
        "website.Province",
        verbose_name=_("tỉnh hiện nay"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    key = models.CharField(max_length=64, unique=True, editable=False)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="streamingfigure")
    _workflow_states = GenericRelation(
        "wagtailcore.WorkflowState",
        content_type_field="base_content_type",
        object_id_field="object_id",
        related_query_name="streamingfigure",
        for_concrete_model=False,
    )

    objects = StreamingFigureQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("scope_level"),
                FieldPanel("province"),
                FieldPanel("district"),
                FieldPanel("commune"),
                FieldRowPanel([FieldPanel("school_name"), FieldPanel("place")]),
            ],
            heading=_("Địa bàn"),
        ),
        FieldRowPanel([FieldPanel("period"), FieldPanel("education_level")]),
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("comparator"), FieldPanel("value")]),
        FieldPanel("decimals"),
        FieldPanel("document"),
        FieldPanel("note"),
    ]

    class Meta:
        db_table = "careers_streamingfigure"
        verbose_name = _("số liệu phân luồng")
        verbose_name_plural = _("số liệu phân luồng")
        ordering = ["-year", "education_level", "indicator__sort_order", "scope_level"]
        indexes = [models.Index(fields=["current_province", "year"])]
        # Wagtail adds it for registered snippets only once the admin hooks have loaded.
        permissions = [("publish_streamingfigure", "Can publish số liệu phân luồng")]

    def __str__(self):
        return (
            f"{self.indicator.short_name} – {self.area_label} – {self.period} "
            f"({self.get_kind_display()}): {self.value}"
        )

    def save(self, *args, **kwargs):
        self.fill_derived()
        super().save(*args, **kwargs)

    # Derived values --------------------------------------------------------------------

    def fill_derived(self):
        if self.district_id and self.scope_level == ScopeLevel.DISTRICT:
            self.province_id = self.district.province_id
        if self.commune_id and self.scope_level == ScopeLevel.COMMUNE:
            self.province_id = self.commune.province_id
        province = self.province if self.province_id else None
        if province is None:
            self.current_province_id = None
        elif province.structure == Structure.LEGACY:
            self.current_province_id = province.successor_id
        else:
            self.current_province_id = province.pk
        self.year = year_of_period(self.period) or 0
        self.key = make_streaming_key(
            self.scope_level,
            self.province_id,
            self.district_id,
            self.commune_id,
            self.school_name,
            self.period,
            self.education_level,
            self.indicator_id,
            self.kind,
            self.document,
        )

    def clean(self):
        super().clean()
        errors = {}
        year = year_of_period(self.period)
        if year is None:
            errors["period"] = _(
                "Viết năm (2025) hoặc năm học (2023-2024), trong khoảng %(first)s–%(last)s."
            ) % {"first": FIRST_YEAR, "last": LAST_YEAR}
        level = self.scope_level
        if level == ScopeLevel.DISTRICT:
            if not self.district_id:
                errors["district"] = _("Chọn quận, huyện.")
            else:
                self.province_id = self.district.province_id
        elif level == ScopeLevel.COMMUNE:
            if not self.commune_id:
                errors["commune"] = _("Chọn xã, phường.")
            else:
                self.province_id = self.commune.province_id
        elif level in PROVINCE_LEVELS and not self.province_id:
            errors["province"] = _("Chọn tỉnh, thành phố.")
        elif level == ScopeLevel.SCHOOL and not self.school_name.strip():
            errors["school_name"] = _("Ghi tên trường.")
        if level != ScopeLevel.DISTRICT and self.district_id:
            errors["district"] = _("Chỉ chọn quận, huyện khi cấp địa bàn là quận, huyện.")
        if level != ScopeLevel.COMMUNE and self.commune_id:
            errors["commune"] = _("Chỉ chọn xã, phường khi cấp địa bàn là xã, phường.")
        if self.province_id and year is not None and "province" not in errors:
            structure = self.province.structure
            if structure == Structure.LEGACY and year > LAST_LEGACY_YEAR:
                errors["period"] = _(
                    "Đơn vị hành chính trước 01/7/2025 chỉ dùng cho số liệu đến năm %(year)s."
                ) % {"year": LAST_LEGACY_YEAR}
            if structure == Structure.CURRENT and year < FIRST_CURRENT_YEAR:
                errors["period"] = _(
                    "Đơn vị hành chính từ 01/7/2025 chỉ dùng cho số liệu từ năm %(year)s."
                ) % {"year": FIRST_CURRENT_YEAR}
        if (
            self.indicator_id
            and self.education_level in EducationLevel.values
            and not self.indicator.applies(self.education_level)
        ):
            errors["indicator"] = ValidationError(
                _("Chỉ tiêu này không dùng cho cấp %(level)s."),
                code="level",
                params={"level": self.education_level},
            )
        if self.indicator_id and self.value is not None:
            message = self.indicator.value_error(Decimal(self.value))
            if message:
                errors["value"] = ValidationError(
                    message, code="value", params={"value": self.value}
                )
        if errors:
            raise ValidationError(errors)

    # Display ---------------------------------------------------------------------------

    @property
    def area_label(self):
        if self.scope_level == ScopeLevel.SCHOOL:
            place = self.province.short_name if self.province_id else self.place
            return f"{self.school_name} {place}".strip()
        if self.scope_level == ScopeLevel.DISTRICT and self.district_id:
            return self.district.name
        if self.scope_level == ScopeLevel.COMMUNE and self.commune_id:
            return self.commune.name
        if self.province_id:
            return self.province.name
        return ""

    @property
    def area_name(self):
        """The short name as the published format writes it (column “scope”)."""
        if self.scope_level == ScopeLevel.SCHOOL:
            return self.school_name
        if self.scope_level == ScopeLevel.DISTRICT and self.district_id:
            return self.district.short_name
        if self.scope_level == ScopeLevel.COMMUNE and self.commune_id:
            return self.commune.short_name
        return self.province.short_name if self.province_id else ""

    @property
    def display_value(self):
        """The value as the source printed it (“23,30”, “100”), with its unit for counts."""
        text = so(self.value, self.decimals)
        return text if self.indicator.is_percent else f"{text} {self.indicator.unit}"

    @property
    def covers_both_levels(self):
        return self.education_level == EducationLevel.BOTH

    @property
    def comparator_prefix(self):
        return {"~": _("khoảng "), ">=": "≥ ", "<=": "≤ "}.get(self.comparator, "")

    @property
    def province_name(self):
        return self.province.short_name if self.province_id else self.place

    @property
    def school_year(self):
        return school_year_label(self.year) if self.year else ""

    def misses(self, target):
        """True when this result falls short of ``target`` (a target figure)."""
        if self.kind != FigureKind.ACTUAL or target is None:
            return False
        if target.comparator == Comparator.AT_MOST:
            return self.value > target.value
        return self.value < target.value


class AreaReviewTask(Task):
    """A workflow step approved by the officers who may publish in the figure's area — the
    province reviewing its districts' submissions. Officers of other areas neither see nor
    approve it."""

    def _is_reviewer(self, obj, user):
        from careers.streaming.access import can_publish, covers_figure

        return user.is_superuser or (can_publish(user) and covers_figure(user, obj))

    def user_can_access_editor(self, obj, user):
        return self._is_reviewer(obj, user)

    def locked_for_user(self, obj, user):
        return not self._is_reviewer(obj, user)

    def user_can_lock(self, obj, user):
        return False

    def user_can_unlock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self._is_reviewer(obj, user):
            return []
        return [
            ("reject", _("Yêu cầu sửa"), True),
            ("approve", _("Duyệt và đăng"), False),
            ("approve", _("Duyệt và đăng, kèm ghi chú"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from django.db.models.functions import Cast

        from careers.streaming.access import can_publish, figures_for

        states = self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
        if user.is_superuser:
            return states
        if not can_publish(user):
            return TaskState.objects.none()
        ids = figures_for(user).annotate(text_pk=Cast("pk", models.CharField())).values("text_pk")
        return states.filter(workflow_state__object_id__in=ids)

    @classmethod
    def get_description(cls):
        return _("Cán bộ cấp tỉnh của đúng địa bàn duyệt số liệu phân luồng")

    class Meta:
        db_table = "careers_areareviewtask"
        verbose_name = _("duyệt số liệu phân luồng theo địa bàn")
        verbose_name_plural = _("duyệt số liệu phân luồng theo địa bàn")


class OfficerArea(models.Model):
    """The area of a group of data officers: a current province (Sở GD&ĐT) or a legacy
    district (Phòng GD&ĐT). Members edit streaming figures only there."""

    group = models.OneToOneField(
        Group, on_delete=models.CASCADE, related_name="streaming_area", verbose_name=_("nhóm")
    )
    province = models.ForeignKey(
        "website.Province",
        verbose_name=_("tỉnh, thành phố (từ 01/7/2025)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"structure": Structure.CURRENT},
    )
    district = models.ForeignKey(
        "website.District",
        verbose_name=_("quận, huyện (trước 01/7/2025)"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )

    class Meta:
        db_table = "careers_officerarea"
        verbose_name = _("địa bàn cán bộ số liệu")
        verbose_name_plural = _("địa bàn cán bộ số liệu")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(province__isnull=False, district__isnull=True)
                | models.Q(province__isnull=True, district__isnull=False),
                name="officer_area_one_unit",
            )
        ]

    def __str__(self):
        return str(self.district or self.province)


class StatisticsIndexPage(SectionIndexPage):
    """/thong-ke/: the statistics section."""

    intro = models.TextField(_("giới thiệu"), blank=True, max_length=800)

    subpage_types = ["streaming.StreamingDashboardPage"]
    context_builder = "careers.streaming.views.statistics_sections"

    class Meta:
        db_table = "careers_statisticsindexpage"
        verbose_name = _("trang thống kê")


class StreamingDashboardPage(RoutablePageMixin, BasePage):
    """/thong-ke/phan-luong/: targets and results by area, CSV/XLSX, annual reports."""

    intro = models.TextField(_("giới thiệu"), blank=True, max_length=800)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["streaming.StatisticsIndexPage"]
    subpage_types = []
    max_count = 1

    class Meta:
        db_table = "careers_streamingdashboardpage"
        verbose_name = _("trang chỉ tiêu phân luồng")

    @path("")
    def dashboard(self, request):
        from careers.streaming.views import dashboard_context

        return self.render(
            request, context_overrides=self.unless_content_kept(request, dashboard_context)
        )

    @path("truong/", name="schools")
    def school_plans(self, request):
        from careers.streaming.views import school_plans_context

        return self.render(
            request,
            context_overrides=self.unless_content_kept(request, school_plans_context),
            template="streaming/schools.html",
        )

    @path("csv/", name="csv")
    def download_csv(self, request):
        from careers.streaming.views import download

        return download(self, request, "csv")

    @path("xlsx/", name="xlsx")
    def download_xlsx(self, request):
        from careers.streaming.views import download

        return download(self, request, "xlsx")

    @path("bao-cao/<slug:province>/<int:year>/", name="report")
    def report(self, request, province, year):
        from careers.streaming.views import report_context

        return self.render(
            request,
            context_overrides=self.unless_content_kept(request, report_context, province, year),
            template="streaming/report.html",
        )


__all__ = [
    "AreaReviewTask",
    "Comparator",
    "EducationLevel",
    "FigureKind",
    "IndicatorUnit",
    "OfficerArea",
    "ScopeLevel",
    "StatisticsIndexPage",
    "StreamingDashboardPage",
    "StreamingFigure",
    "StreamingIndicator",
    "make_streaming_key",
    "school_year_label",
    "year_of_period",
]
