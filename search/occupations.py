"""The occupation kind: its facets, sorts and how an OccupationPage becomes a search row."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from careers.models import OccupationPage, Outlook, RiasecType, TrainingField, TrainingLevel
from institutions.models import InstitutionPage, ProgramPage
from search.kinds import NAME, RELEVANCE, Facet, Kind, Sort, register
from search.models import OccupationSearchRow, ProgrammeSearchRow
from website.models import Province
from website.text import fold, sort_key

PAY_BANDS = {
    "duoi-7": _("Dưới 7 triệu/tháng"),
    "7-10": _("7–10 triệu/tháng"),
    "10-15": _("10–15 triệu/tháng"),
    "tu-15": _("Từ 15 triệu/tháng"),
}


def field_labels():
    return dict(TrainingField.objects.values_list("code", "name"))


def riasec_labels():
    return {
        code: f"{code} – {name}" for code, name in RiasecType.objects.values_list("code", "name")
    }


def province_labels():
    return dict(Province.objects.current().values_list("slug", "short_name"))


def training_provinces(page):
    """Current provinces with a live, open programme that trains for the occupation."""
    paths = ProgramPage.objects.live().filter(occupations=page, retired=False)
    parents = {path[: -page.steplen] for path in paths.values_list("path", flat=True)}
    if not parents:
        return []
    slugs = InstitutionPage.objects.filter(path__in=parents).values_list(
        "province__slug", flat=True
    )
    return sorted({slug for slug in slugs if slug})


def _lower(text):
    return " ".join(str(text).lower().split())


def build_row(page):
    names = ", ".join(filter(None, [page.title, page.other_names]))
    field = page.training_field
    # What a person searching means (every typed word must be here): the title, the other
    # names and the field — not the summary, skills or tasks, whose every-day words matched
    # "o to" in fifteen occupations.
    text = " ".join(filter(None, [names, field.name if field else ""]))
    levels = page.training_levels
    tokens = [f"level={level}" for level in levels]
    tokens += [f"riasec={letter}" for letter in page.riasec_letters]
    if field:
        tokens.append(f"field={field.code}")
    if page.outlook and page.outlook_shown:  # a claim with no source is not a fact to filter on
        tokens.append(f"outlook={page.outlook}")
    if page.pay_band:
        tokens.append(f"pay={page.pay_band}")
    tokens += [f"province={slug}" for slug in training_provinces(page)]
    pay_low, pay_high = page.pay_low, page.pay_high
    return {
        "title": page.title[:255],
        "url": page.get_url() or page.url_path,
        "summary": page.summary[:500],
        "names_exact": _lower(names),
        "names_folded": fold(names),
        "text_exact": _lower(text),
        "text_folded": fold(text),
        "facet_tokens": sorted(set(tokens)),
        "display": {
            "levels": [str(TrainingLevel(level).label) for level in levels],
            "field": field.name if field else "",
            "riasec": page.interest_code,
            "outlook": str(Outlook(page.outlook).label)
            if page.outlook and page.outlook_shown
            else "",
            "outlook_is_sample": page.outlook_is_sample,
            "pay_low": float(pay_low) if pay_low is not None else None,
            "pay_high": float(pay_high) if pay_high is not None else None,
            "pay_is_sample": page.pay_is_sample,
        },
        "sort_title": sort_key(page.title),
        "pay_low": pay_low,
    }


def live_pages():
    return (
        OccupationPage.objects.live()
        .select_related("training_field", "isco_group")
        .prefetch_related("routes")
        .order_by("pk")
    )


def dependents(page):
    """Occupation rows that show something of this page: the provinces where it is trained
    (a programme's occupations; the occupations of an institution's programmes)."""
    if isinstance(page, ProgramPage):
        # Those it trains for now, and those its row named before (a link just removed).
        tokens = ProgrammeSearchRow.objects.filter(page_id=page.pk).values_list(
            "facet_tokens", flat=True
        )
        before = [
            int(value)
            for token in (tokens.first() or [])
            if token.startswith("occupation=") and (value := token.partition("=")[2]).isdigit()
        ]
        found = OccupationPage.objects.filter(Q(programmes=page) | Q(pk__in=before))
        return list(found.distinct())
    if isinstance(page, InstitutionPage):
        programmes = ProgramPage.objects.child_of(page)
        return list(OccupationPage.objects.filter(programmes__in=programmes).distinct())
    return []


OCCUPATIONS = register(
    Kind(
        name="occupations",
        param="nghe",
        label=_("Nghề"),
        noun=_("nghề"),
        row_model=OccupationSearchRow,
        page_models=(OccupationPage,),
        facets=(
            Facet("field", "nhom-nganh", _("Nhóm ngành"), field_labels),
            Facet("level", "trinh-do", _("Trình độ đào tạo"), lambda: dict(TrainingLevel.choices)),
            Facet("riasec", "so-thich", _("Sở thích (RIASEC)"), riasec_labels),
            Facet("outlook", "trien-vong", _("Triển vọng"), lambda: dict(Outlook.choices)),
            Facet("pay", "thu-nhap", _("Thu nhập khởi điểm"), lambda: dict(PAY_BANDS)),
            Facet("province", "tinh", _("Tỉnh có nơi đào tạo"), province_labels),
        ),
        sorts=(RELEVANCE, NAME, Sort("thu-nhap", _("Thu nhập cao nhất"), "pay_low", True)),
        build_row=build_row,
        live_pages=live_pages,
        dependents=dependents,
        dependency_models=(InstitutionPage, ProgramPage),
    )
)
