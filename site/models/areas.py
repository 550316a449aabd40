"""Administrative units of Viet Nam, before and after the reform of 1 July 2025.

Two structures live side by side so that plans and statistics published for the old
districts (2019–2025) and for the new provinces and communes (from July 2025) both display:

* ``CURRENT`` — 34 provinces and their communes, in force since 1 July 2025;
* ``LEGACY`` — 63 provinces, their districts and communes, in force until 30 June 2025.

``CommuneSuccession`` maps every legacy commune to the current commune(s) that took it over.
The data comes from the PyPI package ``vietnamadminunits`` (MIT), loaded by
``manage.py load_admin_units``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from website.text import fold


def search_name(name, short_name):
    """What the admin's area choosers search: the name folded, "Phường Cầu Giấy" → "phuong
    cau giay", so that "cau giay" and "Cầu Giấy" both find it."""
    return fold(name if fold(short_name) in fold(name) else f"{name} {short_name}")


class SearchNameMixin:
    def save(self, *args, **kwargs):
        self.search_name = search_name(self.name, self.short_name)
        super().save(*args, **kwargs)


class Structure(models.TextChoices):
    CURRENT = "2025", _("Từ 01/7/2025 (34 tỉnh, thành phố)")
    LEGACY = "2019", _("Trước 01/7/2025 (63 tỉnh, thành phố)")


def current_province_field(related_name):
    """A place's province, among the 34 in force since 1 July 2025 (a required link)."""
    return models.ForeignKey(
        "website.Province",
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"structure": Structure.CURRENT},
    )


def current_commune_field(related_name):
    """A place's commune, among those in force since 1 July 2025 (optional)."""
    return models.ForeignKey(
        "website.Commune",
        verbose_name=_("xã, phường"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name=related_name,
        limit_choices_to={"structure": Structure.CURRENT},
    )


class ProvinceQuerySet(models.QuerySet):
    def current(self):
        return self.filter(structure=Structure.CURRENT)

    def legacy(self):
        return self.filter(structure=Structure.LEGACY)


class Province(SearchNameMixin, models.Model):
    structure = models.CharField(_("hệ thống đơn vị"), max_length=4, choices=Structure.choices)
    code = models.CharField(_("mã"), max_length=2)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    search_name = models.CharField(
        _("tên không dấu (để tìm)"), max_length=210, editable=False, default=""
    )
    slug = models.SlugField(_("đường dẫn"), max_length=100)
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("tỉnh mới (từ 01/7/2025)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
        limit_choices_to={"structure": Structure.CURRENT},
    )

    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("tỉnh, thành phố")
        verbose_name_plural = _("tỉnh, thành phố")
        ordering = ["structure", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "code"], name="province_unique_code"),
            models.UniqueConstraint(fields=["structure", "slug"], name="province_unique_slug"),
        ]

    def __str__(self):
        return self.name


class District(SearchNameMixin, models.Model):
    """A district (quận, huyện, thị xã, thành phố thuộc tỉnh) of the legacy structure."""

    code = models.CharField(_("mã"), max_length=3, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    search_name = models.CharField(
        _("tên không dấu (để tìm)"), max_length=210, editable=False, default=""
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.CASCADE,
        related_name="districts",
    )

    class Meta:
        verbose_name = _("quận, huyện (trước 01/7/2025)")
        verbose_name_plural = _("quận, huyện (trước 01/7/2025)")
        ordering = ["province", "short_name"]

    def __str__(self):
        return f"{self.name}, {self.province.short_name}"


class Commune(SearchNameMixin, models.Model):
    """A commune-level unit (xã, phường, thị trấn, đặc khu) of either structure."""

    structure = models.CharField(_("hệ thống đơn vị"), max_length=4, choices=Structure.choices)
    code = models.CharField(_("mã"), max_length=5)
    name = models.CharField(_("tên"), max_length=100)
    short_name = models.CharField(_("tên ngắn"), max_length=100)
    search_name = models.CharField(
        _("tên không dấu (để tìm)"), max_length=210, editable=False, default=""
    )
    province = models.ForeignKey(
        Province,
        verbose_name=_("tỉnh, thành phố"),
        on_delete=models.CASCADE,
        related_name="communes",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("quận, huyện"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="communes",
    )
    latitude = models.FloatField(_("vĩ độ"), null=True, blank=True)
    longitude = models.FloatField(_("kinh độ"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("xã, phường mới"),
        through="CommuneSuccession",
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )

    class Meta:
        verbose_name = _("xã, phường")
        verbose_name_plural = _("xã, phường")
        ordering = ["province", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["structure", "code"], name="commune_unique_code"),
        ]

    def __str__(self):
        return f"{self.name}, {self.province.short_name}"


class CommuneSuccession(models.Model):
    """A legacy commune (or part of it) taken over by a current commune."""

    legacy = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="successions_as_legacy"
    )
    current = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="successions_as_current"
    )
    is_main = models.BooleanField(
        _("phần chính"),
        default=True,
        help_text=_("Khi xã cũ được chia cho nhiều xã mới: xã mới nhận phần chính."),
    )

    class Meta:
        verbose_name = _("sáp nhập xã, phường")
        verbose_name_plural = _("sáp nhập xã, phường")
        constraints = [
            models.UniqueConstraint(fields=["legacy", "current"], name="succession_unique_pair"),
        ]

    def __str__(self):
        return f"{self.legacy} → {self.current}"
