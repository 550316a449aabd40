"""What the occupation pages show beyond their own fields, each in a fixed number of queries:
the occupation page (routes, related occupations, figures, hiring needs, whatever their
number) and the occupation list (filters by field, interest type, level and first letter,
state in the URL, paginated); the enterprise directory (search without diacritics, province
and sector filters, paginated) and the enterprise page with its JSON-LD ``Organization``."""

from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from careers.models import (
    EconomicSector,
    EnterprisePage,
    HiringNeed,
    IscoGroup,
    LabourFigure,
    OccupationPage,
    RiasecType,
    SizeBand,
    TrainingField,
    TrainingLevel,
)
from careers.models.labour import latest_per
from website.models import Province
from website.pagination import paginate
from website.text import VIETNAMESE_ALPHABET, fold

MAX_FIGURES = 60
MAX_HIRING = 10
MAX_HIRING_AREAS = 20
MAX_ENTERPRISES = 20
PER_PAGE = 24


def occupation_context(page):
    letters = page.riasec_letters
    riasec = {t.code: t for t in RiasecType.objects.filter(code__in=letters)}
    isco_chain = []
    major_figure = None
    if page.isco_group_id:
        code = page.isco_group.code
        prefixes = [code[:length] for length in range(1, len(code) + 1)]
        isco_chain = list(IscoGroup.objects.filter(code__in=prefixes).order_by("level"))
        major_figure = (
            LabourFigure.objects.with_related()
            .filter(
                indicator__slug="lao-dong-co-viec-lam", isco_group__code=code[:1], region="ca-nuoc"
            )
            .order_by("-period")
            .first()
        )
    routes = list(page.routes.all())
    if page.pk is None:  # a preview of a page not saved yet: nothing can refer to it
        hiring = HiringNeed.objects.none()
        figures = LabourFigure.objects.none()
    else:
        hiring = HiringNeed.objects.filter(occupation=page)
        figures = LabourFigure.objects.filter(occupation=page)
    return {
        "routes": routes,
        "real_income": real_income(page, {route.level for route in routes}),
        "riasec_types": [riasec[letter] for letter in letters if letter in riasec],
        "related": [
            occupation
            for occupation in page.related_occupations.all().order_by("sort_title")
            if occupation.live
        ],
        "isco_chain": isco_chain,
        "isco_unit": isco_chain[-1] if isco_chain else None,
        "major_group_figure": major_figure,
        "figure_groups": group_figures(
            figures.with_related().order_by(
                "indicator__sort_order", "indicator", "-period", "region", "province__name"
            )[:MAX_FIGURES]
        ),
        "hiring_needs": list(
            hiring.select_related("province", "occupation", "employer").order_by(
                "-period_start", "pk"
            )[:MAX_HIRING]
        ),
        "hiring_by_area": list(
            hiring.values("province__short_name")
            .annotate(
                workers=Sum("workers"),
                postings=Count("pk"),
                samples=Count("pk", filter=Q(is_sample=True)),
            )
            .order_by("-workers", "province__short_name")[:MAX_HIRING_AREAS]
        ),
        "programmes": training_programmes(page),
        "enterprises": list(
            EnterprisePage.objects.none()
            if page.pk is None
            else page.enterprises.live()
            .select_related("province")
            .order_by("title", "pk")[:MAX_ENTERPRISES]
        ),
    }


INCOME_ALL_EMPLOYED = "thu-nhap-binh-quan-lao-dong"
INCOME_WAGE_WORKERS = "thu-nhap-binh-quan-lao-dong-lam-cong"
# A route's training level → the qualification group of the wage-worker income series.
QUALIFICATION_GROUPS = {
    "so-cap": "Sơ cấp",
    "trung-cap": "Trung cấp",
    "cao-dang": "Cao đẳng",
    "dai-hoc": "Đại học trở lên",
}


def real_income(page, levels):
    """Official average incomes to read beside the sample pay, one query: the national
    averages of all employed and of wage workers, and, where published, the wage-worker
    average of the occupation's ISCO-08 major group and of the qualifications its routes lead
    to. The latest figure of each (a year before a quarter ending the same day)."""
    groups = [
        QUALIFICATION_GROUPS[level] for level in sorted(levels) if level in QUALIFICATION_GROUPS
    ]
    major = page.isco_group.code[:1] if page.isco_group_id else None
    subject = Q(isco_group=None, breakdown__in=["", *groups])
    if major:
        subject |= Q(isco_group__code=major, breakdown="")
    figures = (
        LabourFigure.objects.with_related()
        .national()
        .filter(subject, indicator__slug__in=[INCOME_ALL_EMPLOYED, INCOME_WAGE_WORKERS])
    )
    latest = latest_per(figures, lambda f: (f.indicator.slug, f.isco_group_id, f.breakdown))
    rows = []
    for (_slug, isco, breakdown), figure in sorted(latest.items(), key=_income_order):
        if isco:
            label = _("Lao động làm công trong nhóm nghề “%(group)s”") % {
                "group": figure.isco_group.title
            }
        elif breakdown:
            label = _("Lao động làm công có trình độ %(level)s") % {"level": breakdown}
        else:
            label = figure.indicator.name + _(", cả nước")
        rows.append({"label": label, "figure": figure})
    return rows


def _income_order(item):
    (slug, isco, breakdown), _figure = item
    return (slug != INCOME_ALL_EMPLOYED, bool(isco), bool(breakdown), breakdown)


def group_figures(figures):
    """Figures by indicator, each group with the distinct sources (and dates) behind it."""
    groups = {}
    for figure in figures:
        group = groups.setdefault(
            figure.indicator_id, {"indicator": figure.indicator, "figures": [], "sources": {}}
        )
        group["figures"].append(figure)
        key = (figure.source, figure.reference_date, figure.is_preliminary, figure.is_sample)
        group["sources"][key] = {
            "source": figure.source,
            "date": figure.reference_date,
            "preliminary": figure.is_preliminary,
            "sample": figure.is_sample,
        }
    return [{**group, "sources": list(group["sources"].values())} for group in groups.values()]


def training_programmes(page):
    """The live programmes that train for this occupation, each with its ``institution``.

    Read through the reverse relation ``programmes`` that a programme's ``occupations`` gives
    the occupation (institutions app): occupations know nothing of schools.
    """
    if page.pk is None or not hasattr(page, "programmes"):
        return []
    return page.programmes.live().filter(retired=False).order_by("title")[:50].with_institutions()


def occupation_listing(index_page, request):
    all_live = OccupationPage.objects.live().child_of(index_page)
    occupations = (
        all_live.select_related("training_field", "isco_group")
        .prefetch_related("routes")
        .order_by("sort_title", "pk")
    )
    errors = []
    selected = {"field": None, "riasec": None, "level": None, "letter": ""}

    code = request.GET.get("nhom-nganh")
    if code:
        selected["field"] = TrainingField.objects.filter(code=code).first()
        if selected["field"]:
            occupations = occupations.filter(training_field=selected["field"])
        else:
            errors.append(
                _("Không có nhóm ngành “%(value)s”: đang hiện mọi nghề.") % {"value": code}
            )

    letter = (request.GET.get("so-thich") or "").upper()
    if letter:
        selected["riasec"] = RiasecType.objects.filter(code=letter).first()
        if selected["riasec"]:
            occupations = occupations.filter(
                Q(riasec_code__contains=letter)
                | Q(riasec_code="", isco_group__holland_code__contains=letter)
            )
        else:
            errors.append(_("Không có nhóm sở thích “%(value)s”.") % {"value": letter})

    level = request.GET.get("trinh-do")
    if level:
        if level in TrainingLevel.values:
            selected["level"] = TrainingLevel(level)
            matching = OccupationPage.objects.filter(routes__level=level).values("pk")
            occupations = occupations.filter(pk__in=matching)
        else:
            errors.append(_("Không có trình độ “%(value)s”.") % {"value": level})

    initial = (request.GET.get("chu") or "").upper()
    if initial:
        if initial in VIETNAMESE_ALPHABET or initial == "#":
            selected["letter"] = initial
            occupations = occupations.filter(initial=initial)
        else:
            errors.append(_("“%(value)s” không phải là một chữ cái.") % {"value": initial})

    used_letters = set(all_live.values_list("initial", flat=True).distinct())
    letters = [(char, char in used_letters) for char in VIETNAMESE_ALPHABET]
    page_obj = Paginator(occupations, PER_PAGE).get_page(request.GET.get("trang"))
    return {
        "occupations_page": page_obj,
        "training_fields": TrainingField.objects.filter(
            occupations__in=all_live.values("pk")
        ).distinct(),
        "riasec_types": RiasecType.objects.all(),
        "levels": TrainingLevel.choices,
        "letters": letters,
        "selected": selected,
        "filtered": any(selected.values()),
        "filter_errors": errors,
    }


# The enterprise directory ------------------------------------------------------------
# Partner schools and events are read through reverse relations (``partnerships``,
# ``event_participations``): careers never imports institutions or the site's pages.

ENTERPRISES_PER_PAGE = 12
MAX_QUERY_LENGTH = 100
MAX_ENTERPRISE_HIRING = 20
MAX_EVENTS = 10

# schema.org numberOfEmployees for each size band: (minimum, maximum or None).
EMPLOYEES = {
    SizeBand.UNDER_10: (1, 9),
    SizeBand.FROM_10: (10, 49),
    SizeBand.FROM_50: (50, 199),
    SizeBand.FROM_200: (200, 999),
    SizeBand.FROM_1000: (1000, None),
}


def enterprise_listing(index_page, request):
    every = EnterprisePage.objects.live().public().child_of(index_page)
    enterprises = every
    errors = []
    selected = {"query": "", "province": None, "sector": None}

    query = (request.GET.get("q") or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        errors.append(
            _("Từ khóa dài quá %(max)s ký tự; chỉ dùng phần đầu.") % {"max": MAX_QUERY_LENGTH}
        )
        query = query[:MAX_QUERY_LENGTH]
    if query:
        selected["query"] = query
        for word in fold(query).split():
            enterprises = enterprises.filter(search_text__contains=word)

    slug = request.GET.get("tinh")
    if slug:
        selected["province"] = Province.objects.current().filter(slug=slug).first()
        if selected["province"]:
            enterprises = enterprises.filter(province=selected["province"])
        else:
            errors.append(_("Không có tỉnh, thành phố “%(value)s”.") % {"value": slug})

    code = request.GET.get("nganh")
    if code:
        selected["sector"] = EconomicSector.objects.filter(code=code.upper()[:1]).first()
        if selected["sector"] and len(code) == 1:
            enterprises = enterprises.filter(sector=selected["sector"])
        else:
            selected["sector"] = None
            errors.append(_("Không có ngành kinh tế “%(value)s”.") % {"value": code})

    enterprises = enterprises.select_related("sector", "province", "commune").order_by(
        "title", "pk"
    )
    return {
        "enterprises_page": paginate(enterprises, request, "trang", ENTERPRISES_PER_PAGE),
        "provinces": Province.objects.filter(enterprises__in=every)
        .distinct()
        .order_by("short_name"),
        "sectors": EconomicSector.objects.filter(enterprises__in=every).distinct().order_by("code"),
        "selected": selected,
        "filtered": any(selected.values()),
        "filter_errors": errors,
    }


def enterprise_context(page, request):
    if page.pk is None:  # a preview of a page not saved yet: nothing refers to it
        return {
            "partnerships": [],
            "occupations": [o for o in page.occupations.all() if o.live],
            "hiring_needs": [],
            "events": [],
            "json_ld": enterprise_json_ld(page, request),
        }
    partnerships = list(
        page.partnerships.filter(page__live=True)
        .select_related("page", "page__province")
        .order_by("page__title", "pk")
    )
    return {
        "partnerships": partnerships,
        "occupations": list(page.occupations.live().order_by("sort_title", "pk")),
        "hiring_needs": list(
            page.hiring_needs.select_related("province", "occupation").order_by(
                "-period_start", "pk"
            )[:MAX_ENTERPRISE_HIRING]
        ),
        "events": list(
            page.event_participations.filter(page__live=True)
            .select_related("page", "page__province")
            .order_by("-page__start")[:MAX_EVENTS]
        ),
        "json_ld": enterprise_json_ld(page, request),
    }


def enterprise_json_ld(page, request):
    """schema.org ``Organization``: name, address, public contacts, sector and size."""
    data = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": page.title,
        "url": page.get_full_url(request) if page.pk else None,
        "description": page.summary or None,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.address or None,
            "addressLocality": page.commune.name if page.commune_id else None,
            "addressRegion": page.province.name if page.province_id else None,
            "addressCountry": "VN",
        },
        "telephone": page.phone or None,
        "email": page.email or None,
        "sameAs": page.website or None,
        "knowsAbout": page.sector.name if page.sector_id else None,
    }
    if page.size_band in EMPLOYEES:
        low, high = EMPLOYEES[page.size_band]
        data["numberOfEmployees"] = _clean(
            {"@type": "QuantitativeValue", "minValue": low, "maxValue": high}
        )
    data["address"] = _clean(data["address"])
    return _clean(data)


def _clean(data):
    """Drop the keys without a value (schema.org readers prefer absent to null)."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}
