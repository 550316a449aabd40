"""The enterprise directory at /doanh-nghiep/ and what an enterprise page shows beyond its own
fields, each in a fixed number of queries whatever the number of enterprises, partners,
occupations or hiring needs; and the enterprise's schema.org description (JSON-LD).

Partner schools and events are read through reverse relations (``partnerships``,
``event_participations``): careers never imports institutions or the site's pages."""

from django.utils.translation import gettext as _

from careers.models import EconomicSector, EnterprisePage, SizeBand
from careers.text import fold
from website.listing import paginate
from website.models import Province

PER_PAGE = 12
MAX_QUERY_LENGTH = 100
MAX_HIRING = 20
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
        "enterprises_page": paginate(enterprises, request, "trang", PER_PAGE),
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
            )[:MAX_HIRING]
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
