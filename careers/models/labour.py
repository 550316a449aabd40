"""Labour-market figures and hiring needs: figures, never prose, each with source and date."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField

from careers.models.taxonomy import Region, TrainingLevel
from website.models.areas import Province, Structure

MONTH = r"\d{4}-(0[1-9]|1[0-2])"
# A year, a quarter, a half-year, a month, or months added up from January (“9 tháng”).
PERIOD_PATTERN = re.compile(
    rf"^(\d{{4}}(-(Q[1-4]|H[12]|0[1-9]|1[0-2]))?|{MONTH}\.\.{MONTH})$", re.ASCII
)


def validate_period(value):
    if not is_period(value):
        raise ValidationError(
            _(
                "Kỳ số liệu viết dạng năm (2016), quý (2025-Q3), nửa năm (2025-H1), tháng "
                "(2025-06) hoặc các tháng cộng dồn trong một năm (2025-01..2025-09)."
            )
        )


class PeriodField(models.CharField):
    """A figure's period, checked by ``validate_period``."""

    default_validators = [validate_period]

    def deconstruct(self):
        # The same column as a CharField: migrations name Django's class, not this module.
        name, path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs


def is_period(value):
    if not PERIOD_PATTERN.match(value or ""):
        return False
    if ".." in value:
        first, last = value.split("..")
        return first[:4] == last[:4] and first < last
    return True


class Indicator(models.Model):
    """What a figure measures (lao động có việc làm, tỷ lệ lao động qua đào tạo, …)."""

    slug = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    unit = models.CharField(_("đơn vị mặc định"), max_length=40)
    description = models.TextField(_("giải thích"), blank=True, max_length=800)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("unit"),
        FieldPanel("description"),
    ]

    class Meta:
        verbose_name = _("chỉ tiêu thống kê")
        verbose_name_plural = _("chỉ tiêu thống kê")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class LabourFigureQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related("indicator", "isco_group", "sector", "occupation", "province")

    def national(self):
        """Published (not sample) figures for the whole country, not of one sector or
        occupation page."""
        return self.filter(
            region="ca-nuoc", province=None, sector=None, occupation=None, is_sample=False
        )


def latest_per(figures, key):
    """{key(figure): the most recent figure} — by reference date, a year before a quarter or
    month that ends the same day."""
    latest = {}
    for figure in figures:
        group = key(figure)
        current = latest.get(group)
        rank = (figure.reference_date, -len(figure.period))
        if current is None or rank > (current.reference_date, -len(current.period)):
            latest[group] = figure
    return latest


class LabourFigure(models.Model):
    """One figure of a labour-market series.

    (indicator, occupation group / sector / occupation, area, period) is the natural key,
    stored in ``key`` so that re-importing a file updates rather than duplicates.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT, related_name="figures"
    )
    isco_group = models.ForeignKey(
        "careers.IscoGroup",
        verbose_name=_("nhóm nghề ISCO-08"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
    )
    sector = models.ForeignKey(
        "careers.EconomicSector",
        verbose_name=_("ngành kinh tế"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="figures",
    )
    occupation = models.ForeignKey(
        "careers.OccupationPage",
        verbose_name=_("nghề"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="labour_figures",
    )
    region = models.CharField(
        _("vùng"),
        max_length=40,
        choices=Region.choices,
        default=Region.WHOLE_COUNTRY,
        blank=True,
        help_text=_("Với số liệu của một tỉnh: vùng của tỉnh đó (có thể để trống)."),
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="labour_figures",
    )
    breakdown = models.CharField(
        _("nhóm"),
        max_length=100,
        blank=True,
        help_text=_(
            "Nhóm dân số của số liệu khi không phải toàn bộ: nam, nữ, thành thị, nông thôn, "
            "15–24 tuổi, một trình độ (Đại học trở lên) …; để trống nếu là tất cả."
        ),
    )
    period = PeriodField(_("kỳ"), max_length=16)
    value = models.DecimalField(_("giá trị"), max_digits=16, decimal_places=3)
    unit = models.CharField(_("đơn vị"), max_length=40)
    is_preliminary = models.BooleanField(_("số liệu sơ bộ"), default=False)
    source = models.CharField(_("nguồn"), max_length=300)
    reference_date = models.DateField(_("ngày tham chiếu"))
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)
    note = models.CharField(
        _("ghi chú"),
        max_length=500,
        blank=True,
        help_text=_("Điều kèm theo số liệu: “khoảng”, “hơn”, nơi đọc được, điều còn nghi ngờ."),
    )
    key = models.CharField(max_length=300, unique=True, editable=False)

    objects = LabourFigureQuerySet.as_manager()

    panels = [
        FieldPanel("indicator"),
        MultiFieldPanel(
            [FieldPanel("isco_group"), FieldPanel("sector"), FieldPanel("occupation")],
            heading=_("Nghề hoặc ngành (để trống cả ba nếu là tổng)"),
        ),
        FieldRowPanel([FieldPanel("region"), FieldPanel("province")], heading=_("Khu vực")),
        FieldPanel("breakdown"),
        FieldRowPanel([FieldPanel("period"), FieldPanel("is_preliminary")]),
        FieldRowPanel([FieldPanel("value"), FieldPanel("unit")]),
        FieldRowPanel([FieldPanel("source"), FieldPanel("reference_date")]),
        FieldPanel("is_sample"),
        FieldPanel("note"),
    ]
    api_fields = [
        APIField("indicator_slug"),
        APIField("indicator_name"),
        APIField("subject"),
        APIField("area"),
        APIField("breakdown"),
        APIField("region"),
        APIField("period"),
        APIField("value_number"),
        APIField("unit"),
        APIField("is_preliminary"),
        APIField("source"),
        APIField("reference_date"),
        APIField("is_sample"),
        APIField("note"),
    ]

    class Meta:
        verbose_name = _("số liệu thị trường lao động")
        verbose_name_plural = _("số liệu thị trường lao động")
        ordering = ["indicator", "period", "region", "pk"]
        indexes = [models.Index(fields=["indicator", "period"], name="figure_indicator_period")]

    def __str__(self):
        return f"{self.indicator}, {self.subject_label}, {self.area_label}, {self.period}"

    def save(self, *args, **kwargs):
        self.key = self.natural_key_string()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if sum(bool(x) for x in (self.isco_group_id, self.sector_id, self.occupation_id)) > 1:
            raise ValidationError(
                _("Chỉ chọn một trong: nhóm nghề, ngành kinh tế, nghề."), code="one_subject"
            )

    def natural_key_string(self):
        return make_figure_key(
            self.indicator_id,
            self.isco_group_id,
            self.sector_id,
            self.occupation_id,
            self.region,
            self.province_id,
            self.period,
            self.breakdown,
        )

    @property
    def subject_label(self):
        if self.occupation_id:
            return self.occupation.title
        if self.isco_group_id:
            return self.isco_group.title
        if self.sector_id:
            return self.sector.name
        return str(_("Tổng"))

    @property
    def period_label(self):
        """“năm 2025”, “quý 1/2025”, “6 tháng đầu năm 2025”, “9 tháng đầu năm 2025”."""
        year, _dash, rest = self.period.partition("-")
        if not rest:
            return _("năm %(year)s") % {"year": year}
        if ".." in rest:
            months = int(self.period.split("..")[1][5:]) - int(rest[:2]) + 1
            return _("%(months)s tháng đầu năm %(year)s") % {"months": months, "year": year}
        if rest.startswith("Q"):
            return _("quý %(n)s/%(year)s") % {"n": rest[1], "year": year}
        if rest.startswith("H"):
            first = rest == "H1"
            return (_("6 tháng đầu năm %(year)s") if first else _("6 tháng cuối năm %(year)s")) % {
                "year": year
            }
        return _("tháng %(month)s/%(year)s") % {"month": int(rest), "year": year}

    @property
    def area_label(self):
        if self.province_id:
            return self.province.name
        return self.get_region_display()

    # Open-data fields (Wagtail API v2).
    @property
    def indicator_slug(self):
        return self.indicator.slug

    @property
    def indicator_name(self):
        return self.indicator.name

    @property
    def subject(self):
        return {
            "label": self.subject_label,
            "label_en": self.isco_group.title_en if self.isco_group_id else None,
            "isco08": self.isco_group.code if self.isco_group_id else None,
            "sector": self.sector.code if self.sector_id else None,
            "occupation": self.occupation.slug if self.occupation_id else None,
        }

    @property
    def area(self):
        return {
            "label": self.area_label,
            "region": self.region,
            "province_code": self.province.code if self.province_id else None,
            "province_structure": self.province.structure if self.province_id else None,
        }

    @property
    def value_number(self):
        return float(self.value)


def make_figure_key(
    indicator_id, isco_id, sector_id, occupation_id, region, province_id, period, breakdown=""
):
    parts = (indicator_id, isco_id, sector_id, occupation_id, region, province_id, period)
    key = "|".join("" if part is None else str(part) for part in parts)
    # A figure for the whole population keeps the key it had before breakdowns existed.
    return f"{key}|{breakdown}" if breakdown else key


class HiringNeed(models.Model):
    """Workers an enterprise wants to hire, as recorded by an editor."""

    employer = models.ForeignKey(
        "careers.EnterprisePage",
        verbose_name=_("doanh nghiệp trong danh bạ"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hiring_needs",
    )
    enterprise = models.CharField(
        _("tên doanh nghiệp"),
        max_length=250,
        blank=True,
        help_text=_("Để trống khi đã chọn doanh nghiệp trong danh bạ: lấy tên trong danh bạ."),
    )
    occupation = models.ForeignKey(
        "careers.OccupationPage",
        verbose_name=_("nghề"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hiring_needs",
    )
    job_title = models.CharField(
        _("vị trí tuyển"),
        max_length=200,
        blank=True,
        help_text=_("Tên vị trí như doanh nghiệp ghi (để trống nếu trùng tên nghề)."),
    )
    workers = models.PositiveIntegerField(_("số người cần tuyển"))
    level = models.CharField(
        _("trình độ yêu cầu"),
        max_length=10,
        choices=TrainingLevel.choices,
        blank=True,
        help_text=_("Để trống nếu không yêu cầu bằng cấp."),
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name="hiring_needs",
        limit_choices_to={"structure": Structure.CURRENT},
    )
    period_start = models.DateField(_("tuyển từ ngày"))
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    wage_min = models.DecimalField(
        _("lương từ (triệu đồng/tháng)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    wage_max = models.DecimalField(
        _("lương đến (triệu đồng/tháng)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    source = models.CharField(_("nguồn"), max_length=300)
    reference_date = models.DateField(_("ngày ghi nhận"))
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    panels = [
        FieldRowPanel([FieldPanel("employer"), FieldPanel("enterprise")]),
        FieldRowPanel([FieldPanel("occupation"), FieldPanel("job_title")]),
        FieldRowPanel([FieldPanel("workers"), FieldPanel("level")]),
        FieldPanel("province"),
        FieldRowPanel(
            [FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Thời gian")
        ),
        FieldRowPanel([FieldPanel("wage_min"), FieldPanel("wage_max")], heading=_("Lương")),
        FieldRowPanel([FieldPanel("source"), FieldPanel("reference_date")]),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("nhu cầu tuyển dụng")
        verbose_name_plural = _("nhu cầu tuyển dụng")
        ordering = ["-period_start", "enterprise", "pk"]

    def __str__(self):
        return f"{self.enterprise}: {self.workers} {self.position}"

    def clean(self):
        super().clean()
        errors = {}
        if self.employer_id:
            self.enterprise = self.employer.title
        elif not self.enterprise.strip():
            errors["enterprise"] = _("Chọn doanh nghiệp trong danh bạ hoặc ghi tên doanh nghiệp.")
        if not self.occupation_id and not self.job_title:
            errors["job_title"] = _("Chọn một nghề hoặc ghi tên vị trí tuyển.")
        if self.period_end and self.period_start and self.period_end < self.period_start:
            errors["period_end"] = _("Ngày kết thúc phải sau ngày bắt đầu.")
        if self.wage_min and self.wage_max and self.wage_max < self.wage_min:
            errors["wage_max"] = _("Mức lương “đến” phải lớn hơn mức “từ”.")
        if errors:
            raise ValidationError(errors)

    @property
    def position(self):
        if self.job_title:
            return self.job_title
        return self.occupation.title if self.occupation_id else ""
