"""Taxonomies behind occupations: training fields, ISCO-08 groups, RIASEC interest types,
economic sectors and the choice lists (training level, region, outlook)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class TrainingLevel(models.TextChoices):
    """Levels of vocational and higher education, lowest first."""

    ELEMENTARY = "so-cap", _("Sơ cấp")
    INTERMEDIATE = "trung-cap", _("Trung cấp")
    COLLEGE = "cao-dang", _("Cao đẳng")
    UNIVERSITY = "dai-hoc", _("Đại học")

    @classmethod
    def rank(cls, value):
        return list(cls.values).index(value) if value in cls.values else len(cls.values)


class Region(models.TextChoices):
    """The whole country and the six socio-economic regions used by GSO yearbooks."""

    WHOLE_COUNTRY = "ca-nuoc", _("Cả nước")
    RED_RIVER_DELTA = "dong-bang-song-hong", _("Đồng bằng sông Hồng")
    NORTHERN_MOUNTAINS = "trung-du-mien-nui-phia-bac", _("Trung du và miền núi phía Bắc")
    CENTRAL_COAST = (
        "bac-trung-bo-duyen-hai-mien-trung",
        _("Bắc Trung Bộ và duyên hải miền Trung"),
    )
    CENTRAL_HIGHLANDS = "tay-nguyen", _("Tây Nguyên")
    SOUTH_EAST = "dong-nam-bo", _("Đông Nam Bộ")
    MEKONG_DELTA = "dong-bang-song-cuu-long", _("Đồng bằng sông Cửu Long")


class Outlook(models.TextChoices):
    STRONG_GROWTH = "tang-manh", _("Nhu cầu tăng mạnh")
    GROWTH = "tang", _("Nhu cầu tăng")
    STABLE = "on-dinh", _("Nhu cầu ổn định")
    DECLINE = "giam", _("Nhu cầu giảm")


class TrainingField(index.Indexed, models.Model):
    """A level-II field (2 digits) of the national education and training classification."""

    code = models.CharField(_("mã"), max_length=2, unique=True)
    name = models.CharField(_("tên"), max_length=150)
    description = models.TextField(_("giới thiệu ngắn"), blank=True, max_length=500)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("description")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("nhóm ngành đào tạo")
        verbose_name_plural = _("nhóm ngành đào tạo")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"


class RiasecType(models.Model):
    """One of Holland's six interest types (rows made by a migration, editable)."""

    code = models.CharField(_("chữ cái"), max_length=1, unique=True)
    name = models.CharField(_("tên"), max_length=60)
    short = models.CharField(_("mô tả một dòng"), max_length=200)
    explanation = models.TextField(_("giải thích"), max_length=800)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("short"), FieldPanel("explanation")]

    class Meta:
        verbose_name = _("nhóm sở thích (RIASEC)")
        verbose_name_plural = _("nhóm sở thích (RIASEC)")
        ordering = ["sort_order"]

    def __str__(self):
        return f"{self.code} – {self.name}"


class IscoGroup(index.Indexed, models.Model):
    """An ISCO-08 group (major, sub-major, minor or unit) with its O*NET-derived interests."""

    code = models.CharField(_("mã ISCO-08"), max_length=4, unique=True)
    level = models.PositiveSmallIntegerField(_("cấp"))
    title_en = models.CharField(_("tên tiếng Anh (ILO)"), max_length=200)
    title_vi = models.CharField(_("tên tiếng Việt"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("nhóm cha"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    interest_r = models.DecimalField("R", max_digits=3, decimal_places=2, null=True, blank=True)
    interest_i = models.DecimalField("I", max_digits=3, decimal_places=2, null=True, blank=True)
    interest_a = models.DecimalField("A", max_digits=3, decimal_places=2, null=True, blank=True)
    interest_s = models.DecimalField("S", max_digits=3, decimal_places=2, null=True, blank=True)
    interest_e = models.DecimalField("E", max_digits=3, decimal_places=2, null=True, blank=True)
    interest_c = models.DecimalField("C", max_digits=3, decimal_places=2, null=True, blank=True)
    holland_code = models.CharField(_("mã Holland (O*NET)"), max_length=3, blank=True)
    job_zone = models.DecimalField(
        _("vùng công việc O*NET (1–5)"), max_digits=2, decimal_places=1, null=True, blank=True
    )
    onet_occupations = models.PositiveSmallIntegerField(
        _("số nghề O*NET được gộp"), null=True, blank=True
    )

    panels = [
        FieldRowPanel([FieldPanel("code", read_only=True), FieldPanel("level", read_only=True)]),
        FieldPanel("title_en", read_only=True),
        FieldPanel("title_vi"),
        MultiFieldPanel(
            [
                FieldPanel("holland_code", read_only=True),
                FieldPanel("job_zone", read_only=True),
            ],
            heading=_("Sở thích theo O*NET (nạp bằng manage.py import_isco)"),
        ),
    ]
    search_fields = [
        index.SearchField("code"),
        index.SearchField("title_en"),
        index.SearchField("title_vi"),
        index.AutocompleteField("title_en"),
        index.AutocompleteField("title_vi"),
    ]

    class Meta:
        verbose_name = _("nhóm nghề ISCO-08")
        verbose_name_plural = _("nhóm nghề ISCO-08")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.title_vi or self.title_en}"

    @property
    def title(self):
        """The Vietnamese name; public pages never fall back to the ILO's English title."""
        return self.title_vi or _("nhóm %(code)s (chưa có tên tiếng Việt)") % {"code": self.code}

    @property
    def interest_scores(self):
        """(letter, score) for the six types, in RIASEC order; empty when unknown."""
        scores = [
            ("R", self.interest_r),
            ("I", self.interest_i),
            ("A", self.interest_a),
            ("S", self.interest_s),
            ("E", self.interest_e),
            ("C", self.interest_c),
        ]
        return [] if self.interest_r is None else scores


class EconomicSector(models.Model):
    """A section of the Vietnamese standard industrial classification (VSIC, A–U)."""

    code = models.CharField(_("mã ngành cấp 1"), max_length=1, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    name_en = models.CharField(_("tên trong niên giám tiếng Anh"), max_length=250, blank=True)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("name_en")]

    class Meta:
        verbose_name = _("ngành kinh tế")
        verbose_name_plural = _("ngành kinh tế")
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} – {self.name}"
