"""What an occupation page shows beyond its own fields, in a fixed number of queries
whatever the number of routes, related occupations, figures or hiring needs."""

from django.apps import apps
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from careers.models import EnterprisePage, HiringNeed, IscoGroup, LabourFigure, RiasecType
from careers.models.labour import latest_per

MAX_FIGURES = 60
MAX_HIRING = 10
MAX_HIRING_AREAS = 20
MAX_ENTERPRISES = 20


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
    """Programmes that train for this occupation, by relation (institutions app, later).

    Contract for the institutions issue: ProgramPage gets a many-to-many ``occupations``
    to OccupationPage with ``related_name="programmes"``.
    """
    if page.pk is None or not apps.is_installed("institutions") or not hasattr(page, "programmes"):
        return []
    from institutions.context import with_institutions

    return with_institutions(page.programmes.live().filter(retired=False).order_by("title")[:50])
