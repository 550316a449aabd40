"""The programme kind: its facets, sorts and how a ProgramPage becomes a search row."""

from django.db import connection
from django.utils.translation import gettext_lazy as _

from careers.models import OccupationPage
from institutions.models import (
    InstitutionPage,
    InstitutionType,
    Ownership,
    ProgrammeLevel,
    ProgramPage,
    TargetGroup,
    TuitionPeriod,
)
from search.kinds import NAME, RELEVANCE, Facet, Kind, Sort, register
from search.models import OccupationSearchRow, ProgrammeSearchRow
from search.occupations import field_labels, province_labels
from website.models import Commune
from website.parsing import strict_int
from website.text import fold, sort_key

YES = "co"

DURATIONS = {
    "duoi-12": _("Dưới 1 năm"),
    "12-24": _("1–2 năm"),
    "24-36": _("2–3 năm"),
    "tu-36": _("Từ 3 năm"),
}


def duration_band(months):
    if months is None:
        return ""
    if months < 12:
        return "duoi-12"
    if months < 24:
        return "12-24"
    if months < 36:
        return "24-36"
    return "tu-36"


def occupation_labels(values=None):
    """Searchable (live, public) occupations, from their search rows: one narrow table. With
    ``values`` (once per search: the 30 shown), one plain statement, no query building."""
    if values is None:
        rows = OccupationSearchRow.objects.order_by("sort_title", "page_id")
        return {str(pk): title for pk, title in rows.values_list("page_id", "title")}
    ids = [pk for pk in map(strict_int, values) if pk is not None]
    if not ids:
        return {}
    table = connection.ops.quote_name(OccupationSearchRow._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, title FROM {table} WHERE page_id IN ({', '.join(['%s'] * len(ids))}) "  # noqa: S608 - the table name is ours, ids are bound
            "ORDER BY sort_title, page_id",
            ids,
        )
        return {str(pk): title for pk, title in cursor.fetchall()}


def commune_labels(values=None):
    communes = Commune.objects.filter(structure="2025").order_by("short_name")
    if values is not None:
        communes = communes.filter(code__in=list(values))
    return {
        code: f"{name}, {province}"
        for code, name, province in communes.values_list(
            "code", "short_name", "province__short_name"
        )
    }


def yes(label):
    return lambda: {YES: label}


def institution_of(page):
    return InstitutionPage.objects.filter(path=page.path[: -page.steplen]).first()


def build_row(page, institution=None):
    institution = institution or getattr(page, "_search_institution", None) or institution_of(page)
    occupations = list(page.occupations.all())
    field = page.training_field
    names = ", ".join(filter(None, [page.title, page.code]))
    place = []
    if institution:
        place = [institution.title, institution.province.short_name if institution.province else ""]
    # What a person searching means (every typed word must be here): the names, the field,
    # the occupations, the institution's name and province — not the summary, outcomes or
    # address, whose every-day words ("tỉnh", "máy", "lập") made most rows match anything.
    text = " ".join(
        filter(
            None,
            [
                names,
                field.name if field else "",
                " ".join(o.title for o in occupations),
                " ".join(filter(None, (o.other_names for o in occupations))),
                *place,
            ],
        )
    )
    tokens = [f"level={page.level}", f"duration={duration_band(page.duration_months)}"]
    tokens += [f"occupation={o.pk}" for o in occupations]
    if field:
        tokens.append(f"field={field.code}")
    if page.nine_plus:
        tokens.append(f"nine_plus={YES}")
    if page.tuition == 0 or page.tuition_exemptions.strip():
        tokens.append(f"exempted={YES}")
    if institution:
        tokens += [
            f"institution_type={institution.institution_type}",
            f"ownership={institution.ownership}",
        ]
        if institution.province_id:
            tokens.append(f"province={institution.province.slug}")
        if institution.commune_id:
            tokens.append(f"commune={institution.commune.code}")
        if institution.boarding:
            tokens.append(f"boarding={YES}")
        if institution.policies(level=page.level, group=TargetGroup.ETHNIC_MINORITY):
            tokens.append(f"ethnic_minority={YES}")
    period = TuitionPeriod(page.tuition_period).label if page.tuition_period else ""
    return {
        "title": page.title[:255],
        "url": page.get_url() or page.url_path,
        "summary": page.summary[:500],
        "names_exact": " ".join(names.lower().split()),
        "names_folded": fold(names),
        "text_exact": " ".join(text.lower().split()),
        "text_folded": fold(text),
        "facet_tokens": sorted(set(tokens)),
        "display": {
            "institution": institution.title if institution else "",
            "province": institution.province.short_name
            if institution and institution.province_id
            else "",
            "level": str(ProgrammeLevel(page.level).label),
            "duration": str(page.duration_label),
            "tuition": page.tuition,
            "tuition_period": str(period),
            "nine_plus": page.nine_plus,
            "boarding": bool(institution and institution.boarding),
            "admission_start": page.admission_start.isoformat() if page.admission_start else None,
            "admission_end": page.admission_end.isoformat() if page.admission_end else None,
            "tuition_text": tuition_text(page.tuition, period),
            "is_sample": page.is_sample or bool(institution and institution.is_sample),
            "admission_end_text": page.admission_end.strftime("%d/%m/%Y")
            if page.admission_end
            else "",
        },
        "sort_title": sort_key(page.title),
        "tuition": page.tuition,
        "duration_months": page.duration_months,
        "admission_start": page.admission_start,
        "admission_end": page.admission_end,
    }


def tuition_text(tuition, period):
    if tuition is None:
        return ""
    if tuition == 0:
        return str(_("miễn phí"))
    return f"{tuition:,}".replace(",", ".") + f" đồng/{period}"


def prepare(pages):
    """Attach each programme's institution (one query per batch, for rebuilds)."""
    paths = {page.path[: -page.steplen] for page in pages}
    schools = InstitutionPage.objects.filter(path__in=paths).select_related("province", "commune")
    by_path = {school.path: school for school in schools}
    for page in pages:
        page._search_institution = by_path.get(page.path[: -page.steplen])


def live_pages():
    return (
        ProgramPage.objects.live()
        .filter(retired=False)
        .select_related("training_field")
        .prefetch_related("occupations")
        .order_by("pk")
    )


def dependents(page):
    """Programme rows that show something of this page: an institution's name, place, type
    and ownership; an occupation's title and other names."""
    if isinstance(page, InstitutionPage):
        return list(ProgramPage.objects.child_of(page).specific())
    if isinstance(page, OccupationPage):
        return list(ProgramPage.objects.live().filter(occupations=page).specific())
    return []


PROGRAMMES = register(
    Kind(
        name="programmes",
        param="chuong-trinh",
        label=_("Chương trình học"),
        noun=_("chương trình"),
        row_model=ProgrammeSearchRow,
        page_models=(ProgramPage,),
        facets=(
            Facet("level", "trinh-do", _("Trình độ"), lambda: dict(ProgrammeLevel.choices)),
            Facet("field", "nhom-nganh", _("Nhóm ngành"), field_labels),
            Facet("occupation", "nghe", _("Nghề"), occupation_labels, large=True, limit=30),
            Facet("province", "tinh", _("Tỉnh, thành phố"), province_labels),
            Facet("commune", "xa", _("Xã, phường"), commune_labels, large=True, limit=30),
            Facet(
                "institution_type",
                "loai-truong",
                _("Loại trường"),
                lambda: dict(InstitutionType.choices),
            ),
            Facet("ownership", "so-huu", _("Công lập / tư thục"), lambda: dict(Ownership.choices)),
            Facet("duration", "thoi-gian", _("Thời gian học"), lambda: dict(DURATIONS)),
            Facet("exempted", "mien-giam", _("Học phí"), yes(_("Có miễn, giảm học phí"))),
            Facet("nine_plus", "9-cong", _("Học kèm văn hóa (9+)"), yes(_("Có học kèm THPT"))),
            Facet("boarding", "ky-tuc-xa", _("Ký túc xá"), yes(_("Trường có ký túc xá"))),
            Facet(
                "ethnic_minority",
                "dan-toc-thieu-so",
                _("Học sinh dân tộc thiểu số"),
                yes(_("Chính sách cho học sinh dân tộc thiểu số")),
            ),
            Facet(
                "admission",
                "dang-tuyen",
                _("Tuyển sinh"),
                yes(_("Đang nhận hồ sơ")),
                window=("admission_start", "admission_end"),
            ),
        ),
        sorts=(
            RELEVANCE,
            NAME,
            Sort("hoc-phi", _("Học phí thấp nhất"), "tuition"),
            Sort("thoi-gian", _("Học ngắn nhất"), "duration_months"),
        ),
        build_row=build_row,
        live_pages=live_pages,
        dependents=dependents,
        dependency_models=(InstitutionPage, OccupationPage),
        prepare=prepare,
    )
)
