"""What the institution, programme and institution-list pages show beyond their own fields, each
in a fixed number of queries whatever the number of programmes, partners, outcome rows or
schools; the schema.org description (JSON-LD) for search engines; the list at /truong/ with
its filters by province, type, ownership and boarding (state in the URL), paginated."""

from itertools import groupby

from django.db.models import CharField, Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext as _

from careers.models import OccupationPage
from institutions.models import (
    InstitutionPage,
    InstitutionType,
    Ownership,
    ProgrammeLevel,
    ProgrammeOutcome,
    ProgramPage,
    TargetGroup,
    TuitionPeriod,
)
from website.models import Province
from website.pagination import paginate

LEVEL_ORDER = {value: rank for rank, value in enumerate(ProgrammeLevel.values)}
ISO_PERIOD = {
    TuitionPeriod.MONTH: "P1M",
    TuitionPeriod.SEMESTER: "P6M",
    TuitionPeriod.YEAR: "P1Y",
}
PER_PAGE = 12


def live_occupations():
    return OccupationPage.objects.live().only("title", "url_path", "slug", "path", "depth")


def institution_context(page, request):
    programmes = []
    outcomes = []
    if page.pk is not None:  # a preview of an unsaved page has no children
        programmes = list(
            ProgramPage.objects.live()
            .child_of(page)
            .filter(retired=False)
            .select_related("training_field")
            .prefetch_related(Prefetch("occupations", queryset=live_occupations()))
            .order_by("title", "pk")
        )
        # Highest level first: a college's own programmes before its shorter ones.
        programmes.sort(key=lambda programme: -LEVEL_ORDER.get(programme.level, -1))
        outcomes = list(
            ProgrammeOutcome.objects.filter(page__in=[p.pk for p in programmes])
            .select_related("page")
            .order_by("-year", "page__title", "sort_order")
        )
    by_level = [
        {"level": ProgrammeLevel(level).label, "programmes": list(items)}
        for level, items in groupby(programmes, key=lambda programme: programme.level)
    ]
    return {
        "programmes": programmes,
        "programmes_by_level": by_level,
        "institution_outcomes": sorted(page.outcomes.all(), key=lambda row: -row.year),
        "programme_outcomes": outcomes,
        "partnerships": [
            partnership
            for partnership in page.partnerships.select_related("enterprise", "enterprise__sector")
            if partnership.enterprise.live
        ],
        "partners": list(page.partners.all()),
        "json_ld": institution_json_ld(page, request, programmes),
        "next_step": next_step(page, programmes),
    }


def programme_context(page, request):
    institution = (
        InstitutionPage.objects.ancestor_of(page).select_related("province", "commune").first()
        if page.pk is not None
        else page.get_parent().specific
    )
    occupations = (
        [occupation for occupation in page.occupations.all() if occupation.live]
        if page.pk is None
        else list(live_occupations().filter(programmes=page).order_by("title"))
    )
    return {
        "institution": institution,
        "occupations": occupations,
        "outcomes": sorted(page.outcomes.all(), key=lambda row: -row.year),
        "policies": institution.policies(level=page.level) if institution else [],
        "json_ld": programme_json_ld(page, request, institution, occupations),
        "next_step": next_step(institution, [page]) if institution else None,
    }


def next_step(institution, programmes):
    """How to apply to ``institution`` (for ``programmes``): its own profile data, the
    admission period of those programmes and whether it is open today, and the fairs
    where the school will be."""
    periods = [p for p in programmes if p.admission_start and p.admission_end and not p.retired]
    return {
        "institution": institution,
        "steps": institution.apply_steps,
        "documents": institution.apply_document_list,
        "start": min((p.admission_start for p in periods), default=None),
        "end": max((p.admission_end for p in periods), default=None),
        "open_now": any(p.is_admission_open for p in periods),
        "fairs": upcoming_fairs(institution) if institution.pk else [],
    }


def upcoming_fairs(institution, limit=3):
    """Coming events that list the school among their participants (linked from the
    directory), soonest first."""
    from website.models.events import EventPage

    return list(
        EventPage.objects.live()
        .upcoming()
        .filter(participants__institution=institution)
        .select_related("province")
        .distinct()[:limit]
    )


# schema.org ---------------------------------------------------------------------------


def _absolute(request, page):
    return page.get_full_url(request)


def organisation(page, request):
    data = {
        "@type": "EducationalOrganization",
        "name": page.title,
        "url": _absolute(request, page),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.address or None,
            "addressLocality": page.commune.name if page.commune_id else None,
            "addressRegion": page.province.name,
            "addressCountry": "VN",
        },
        "telephone": page.phone or None,
        "email": page.email or None,
        "sameAs": page.website or None,
    }
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": page.latitude,
            "longitude": page.longitude,
        }
    return _clean(data)


def institution_json_ld(page, request, programmes):
    data = {"@context": "https://schema.org", **organisation(page, request)}
    data["description"] = page.summary
    if programmes:
        data["hasOfferCatalog"] = {
            "@type": "OfferCatalog",
            "name": "Ngành, nghề đào tạo",
            "itemListElement": [
                {
                    "@type": "EducationalOccupationalProgram",
                    "name": programme.title,
                    "url": programme.get_full_url(request),
                }
                for programme in programmes
            ],
        }
    return data


def programme_json_ld(page, request, institution, occupations):
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalProgram",
        "name": page.title,
        "url": _absolute(request, page) if page.pk else None,
        "description": page.summary or None,
        "programPrerequisites": page.entry_requirements or None,
        "timeToComplete": f"P{page.duration_months}M" if page.duration_months else None,
        "educationalCredentialAwarded": ProgrammeLevel(page.level).label if page.level else None,
        "identifier": page.code or None,
        "educationalProgramMode": "full-time" if page.mode == "chinh-quy" else "part-time",
        "occupationalCategory": [occupation.title for occupation in occupations] or None,
        "maximumEnrolment": page.quota,
        "applicationStartDate": page.admission_start.isoformat() if page.admission_start else None,
        "applicationDeadline": page.admission_end.isoformat() if page.admission_end else None,
        "provider": organisation(institution, request) if institution else None,
    }
    if page.tuition is not None:
        offer = {"@type": "Offer", "category": "Học phí", "price": page.tuition}
        offer["priceCurrency"] = "VND"
        if page.tuition_period in ISO_PERIOD:
            offer["priceSpecification"] = {
                "@type": "UnitPriceSpecification",
                "price": page.tuition,
                "priceCurrency": "VND",
                "billingDuration": ISO_PERIOD[page.tuition_period],
            }
        data["offers"] = offer
    return _clean(data)


def _clean(data):
    """Drop the keys without a value (schema.org readers prefer absent to null)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def live_programmes():
    return ProgramPage.objects.live().filter(retired=False)


def with_programme_count(institutions):
    """Annotate each institution with the number of its live, current programmes.

    A school's programmes are its children: one tree step past its path, between
    "<path>0000" and "<path>ZZZZ" (the interval treebeard's ``get_children`` reads). A range
    the page table's path index answers; ``path LIKE <outer path> || '%'`` cannot use the
    index and scanned every page once per listed school.
    """
    step = InstitutionPage.steplen
    counts = (
        live_programmes()
        .filter(
            depth=OuterRef("depth") + 1,
            path__range=(
                _extended_path(InstitutionPage.alphabet[0] * step),
                _extended_path(InstitutionPage.alphabet[-1] * step),
            ),
        )
        .order_by()
        .values("depth")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return institutions.annotate(programme_count=Coalesce(Subquery(counts), 0))


def _extended_path(suffix):
    return Concat(OuterRef("path"), Value(suffix), output_field=CharField())


def institution_listing(index_page, request):
    every = InstitutionPage.objects.live().child_of(index_page)
    institutions = every
    errors = []
    selected = {"province": None, "type": "", "ownership": "", "boarding": False}

    slug = request.GET.get("tinh")
    if slug:
        selected["province"] = Province.objects.current().filter(slug=slug).first()
        if selected["province"]:
            institutions = institutions.filter(province=selected["province"])
        else:
            errors.append(_("Không có tỉnh, thành phố “%(value)s”.") % {"value": slug})

    kind = request.GET.get("loai")
    if kind:
        if kind in InstitutionType.values:
            selected["type"] = kind
            institutions = institutions.filter(institution_type=kind)
        else:
            errors.append(_("Không có loại hình “%(value)s”.") % {"value": kind})

    ownership = request.GET.get("so-huu")
    if ownership:
        if ownership in Ownership.values:
            selected["ownership"] = ownership
            institutions = institutions.filter(ownership=ownership)
        else:
            errors.append(_("Không có loại “%(value)s”.") % {"value": ownership})

    if request.GET.get("ky-tuc-xa") == "co":
        selected["boarding"] = True
        institutions = institutions.filter(boarding=True)

    institutions = with_programme_count(
        institutions.select_related("province", "commune", "image").order_by("title", "pk")
    )
    return {
        "institutions_page": paginate(institutions, request, "trang", PER_PAGE),
        "provinces": Province.objects.filter(institutions__in=every)
        .distinct()
        .order_by("short_name"),
        "types": InstitutionType.choices,
        "ownerships": Ownership.choices,
        "selected": selected,
        "filtered": any(selected.values()),
        "filter_errors": errors,
    }


POLICY_SCHOOLS_PER_PAGE = 10


def policy_listing(index_page, request):
    """The schools that publish support policies, each with the policies of the chosen target
    group (``?doi-tuong=dan-toc-thieu-so``), by province; paginated by school."""
    every = InstitutionPage.objects.live().public().exclude(support_policies=[])
    schools = every
    errors = []
    selected = {"group": "", "province": None}

    group = request.GET.get("doi-tuong")
    if group:
        if group == TargetGroup.ETHNIC_MINORITY:
            selected["group"] = group
            schools = schools.filter(ethnic_minority_support=True)
        else:
            errors.append(_("Không có bộ lọc đối tượng “%(value)s”.") % {"value": group})

    slug = request.GET.get("tinh")
    if slug:
        selected["province"] = Province.objects.current().filter(slug=slug).first()
        if selected["province"]:
            schools = schools.filter(province=selected["province"])
        else:
            errors.append(_("Không có tỉnh, thành phố “%(value)s”.") % {"value": slug})

    page = paginate(
        schools.select_related("province").order_by("title", "pk"),
        request,
        "trang",
        POLICY_SCHOOLS_PER_PAGE,
    )
    for school in page:
        school.shown_policies = school.policies(group=selected["group"] or None)
    return {
        "schools_page": page,
        "provinces": Province.objects.filter(institutions__in=every)
        .distinct()
        .order_by("short_name"),
        "ethnic_minority": TargetGroup.ETHNIC_MINORITY,
        "selected": selected,
        "filtered": any(selected.values()),
        "filter_errors": errors,
    }
