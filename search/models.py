"""Denormalised search rows: one row per live page of each kind, kept in sync by signals
(``search/signals.py``), so that a search never reads the pages themselves."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchRow(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=500)
    summary = models.CharField(max_length=500, blank=True)
    # The title and the other names, lower case as written, then folded (no diacritics).
    names_exact = models.TextField()
    names_folded = models.TextField()
    # Everything searchable (names, summary, body text), lower case, then folded.
    text_exact = models.TextField()
    text_folded = models.TextField()
    # PostgreSQL only: names (weight A) and text (B) through the vn_unaccent configuration.
    search_vector = SearchVectorField(null=True, editable=False)
    # Facet values as "facet=value" strings, e.g. ["field=52", "level=trung-cap"].
    facet_tokens = models.JSONField(default=list)
    # What a result card shows, prepared when the row is written.
    display = models.JSONField(default=dict)
    sort_title = models.CharField(max_length=255, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class ProgrammeSearchRow(SearchRow):
    tuition = models.PositiveIntegerField(null=True)
    duration_months = models.PositiveSmallIntegerField(null=True)
    admission_start = models.DateField(null=True)
    admission_end = models.DateField(null=True)

    class Meta:
        verbose_name = _("dòng tìm kiếm chương trình")
        verbose_name_plural = _("dòng tìm kiếm chương trình")


class OccupationSearchRow(SearchRow):
    pay_low = models.DecimalField(max_digits=5, decimal_places=1, null=True)

    class Meta:
        verbose_name = _("dòng tìm kiếm nghề")
        verbose_name_plural = _("dòng tìm kiếm nghề")


class SearchState(models.Model):
    """The version of a kind's search rows: a new random value with every write, so that each
    process knows when to reload its in-memory facet index (``search/facetindex.py``)."""

    kind = models.CharField(max_length=40, primary_key=True)
    version = models.CharField(max_length=32)
    # Counts the writes (one more with each, in commit order: a write locks this row).
    seq = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("phiên bản dòng tìm kiếm")
        verbose_name_plural = _("phiên bản dòng tìm kiếm")

    def __str__(self):
        return f"{self.kind}: {self.version}"


class SearchChange(models.Model):
    """One write to a kind's search rows: which rows changed and the facet tokens they had
    before, so that each process can update its facet index in place (``before`` is null for
    a rebuild: every row changed)."""

    kind = models.CharField(max_length=40)
    seq = models.BigIntegerField()
    version = models.CharField(max_length=32)
    before = models.JSONField(null=True)  # {"page id": [tokens] or null (no row before)}

    class Meta:
        verbose_name = _("thay đổi dòng tìm kiếm")
        verbose_name_plural = _("thay đổi dòng tìm kiếm")
        constraints = [models.UniqueConstraint(fields=["kind", "seq"], name="search_change_seq")]

    def __str__(self):
        return f"{self.kind} #{self.seq}"
