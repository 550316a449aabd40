"""Vocational institutions and their training programmes.

Page tree: InstitutionIndexPage (/truong/) → InstitutionPage → ProgramPage. Graduate outcomes
are inline rows: institution-wide on the institution, per programme on the programme.
``SchoolAccess`` ties an institution to the group and collection of its staff.
"""

import re
from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from website.blocks import BodyBlock
from website.models.areas import current_commune_field, current_province_field
from website.models.pages import BasePage, SectionIndexPage


class InstitutionType(models.TextChoices):
    COLLEGE = "cao-dang", _("Trường cao đẳng")
    INTERMEDIATE = "trung-cap", _("Trường trung cấp")
    GDNN_GDTX = "gdnn-gdtx", _("Trung tâm GDNN-GDTX")
    GDNN = "gdnn", _("Trung tâm giáo dục nghề nghiệp")
    OTHER = "khac", _("Doanh nghiệp, cơ sở khác có đào tạo")


class Ownership(models.TextChoices):
    PUBLIC = "cong-lap", _("Công lập")
    PRIVATE = "tu-thuc", _("Tư thục")


class ProgrammeLevel(models.TextChoices):
    ELEMENTARY = "so-cap", _("Sơ cấp")
    INTERMEDIATE = "trung-cap", _("Trung cấp")
    COLLEGE = "cao-dang", _("Cao đẳng")


class StudyMode(models.TextChoices):
    FULL_TIME = "chinh-quy", _("Chính quy")
    WORK_STUDY = "vua-lam-vua-hoc", _("Vừa làm vừa học")


class TuitionPeriod(models.TextChoices):
    MONTH = "thang", _("tháng")
    SEMESTER = "hoc-ky", _("học kỳ")
    YEAR = "nam", _("năm")
    COURSE = "khoa", _("khóa học")


class OutcomeStatus(models.TextChoices):
    SELF_REPORTED = "tu-bao-cao", _("Trường tự báo cáo")
    VERIFIED = "da-xac-minh", _("Đã xác minh")


# The first digit of a 7-digit programme code is its level (Thông tư 26/2020/TT-BLĐTBXH).
CODE_PREFIX = {"5": ProgrammeLevel.INTERMEDIATE, "6": ProgrammeLevel.COLLEGE}


def code_problem(code, level):
    """What is wrong with ``code`` for a programme of ``level`` (a sentence), or ""."""
    code = (code or "").strip()
    if level == ProgrammeLevel.ELEMENTARY:
        return _("Chương trình sơ cấp không có mã ngành 7 chữ số: để trống mã.") if code else ""
    if not re.fullmatch(r"[0-9]{7}", code):  # ASCII digits: "٦٥٢٠٢٢٧" is no code
        return _("“%(code)s” không phải mã 7 chữ số.") % {"code": code}
    expected = CODE_PREFIX.get(code[0])
    if expected is None:
        return _("Mã “%(code)s” phải bắt đầu bằng 5 (trung cấp) hoặc 6 (cao đẳng).") % {
            "code": code
        }
    if level and expected != level:
        return _("Mã “%(code)s” là mã %(expected)s, không khớp trình độ %(level)s.") % {
            "code": code,
            "expected": expected.label.lower(),
            "level": ProgrammeLevel(level).label.lower(),
        }
    return ""


def text_lines(text):
    """The non-empty lines of a "one item a line" field, without list marks."""
    return [line.strip(" -•\t") for line in text.splitlines() if line.strip(" -•\t")]


class SupportKind(models.TextChoices):
    TUITION = "mien-giam-hoc-phi", _("Miễn, giảm học phí")
    SCHOLARSHIP = "hoc-bong", _("Học bổng")
    CREDIT = "tin-dung", _("Vay vốn tín dụng")
    BOARDING = "noi-tru", _("Hỗ trợ ở nội trú")
    ETHNIC_MINORITY = "dan-toc-thieu-so", _("Hỗ trợ học sinh dân tộc thiểu số")
    OTHER = "khac", _("Hỗ trợ khác")


class TargetGroup(models.TextChoices):
    """Who a support policy is meant for (the policies page and programme search filter on it)."""

    ETHNIC_MINORITY = "dan-toc-thieu-so", _("Học sinh dân tộc thiểu số")
    POOR_HOUSEHOLD = "ho-ngheo", _("Người thuộc hộ nghèo, hộ cận nghèo")
    DISABILITY = "khuyet-tat", _("Người khuyết tật")


class SupportPolicyBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(label=_("Loại hỗ trợ"), choices=SupportKind.choices)
    title = blocks.CharBlock(label=_("Tên chính sách"), max_length=200)
    who = blocks.TextBlock(label=_("Ai được hưởng"), max_length=600)
    groups = blocks.MultipleChoiceBlock(
        label=_("Dành cho nhóm người học"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Chọn mọi nhóm được hưởng: trang chính sách và tìm kiếm lọc theo nhóm."),
    )
    levels = blocks.MultipleChoiceBlock(
        label=_("Áp dụng cho trình độ"),
        choices=ProgrammeLevel.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Để trống nếu áp dụng cho mọi ngành của trường."),
    )
    details = blocks.TextBlock(label=_("Mức hỗ trợ, cách đăng ký"), max_length=1000)

    class Meta:
        icon = "tick-inverse"
        label = _("Chính sách hỗ trợ")
        template = "institutions/blocks/support_policy.html"


def policy_groups(value):
    """The target groups of one support policy (a block's value); a policy of the kind
    "hỗ trợ học sinh dân tộc thiểu số" is for them whether or not the group is ticked."""
    groups = set(value.get("groups") or [])
    if value.get("kind") == SupportKind.ETHNIC_MINORITY:
        groups.add(TargetGroup.ETHNIC_MINORITY)
    return groups


def policy_applies(value, level=None, group=None):
    """Whether a support policy applies to a programme of ``level`` and to ``group``."""
    levels = value.get("levels") or []
    if level and levels and level not in levels:
        return False
    return not group or group in policy_groups(value)


class InstitutionIndexPage(SectionIndexPage):
    """/truong/: every institution, by province, type and ownership."""

    subpage_types = ["institutions.InstitutionPage"]
    context_builder = "institutions.context.institution_listing"

    class Meta:
        verbose_name = _("danh sách trường")


class SupportPolicyIndexPage(SectionIndexPage):
    """The support policies of every school, filterable by target group and province (the
    "Chính sách cho học sinh dân tộc thiểu số" filter), under the policies page."""

    parent_page_types = ["website.HomePage", "website.StandardPage"]
    subpage_types = []
    context_builder = "institutions.context.policy_listing"

    class Meta:
        verbose_name = _("chính sách hỗ trợ của các trường")


class InstitutionPage(BasePage):
    """One school or centre that trains: profile, contacts, support, outcomes."""

    institution_type = models.CharField(
        _("loại hình"), max_length=12, choices=InstitutionType.choices
    )
    ownership = models.CharField(_("công lập / tư thục"), max_length=10, choices=Ownership.choices)
    summary = models.CharField(
        _("giới thiệu một dòng"), max_length=250, help_text=_("Hiện trên thẻ trường.")
    )
    province = current_province_field("institutions")
    commune = current_commune_field("institutions")
    legacy_district = models.ForeignKey(
        "website.District",
        verbose_name=_("quận, huyện cũ (trước 01/7/2025)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="institutions",
    )
    address = models.CharField(_("số nhà, đường, thôn, ấp"), max_length=250, blank=True)
    latitude = models.FloatField(
        _("vĩ độ"), null=True, blank=True, validators=[MinValueValidator(8), MaxValueValidator(24)]
    )
    longitude = models.FloatField(
        _("kinh độ"),
        null=True,
        blank=True,
        validators=[MinValueValidator(102), MaxValueValidator(118)],
    )
    phone = models.CharField(_("điện thoại tuyển sinh"), max_length=40, blank=True)
    admissions_zalo = models.CharField(
        _("Zalo tuyển sinh"),
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                r"^0\d{9,10}\Z", _("Ghi số điện thoại dùng Zalo: 10–11 chữ số, bắt đầu bằng 0.")
            )
        ],
        help_text=_("Số điện thoại có Zalo của phòng tuyển sinh, ví dụ 0912345678."),
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    website = models.URLField(_("trang web"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    admissions = StreamField(
        BodyBlock(),
        verbose_name=_("thông báo tuyển sinh"),
        blank=True,
        help_text=_("Tin tuyển sinh mới nhất: hạn nộp hồ sơ, cách đăng ký."),
    )
    apply_how = models.TextField(
        _("cách nộp hồ sơ"),
        blank=True,
        max_length=1000,
        help_text=_("Nộp ở đâu, trực tiếp hay trực tuyến, xét tuyển thế nào. Mỗi dòng một bước."),
    )
    apply_documents = models.TextField(
        _("hồ sơ cần có"), blank=True, max_length=1000, help_text=_("Mỗi dòng một giấy tờ.")
    )
    apply_url = models.URLField(_("trang nộp hồ sơ trực tuyến"), blank=True)
    boarding = models.BooleanField(_("có ký túc xá"), default=False)
    boarding_details = models.TextField(
        _("ký túc xá: số chỗ, giá, điều kiện"), blank=True, max_length=800
    )
    facilities = models.TextField(
        _("cơ sở vật chất"), blank=True, max_length=1500, help_text=_("Mỗi dòng một ý.")
    )
    support_policies = StreamField(
        [("policy", SupportPolicyBlock())],
        verbose_name=_("chính sách hỗ trợ người học"),
        blank=True,
    )
    ethnic_minority_support = models.BooleanField(
        _("có chính sách cho học sinh dân tộc thiểu số"), default=False, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("institution_type"), FieldPanel("ownership")]),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldPanel("province"),
                FieldPanel("commune"),
                FieldPanel("legacy_district"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Địa chỉ"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("phone"),
                FieldPanel("admissions_zalo"),
                FieldPanel("email"),
                FieldPanel("website"),
            ],
            heading=_("Liên hệ"),
        ),
        MultiFieldPanel(
            [FieldPanel("apply_how"), FieldPanel("apply_documents"), FieldPanel("apply_url")],
            heading=_("Bước tiếp theo: nộp hồ sơ"),
            help_text=_("Hiện trên trang trường và trên trang từng ngành của trường."),
        ),
        FieldPanel("image"),
        FieldPanel("admissions"),
        MultiFieldPanel(
            [FieldPanel("boarding"), FieldPanel("boarding_details")], heading=_("Ký túc xá")
        ),
        FieldPanel("facilities"),
        InlinePanel(
            "partnerships",
            heading=_("Doanh nghiệp liên kết"),
            label=_("doanh nghiệp"),
            help_text=_(
                "Chọn doanh nghiệp trong danh bạ. Chưa có: đề xuất doanh nghiệp mới ở mục "
                "Danh bạ doanh nghiệp; liên kết hiện công khai khi biên tập viên duyệt."
            ),
        ),
        InlinePanel(
            "partners",
            heading=_("Doanh nghiệp khác (chưa có trong danh bạ)"),
            label=_("doanh nghiệp"),
        ),
        FieldPanel("support_policies"),
        InlinePanel(
            "outcomes",
            heading=_("Tỉ lệ có việc làm sau tốt nghiệp (toàn trường)"),
            label=_("năm"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.FilterField("institution_type"),
        index.FilterField("ownership"),
        index.FilterField("province"),
        index.FilterField("boarding"),
    ]
    api_fields = [
        APIField("institution_type"),
        APIField("ownership"),
        APIField("summary"),
        APIField("address"),
        APIField("province_name"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("phone"),
        APIField("admissions_zalo"),
        APIField("email"),
        APIField("apply_how"),
        APIField("apply_documents"),
        APIField("apply_url"),
        APIField("website"),
        APIField("boarding"),
        APIField("boarding_details"),
        APIField("is_sample"),
    ]

    serve_related = ("province", "commune", "image")
    parent_page_types = ["institutions.InstitutionIndexPage"]
    subpage_types = ["institutions.ProgramPage"]

    class Meta:
        verbose_name = _("trường, trung tâm")
        verbose_name_plural = _("trường, trung tâm")

    def clean(self):
        super().clean()
        errors = {}
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            errors["commune"] = _("Xã, phường này không thuộc tỉnh, thành phố đã chọn.")
        if (
            self.legacy_district_id
            and self.province_id
            and self.legacy_district.province.successor_id not in (None, self.province_id)
        ):
            errors["legacy_district"] = _("Quận, huyện cũ này không thuộc tỉnh, thành phố đã chọn.")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("Cần cả vĩ độ và kinh độ, hoặc để trống cả hai.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.ethnic_minority_support = bool(self.policies(group=TargetGroup.ETHNIC_MINORITY))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "support_policies" in update_fields:
            kwargs["update_fields"] = {*update_fields, "ethnic_minority_support"}
        return super().save(*args, **kwargs)

    def get_content_context(self, request):
        from institutions.context import institution_context

        return institution_context(self, request)

    @property
    def lead(self):
        return self.summary

    def policies(self, level=None, group=None):
        """The support policies (blocks) that apply to a programme of ``level`` and ``group``."""
        return [
            block
            for block in self.support_policies
            if block.block_type == "policy" and policy_applies(block.value, level, group)
        ]

    @property
    def province_name(self):
        return self.province.name if self.province_id else ""

    @property
    def place(self):
        parts = [self.address]
        if self.commune_id:
            parts.append(self.commune.name)
        parts.append(self.province.name)
        return ", ".join(part for part in parts if part)

    @property
    def map_url(self):
        """OpenStreetMap at the position, or a search for the address (no map script)."""
        if self.latitude is not None and self.longitude is not None:
            return (
                f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}"
                f"#map=17/{self.latitude}/{self.longitude}"
            )
        return "https://www.openstreetmap.org/search?" + urlencode({"query": self.place})

    @property
    def apply_steps(self):
        return text_lines(self.apply_how)

    @property
    def apply_document_list(self):
        return text_lines(self.apply_documents)

    @property
    def zalo_url(self):
        return f"https://zalo.me/{self.admissions_zalo}" if self.admissions_zalo else ""

    @property
    def facility_list(self):
        return [line.strip(" -•\t") for line in self.facilities.splitlines() if line.strip(" -•")]


class PartnerEnterprise(Orderable):
    page = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("tên doanh nghiệp"), max_length=250)
    website = models.URLField(_("trang web"), blank=True)
    cooperation = models.CharField(
        _("hợp tác"),
        max_length=250,
        blank=True,
        help_text=_("Ví dụ: nhận thực tập, tuyển dụng sau tốt nghiệp, đặt hàng đào tạo."),
    )

    panels = [FieldPanel("name"), FieldPanel("website"), FieldPanel("cooperation")]

    class Meta(Orderable.Meta):
        verbose_name = _("doanh nghiệp liên kết")
        verbose_name_plural = _("doanh nghiệp liên kết")

    def __str__(self):
        return self.name


class Partnership(Orderable):
    """A school's partnership with an enterprise of the directory: one row, shown on both pages."""

    page = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="partnerships")
    enterprise = models.ForeignKey(
        "careers.EnterprisePage",
        verbose_name=_("doanh nghiệp"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    apprenticeship = models.BooleanField(_("học nghề tại doanh nghiệp"), default=False)
    internship = models.BooleanField(_("nhận thực tập"), default=False)
    hires_graduates = models.BooleanField(_("tuyển dụng sau tốt nghiệp"), default=False)
    worker_day = models.BooleanField(_("“Một ngày làm công nhân”"), default=False)
    co_designed = models.BooleanField(_("cùng xây dựng chương trình đào tạo"), default=False)
    since_year = models.PositiveSmallIntegerField(
        _("hợp tác từ năm"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)],
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    KINDS = ("apprenticeship", "internship", "hires_graduates", "worker_day", "co_designed")

    panels = [
        FieldPanel("enterprise"),
        FieldRowPanel([FieldPanel(name) for name in KINDS[:3]]),
        FieldRowPanel([FieldPanel(name) for name in KINDS[3:]]),
        FieldRowPanel([FieldPanel("since_year"), FieldPanel("note")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("liên kết doanh nghiệp")
        verbose_name_plural = _("liên kết doanh nghiệp")

    def __str__(self):
        return f"{self.page} – {self.enterprise}"

    def clean(self):
        super().clean()
        if not any(getattr(self, name) for name in self.KINDS):
            raise ValidationError({"apprenticeship": _("Chọn ít nhất một hình thức hợp tác.")})

    @property
    def kind_labels(self):
        """The kinds of cooperation, as the pages list them."""
        return [
            self._meta.get_field(name).verbose_name for name in self.KINDS if getattr(self, name)
        ]


class LocalizedDecimalField(models.DecimalField):
    """A decimal the admin reads and writes the Vietnamese way: “91,5”."""

    def formfield(self, **kwargs):
        kwargs.setdefault("localize", True)
        return super().formfield(**kwargs)

    def deconstruct(self):
        # The same column as a DecimalField: migrations name Django's class, not this module.
        name, path, args, kwargs = super().deconstruct()
        return name, "django.db.models.DecimalField", args, kwargs


class GraduateOutcome(Orderable):
    """Share of graduates in work some months after graduating, from one survey."""

    year = models.PositiveSmallIntegerField(
        _("năm tốt nghiệp"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    rate = LocalizedDecimalField(
        _("tỉ lệ có việc làm (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    surveyed = models.PositiveIntegerField(_("số người được khảo sát"), null=True, blank=True)
    survey_date = models.DateField(_("ngày khảo sát"))
    status = models.CharField(
        _("nguồn"),
        max_length=12,
        choices=OutcomeStatus.choices,
        default=OutcomeStatus.SELF_REPORTED,
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("rate"), FieldPanel("surveyed")]),
        FieldRowPanel([FieldPanel("survey_date"), FieldPanel("status")]),
    ]

    class Meta(Orderable.Meta):
        abstract = True

    def __str__(self):
        return f"{self.year}: {self.rate}%"


class InstitutionOutcome(GraduateOutcome):
    page = ParentalKey(InstitutionPage, on_delete=models.CASCADE, related_name="outcomes")

    class Meta(GraduateOutcome.Meta):
        verbose_name = _("tỉ lệ có việc làm")
        verbose_name_plural = _("tỉ lệ có việc làm")


class ProgramPageQuerySet(PageQuerySet):
    def with_institutions(self):
        """These programmes as a list, each with its ``institution`` (one query for all of
        them). The occupation page calls it on its reverse relation ``programmes``."""
        programmes = list(self)
        parents = {programme.path[: -InstitutionPage.steplen] for programme in programmes}
        institutions = {
            institution.path: institution
            for institution in InstitutionPage.objects.filter(path__in=parents).select_related(
                "province"
            )
        }
        for programme in programmes:
            programme.institution = institutions.get(programme.path[: -InstitutionPage.steplen])
        return programmes


class ProgramPage(BasePage):
    """One training programme of one institution."""

    code = models.CharField(
        _("mã ngành, nghề"),
        max_length=7,
        blank=True,
        db_index=True,
        help_text=_("7 chữ số: 5xxxxxx trung cấp, 6xxxxxx cao đẳng; sơ cấp để trống."),
    )
    level = models.CharField(_("trình độ"), max_length=10, choices=ProgrammeLevel.choices)
    summary = models.CharField(_("giới thiệu một dòng"), max_length=250, blank=True)
    training_field = models.ForeignKey(
        "careers.TrainingField",
        verbose_name=_("nhóm ngành đào tạo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programmes",
        help_text=_("Để trống: lấy theo chữ số 2–3 của mã ngành."),
    )
    occupations = ParentalManyToManyField(
        "careers.OccupationPage",
        verbose_name=_("học xong làm nghề"),
        blank=True,
        related_name="programmes",
    )
    duration_months = models.PositiveSmallIntegerField(
        _("thời gian học (tháng)"), validators=[MinValueValidator(1), MaxValueValidator(72)]
    )
    mode = models.CharField(
        _("hình thức học"), max_length=16, choices=StudyMode.choices, default=StudyMode.FULL_TIME
    )
    nine_plus = models.BooleanField(
        _("học kèm văn hóa THPT (9+)"),
        default=False,
        help_text=_("Học sinh tốt nghiệp THCS học trung cấp cùng các môn văn hóa THPT."),
    )
    entry_requirements = models.TextField(_("điều kiện vào học"), max_length=600)
    quota = models.PositiveIntegerField(
        _("chỉ tiêu tuyển sinh"), null=True, blank=True, validators=[MaxValueValidator(100_000)]
    )
    admission_start = models.DateField(_("nhận hồ sơ từ ngày"), null=True, blank=True)
    admission_end = models.DateField(_("nhận hồ sơ đến ngày"), null=True, blank=True)
    tuition = models.PositiveIntegerField(
        _("học phí (đồng)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1_000_000_000)],
        help_text=_("Chỉ ghi số, ví dụ 1200000; 0 là miễn học phí; để trống nếu chưa công bố."),
    )
    tuition_period = models.CharField(
        _("học phí tính theo"),
        max_length=8,
        choices=TuitionPeriod.choices,
        default=TuitionPeriod.MONTH,
    )
    tuition_exemptions = models.TextField(
        _("miễn, giảm học phí: ai được, bao nhiêu"), blank=True, max_length=1000
    )
    campus = models.CharField(_("nơi học"), max_length=250, blank=True)
    outcomes_text = models.TextField(_("học xong làm được gì"), blank=True, max_length=1500)
    retired = models.BooleanField(
        _("ngừng tuyển sinh"),
        default=False,
        help_text=_("Ngành không còn tuyển: trang vẫn còn nhưng không hiện trong danh sách."),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
        FieldPanel("summary"),
        FieldPanel("training_field"),
        FieldPanel("occupations", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("duration_months"), FieldPanel("mode")]),
                FieldPanel("nine_plus"),
                FieldPanel("entry_requirements"),
                FieldPanel("campus"),
            ],
            heading=_("Học thế nào"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("quota"),
                FieldRowPanel([FieldPanel("admission_start"), FieldPanel("admission_end")]),
            ],
            heading=_("Tuyển sinh"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("tuition"), FieldPanel("tuition_period")]),
                FieldPanel("tuition_exemptions"),
            ],
            heading=_("Học phí"),
        ),
        FieldPanel("outcomes_text"),
        InlinePanel("outcomes", heading=_("Tỉ lệ có việc làm sau tốt nghiệp"), label=_("năm")),
        FieldPanel("retired"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("code"),
        index.FilterField("level"),
        index.FilterField("nine_plus"),
        index.FilterField("retired"),
    ]
    api_fields = [
        APIField("code"),
        APIField("level"),
        APIField("summary"),
        APIField("duration_months"),
        APIField("mode"),
        APIField("nine_plus"),
        APIField("entry_requirements"),
        APIField("quota"),
        APIField("admission_start"),
        APIField("admission_end"),
        APIField("tuition"),
        APIField("tuition_period"),
        APIField("tuition_exemptions"),
        APIField("campus"),
        APIField("retired"),
        APIField("is_sample"),
    ]

    objects = PageManager.from_queryset(ProgramPageQuerySet)()

    serve_related = ("training_field",)
    parent_page_types = ["institutions.InstitutionPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("ngành, nghề đào tạo")
        verbose_name_plural = _("ngành, nghề đào tạo")

    def clean(self):
        super().clean()
        from careers.models import TrainingField

        errors = self.value_errors()
        if self.code and "code" not in errors:
            field_code = self.code[1:3]
            if self.training_field_id is None:
                self.training_field = TrainingField.objects.filter(code=field_code).first()
            elif self.training_field.code != field_code:
                errors["training_field"] = _(
                    "Mã ngành “%(code)s” thuộc nhóm %(field)s, không phải %(chosen)s."
                ) % {"code": self.code, "field": field_code, "chosen": self.training_field}
            parent = self.get_parent() if self.pk else None
            if parent is not None:
                twins = ProgramPage.objects.child_of(parent).filter(code=self.code)
                if twins.exclude(pk=self.pk).exists():
                    errors["code"] = _("Trường đã có ngành mã “%(code)s”.") % {"code": self.code}
        if errors:
            raise ValidationError(errors)

    def value_errors(self):
        """{field: message} for the rules between the programme's own values: the code fits
        the level, admission ends after it starts, only trung cấp is studied with 9+. No query,
        so the programme upload checks every row with them."""
        errors = {}
        self.code = (self.code or "").strip()
        problem = code_problem(self.code, self.level) if self.level else ""
        if problem:
            errors["code"] = problem
        if (
            self.admission_start
            and self.admission_end
            and self.admission_end < self.admission_start
        ):
            errors["admission_end"] = _("Ngày kết thúc nhận hồ sơ phải sau ngày bắt đầu.")
        if self.nine_plus and self.level and self.level != ProgrammeLevel.INTERMEDIATE:
            errors["nine_plus"] = _("Chỉ chương trình trung cấp học kèm văn hóa THPT (9+).")
        return errors

    def get_content_context(self, request):
        from institutions.context import programme_context

        return programme_context(self, request)

    @property
    def lead(self):
        return self.summary

    def admission_open(self, today=None):
        """Whether today falls in the admission period (both ends included)."""
        if not self.admission_start or not self.admission_end or self.retired:
            return False
        today = today or timezone.localdate()
        return self.admission_start <= today <= self.admission_end

    @property
    def is_admission_open(self):
        return self.admission_open()

    @property
    def duration_label(self):
        months = self.duration_months
        if months and months % 12 == 0:
            return _("%(years)s năm") % {"years": months // 12}
        if months and months > 12 and months % 6 == 0:
            return _("%(years)s năm") % {"years": str(months / 12).replace(".", ",")}
        return _("%(months)s tháng") % {"months": months}


class ProgrammeOutcome(GraduateOutcome):
    page = ParentalKey(ProgramPage, on_delete=models.CASCADE, related_name="outcomes")

    class Meta(GraduateOutcome.Meta):
        verbose_name = _("tỉ lệ có việc làm")
        verbose_name_plural = _("tỉ lệ có việc làm")


class SchoolAccess(models.Model):
    """The group and image/document collection through which an institution's staff work."""

    institution = models.OneToOneField(
        InstitutionPage,
        verbose_name=_("trường, trung tâm"),
        on_delete=models.CASCADE,
        related_name="access",
    )
    group = models.OneToOneField(
        "auth.Group", on_delete=models.CASCADE, related_name="school_access"
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="school_access"
    )

    class Meta:
        verbose_name = _("quyền cán bộ trường")
        verbose_name_plural = _("quyền cán bộ trường")
        permissions = [("create_school_account", _("Tạo tài khoản cán bộ trường"))]

    def __str__(self):
        return str(self.group)
