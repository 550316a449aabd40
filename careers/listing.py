"""The occupation list: filters by field, interest type, level and first letter (state in
the URL), paginated."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.utils.translation import gettext as _

from careers.models import OccupationPage, RiasecType, TrainingField, TrainingLevel
from website.text import VIETNAMESE_ALPHABET

PER_PAGE = 24


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
