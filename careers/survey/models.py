"""The aspiration survey (khảo sát nguyện vọng): general schools and their counsellors,
templates of questions, rounds and classes, answers, voids and contact requests.

Answers are anonymous: an answer holds its class, the codes chosen and a hash of the
device's random token (one answer per device per round), nothing else. Where it was given
(school, current province, legacy district, year, template) is copied onto the answer; the
results read ``SurveyCount``, the counts per scope and option kept in each answer's own
transaction, so a results page costs the same for 30 answers as for 30,000.

Contact requests are the only personal data: a parent's phone, kept with the exact consent
text the parent accepted, until the round's retention date (``expires_on``), then deleted
(``manage.py delete_expired_contact_requests``) and never shown after that date.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import StreamField

from careers.survey.blocks import QuestionsBlock
from website.models.areas import Structure, current_commune_field, current_province_field

# Letters and digits that cannot be mistaken for one another when typed from paper.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
CODE_LENGTH = 8
MAX_CLASS_SIZE = 60
MAX_RETENTION_DAYS = 366


class SchoolLevel(models.TextChoices):
    THCS = "thcs", _("Trường THCS")
    THPT = "thpt", _("Trường THPT")
    BOTH = "lien-cap", _("Trường liên cấp (THCS và THPT)")


class EducationLevel(models.TextChoices):
    """The grade that answers, with the codes the streaming figures use (THCS, THPT)."""

    THCS = "THCS", _("Lớp 9 (sau THCS)")
    THPT = "THPT", _("Lớp 12 (sau THPT)")


SCHOOL_TEACHES = {
    SchoolLevel.THCS: {EducationLevel.THCS},
    SchoolLevel.THPT: {EducationLevel.THPT},
    SchoolLevel.BOTH: {EducationLevel.THCS, EducationLevel.THPT},
}


def school_year_label(year):
    """2026 → "2025-2026": the school year that ends in ``year``."""
    return f"{year - 1}-{year}"


def new_class_code():
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class GeneralSchool(models.Model):
    """A lower- or upper-secondary school (trường THCS, THPT, liên cấp) whose students answer."""

    name = models.CharField(_("tên trường"), max_length=200)
    level = models.CharField(_("cấp"), max_length=8, choices=SchoolLevel.choices)
    province = current_province_field("general_schools")
    commune = current_commune_field("general_schools")
    district = models.ForeignKey(
        "website.District",
        verbose_name=_("quận, huyện cũ (trước 01/7/2025)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="general_schools",
        help_text=_("Để phòng GD&ĐT của quận, huyện cũ xem kết quả của trường."),
    )
    is_sample = models.BooleanField(
        _("dữ liệu mẫu"), default=False, help_text=_("Trường mẫu để minh hoạ, không có thật.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("level"),
        FieldRowPanel([FieldPanel("province"), FieldPanel("commune")]),
        FieldPanel("district"),
        FieldPanel("is_sample"),
    ]

    class Meta:
        verbose_name = _("trường phổ thông")
        verbose_name_plural = _("trường phổ thông")
        ordering = ["province", "name"]
        constraints = [
            models.UniqueConstraint(fields=["province", "name"], name="general_school_unique_name")
        ]

    def __str__(self):
        return f"{self.name} (dữ liệu mẫu)" if self.is_sample else self.name

    def clean(self):
        errors = {}
        if self.province_id and self.province.structure != Structure.CURRENT:
            errors["province"] = _("Chọn tỉnh, thành phố từ 01/7/2025.")
        if self.commune_id and self.commune.province_id != self.province_id:
            errors["commune"] = _("Xã, phường này không thuộc tỉnh đã chọn.")
        if self.district_id and self.district.province.successor_id != self.province_id:
            errors["district"] = _("Quận, huyện cũ này không thuộc tỉnh đã chọn.")
        if errors:
            raise ValidationError(errors)

    @property
    def education_levels(self):
        return SCHOOL_TEACHES[self.level]


class CounsellorMembership(models.Model):
    """A counsellor (giáo viên tư vấn) and the one general school they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="counsellor",
    )
    school = models.ForeignKey(
        GeneralSchool,
        verbose_name=_("trường"),
        on_delete=models.CASCADE,
        related_name="counsellors",
    )

    class Meta:
        verbose_name = _("giáo viên tư vấn")
        verbose_name_plural = _("giáo viên tư vấn")

    def __str__(self):
        return f"{self.user} – {self.school}"


class SurveyTemplate(models.Model):
    """A questionnaire kept by the editors, from which counsellors open rounds."""

    name = models.CharField(_("tên"), max_length=150)
    slug = models.SlugField(_("mã"), max_length=60, unique=True)
    education_level = models.CharField(
        _("học sinh trả lời"), max_length=4, choices=EducationLevel.choices
    )
    introduction = models.CharField(
        _("lời mở đầu"), max_length=400, blank=True, help_text=_("Hiện trên đầu phiếu.")
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("câu hỏi"))
    is_active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Chỉ mẫu đang dùng mới mở được đợt mới.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("education_level"),
        FieldPanel("introduction"),
        FieldPanel("questions"),
        FieldPanel("is_active"),
    ]

    class Meta:
        verbose_name = _("mẫu phiếu khảo sát")
        verbose_name_plural = _("mẫu phiếu khảo sát")
        ordering = ["education_level", "name"]

    def __str__(self):
        return self.name

    def question(self, kind):
        """The question block of ``kind`` (its value), or None."""
        return next((block.value for block in self.questions if block.block_type == kind), None)

    def vocational_routes(self):
        route = self.question("route")
        return (
            {option["code"] for option in route["options"] if option["vocational"]}
            if route
            else set()
        )


class SurveyRoundQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day)


class SurveyRound(models.Model):
    """One school's survey of one school year, from one template."""

    school = models.ForeignKey(
        GeneralSchool, verbose_name=_("trường"), on_delete=models.CASCADE, related_name="rounds"
    )
    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("mẫu phiếu"), on_delete=models.PROTECT, related_name="rounds"
    )
    year = models.PositiveSmallIntegerField(
        _("năm học kết thúc"),
        validators=[MinValueValidator(2020), MaxValueValidator(2100)],
        help_text=_("2026 cho năm học 2025-2026."),
    )
    opens_on = models.DateField(_("mở từ ngày"))
    closes_on = models.DateField(_("đóng sau ngày"))
    retention_date = models.DateField(
        _("giữ yêu cầu liên hệ đến hết ngày"),
        help_text=_("Sau ngày này, mọi yêu cầu liên hệ của đợt bị xoá khỏi cơ sở dữ liệu."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người mở"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("mở lúc"), default=timezone.now)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    objects = SurveyRoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt khảo sát")
        verbose_name_plural = _("đợt khảo sát")
        ordering = ["-year", "school__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "template", "year"], name="survey_round_unique_year"
            )
        ]

    def __str__(self):
        return f"{self.template} {self.school_year} – {self.school}"

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("Ngày đóng phải sau ngày mở.")
        if self.closes_on and self.retention_date:
            if self.retention_date < self.closes_on:
                errors["retention_date"] = _("Ngày xoá yêu cầu liên hệ phải sau ngày đóng.")
            elif self.retention_date > self.closes_on + datetime.timedelta(MAX_RETENTION_DAYS):
                errors["retention_date"] = _(
                    "Chỉ giữ yêu cầu liên hệ tối đa một năm sau ngày đóng."
                )
        if (
            self.school_id
            and self.template_id
            and self.template.education_level not in self.school.education_levels
        ):
            errors["template"] = _("Mẫu phiếu này dành cho học sinh cấp khác của trường.")
        if errors:
            raise ValidationError(errors)

    @property
    def school_year(self):
        return school_year_label(self.year)

    def is_open(self, day=None):
        day = day or timezone.localdate()
        return self.opens_on <= day <= self.closes_on


class SurveyClass(models.Model):
    """A class of a round, with its size (the cap on its answers) and its answer link code."""

    round = models.ForeignKey(
        SurveyRound, verbose_name=_("đợt"), on_delete=models.CASCADE, related_name="classes"
    )
    name = models.CharField(_("lớp"), max_length=20)
    size = models.PositiveSmallIntegerField(
        _("sĩ số"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CLASS_SIZE)]
    )
    code = models.CharField(_("mã lớp"), max_length=CODE_LENGTH, unique=True, editable=False)
    answers_count = models.PositiveSmallIntegerField(_("số phiếu"), default=0, editable=False)

    class Meta:
        verbose_name = _("lớp")
        verbose_name_plural = _("lớp")
        ordering = ["round", "name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "name"], name="survey_class_unique_name"),
            models.CheckConstraint(
                condition=models.Q(answers_count__lte=models.F("size")),
                name="survey_class_answers_within_size",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = new_class_code()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("survey_answer", args=[self.code])


class SurveyAnswer(models.Model):
    """One student's answer: anonymous; where and when it was given is copied from its class."""

    round = models.ForeignKey(SurveyRound, on_delete=models.CASCADE, related_name="answers")
    survey_class = models.ForeignKey(
        SurveyClass, verbose_name=_("lớp"), on_delete=models.CASCADE, related_name="answers"
    )
    school = models.ForeignKey(GeneralSchool, on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey("website.Province", on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        "website.District", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    template = models.ForeignKey(SurveyTemplate, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    route = models.CharField(_("con đường dự định"), max_length=30, blank=True)
    vocational = models.BooleanField(_("dự định học nghề"), null=True)
    device_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    voided = models.BooleanField(_("đã loại"), default=False)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "device_hash"], name="survey_answer_one_per_device"
            )
        ]

    def __str__(self):
        return f"#{self.pk} {self.survey_class}"


def _copied(model, **options):
    """A column copied from the answer (no index of its own: the composite ones serve)."""
    return models.ForeignKey(model, related_name="+", db_index=False, **options)


class AnswerChoice(models.Model):
    """One option chosen in an answer: the question's kind and the option's code.

    Where and when the answer was given, and whether it is voided, are copied from the answer
    (they were the columns counted before ``SurveyCount``; kept so a choice says where it was
    given without a join)."""

    answer = models.ForeignKey(SurveyAnswer, on_delete=models.CASCADE, related_name="choices")
    question = models.CharField(max_length=12)
    code = models.CharField(max_length=30)
    survey_class = _copied(SurveyClass, on_delete=models.CASCADE)
    school = _copied(GeneralSchool, on_delete=models.CASCADE)
    province = _copied("website.Province", on_delete=models.PROTECT)
    district = _copied("website.District", null=True, on_delete=models.SET_NULL)
    template = _copied(SurveyTemplate, on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField()
    voided = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("lựa chọn")
        verbose_name_plural = _("lựa chọn")

    def __str__(self):
        return f"{self.question}={self.code}"

    @classmethod
    def of(cls, answer, question, code):
        """The choice of ``answer``, with the answer's place and year copied."""
        return cls(
            answer=answer,
            question=question,
            code=str(code),
            survey_class_id=answer.survey_class_id,
            school_id=answer.school_id,
            province_id=answer.province_id,
            district_id=answer.district_id,
            template_id=answer.template_id,
            year=answer.year,
            voided=answer.voided,
        )


class AnswerVoid(models.Model):
    """The audit trail of a voided answer: who voided it, when and why; and, when the void was
    a mistake, who restored the answer and when (an answer voided again gets a new record)."""

    answer = models.ForeignKey(SurveyAnswer, on_delete=models.CASCADE, related_name="voids")
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    voided_by_name = models.CharField(_("người loại"), max_length=150)
    voided_at = models.DateTimeField(_("lúc"), default=timezone.now)
    reason = models.CharField(_("lý do"), max_length=300)
    restored_by_name = models.CharField(_("người khôi phục"), max_length=150, blank=True)
    restored_at = models.DateTimeField(_("khôi phục lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("phiếu bị loại")
        verbose_name_plural = _("phiếu bị loại")
        ordering = ["-voided_at"]

    def __str__(self):
        return f"{self.answer}: {self.reason}"


class CountKind(models.TextChoices):
    """The scope a row of ``SurveyCount`` counts: the answers of a province, of a legacy
    district, of a school or of a class."""

    PROVINCE = "p", _("tỉnh")
    DISTRICT = "d", _("quận, huyện cũ")
    SCHOOL = "s", _("trường")
    CLASS = "c", _("lớp")


# The pseudo-question of the answers themselves (beside the options chosen): all answers,
# those with a route, those with a vocational route, the sample ones.
ANSWERS = ""
ALL, WITH_ROUTE, VOCATIONAL, SAMPLE = "tong", "co-tuyen", "hoc-nghe", "mau"


class SurveyCount(models.Model):
    """How many counted (not voided) answers of one scope, template and year chose one option
    (or, for the pseudo-question ``ANSWERS``, are answers / have a route / a vocational route /
    are sample data). Kept in the answer's own transaction (``careers.survey.counts``), so the
    results read a few rows per option, whatever the number of answers.

    Every row carries where its answers were given, copied from them: the current province,
    the legacy district (0: none), and for school and class rows the school (and class). A
    district row therefore counts the answers of one district *and* province, so a scope of
    provinces and districts adds the provinces' rows to the rows of its districts outside them,
    and counts each answer once. The places are plain numbers, not foreign keys: a row
    outlives nothing — the answers it counts are subtracted before their class is deleted —
    and 0 keeps the key free of NULL, so one unique index serves ``ON CONFLICT``."""

    kind = models.CharField(max_length=1, choices=CountKind.choices)
    province_id = models.PositiveIntegerField()
    district_id = models.PositiveIntegerField(default=0)
    school_id = models.PositiveIntegerField(default=0)
    survey_class_id = models.PositiveIntegerField(default=0)
    template = models.ForeignKey(
        SurveyTemplate, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    year = models.PositiveSmallIntegerField()
    question = models.CharField(max_length=12)
    code = models.CharField(max_length=30)
    n = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số phiếu đã đếm")
        verbose_name_plural = _("số phiếu đã đếm")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "kind",
                    "province_id",
                    "district_id",
                    "school_id",
                    "survey_class_id",
                    "template",
                    "year",
                    "question",
                    "code",
                ],
                name="survey_count_key",
            )
        ]
        indexes = [
            models.Index(fields=["school_id", "template", "year"], name="survey_count_school"),
            models.Index(fields=["district_id", "template", "year"], name="survey_count_district"),
        ]

    def __str__(self):
        return f"{self.kind}:{self.question}={self.code} ({self.year}): {self.n}"


class ContactRequestQuerySet(models.QuerySet):
    def visible(self, day=None):
        """Requests whose retention date has not passed (expired ones are never shown, even
        before the deletion job has run)."""
        return self.filter(expires_on__gte=day or timezone.localdate())


class ContactRequest(models.Model):
    """A parent's consent to be called by the chosen vocational schools about one field."""

    round = models.ForeignKey(
        SurveyRound, on_delete=models.CASCADE, related_name="contact_requests"
    )
    parent_phone = models.CharField(_("số điện thoại của cha, mẹ"), max_length=12)
    field = models.ForeignKey(
        "careers.TrainingField",
        verbose_name=_("nhóm ngành"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    institutions = models.ManyToManyField(
        "institutions.InstitutionPage",
        verbose_name=_("trường được xem"),
        related_name="survey_contact_requests",
    )
    consent_text = models.TextField(_("nội dung đồng ý"))
    created_at = models.DateTimeField(_("lúc"), default=timezone.now)
    expires_on = models.DateField(_("xoá sau ngày"), db_index=True)
    withdraw_hash = models.CharField(max_length=64, unique=True)
    is_sample = models.BooleanField(_("dữ liệu mẫu"), default=False)

    objects = ContactRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("yêu cầu liên hệ")
        verbose_name_plural = _("yêu cầu liên hệ")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.field} – {self.created_at:%d/%m/%Y}"
