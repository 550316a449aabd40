"""The institution list at /truong/: filters by province, type, ownership and boarding (state
in the URL), paginated, in a fixed number of queries."""

from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext as _

from institutions.models import (
    InstitutionPage,
    InstitutionType,
    Ownership,
    ProgramPage,
    TargetGroup,
)
from website.listing import paginate
from website.models import Province

PER_PAGE = 12
POLICY_SCHOOLS_PER_PAGE = 10


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


def policy_listing(request):
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
