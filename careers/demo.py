"""Demo content for `make run`: the occupation list, 40+ occupations, the labour-market page,
the real GSO 2016 tables and sample hiring needs. Idempotent: a second run creates nothing.

The texts live in careers/demo_content.py; pay and hiring figures there are sample data.
"""

import datetime

from django.db import transaction

from careers import demo_content as content
from careers.gso import import_gso_yearbook
from careers.importers import (
    SERIES_COLUMNS,
    ImportResult,
    import_isco,
    import_series,
    import_series_rows,
    import_training_fields,
)
from careers.lfs import SERIES_FILE
from careers.models import (
    HiringNeed,
    IscoGroup,
    LabourMarketPage,
    OccupationIndexPage,
    OccupationPage,
    OccupationRoute,
    TrainingField,
)
from careers.text import fold
from website.models.areas import Province, Structure


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message if message.endswith("\n") else message + "\n")


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _text_stream(items):
    return [("list", list(items))]


def _paragraphs(text):
    return [("paragraph", f"<p>{part}</p>") for part in text.split("\n\n") if part.strip()]


def ensure_index_pages(home_page):
    index = OccupationIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = _publish(
            home_page,
            OccupationIndexPage(
                title="Nghề nghiệp",
                slug="nghe-nghiep",
                intro=content.INDEX_INTRO,
                show_in_menus=True,
            ),
        )
    market = LabourMarketPage.objects.child_of(home_page).first()
    if market is None:
        market = _publish(
            home_page,
            LabourMarketPage(
                title="Thị trường lao động",
                slug="thi-truong-lao-dong",
                intro=content.MARKET_INTRO,
                show_in_menus=True,
            ),
        )
    return index, market


def _occupation(data, fields, isco):
    return OccupationPage(
        title=data["title"],
        slug=data["slug"],
        other_names=data.get("other_names", ""),
        summary=data["summary"],
        tasks=_text_stream(data["tasks"]),
        environment=_paragraphs(data["environment"]),
        working_hours=data["hours"],
        physical_demands=data["physical"],
        safety=data["safety"],
        riasec_explanation=data["why"],
        skills="\n".join(data["skills"]),
        further_study=data.get("further", content.FURTHER_STUDY_DEFAULT),
        pay_start_min=data["pay"][0],
        pay_start_max=data["pay"][1],
        pay_experienced_min=data["pay"][2],
        pay_experienced_max=data["pay"][3],
        pay_source=content.SAMPLE_SOURCE,
        pay_reference_date=content.SAMPLE_DATE,
        pay_is_sample=True,
        outlook=data["outlook"],
        outlook_text=data["outlook_text"],
        outlook_is_sample=True,  # invented for the demo: no source
        training_field=fields.get(data["field"]),
        isco_group=isco.get(data["isco"]),
        search_description=data["summary"],
    )


def _routes(data):
    routes = []
    for order, level in enumerate(data["levels"]):
        entry, duration, note = content.ROUTES[level]
        routes.append(
            OccupationRoute(
                level=level,
                entry=entry,
                duration=duration,
                nine_plus=level == "trung-cap" and data.get("nine_plus", False),
                description=note,
                sort_order=order,
            )
        )
    return routes


def load_occupations(index, stdout=None):
    fields = {field.code: field for field in TrainingField.objects.all()}
    isco = {group.code: group for group in IscoGroup.objects.filter(level=4)}
    existing = set(OccupationPage.objects.child_of(index).values_list("slug", flat=True))
    created = []
    for data in content.OCCUPATIONS:
        if data["slug"] in existing:
            continue
        page = _occupation(data, fields, isco)
        page.routes = _routes(data)
        created.append(_publish(index, page))
    pages = {page.slug: page for page in OccupationPage.objects.child_of(index)}
    for page in created:
        related = [
            pages[slug] for slug in content.BY_SLUG[page.slug].get("related", ()) if slug in pages
        ]
        if related:
            page.related_occupations.set(related)
            page.save_revision().publish()
    _say(stdout, f"Nghề: {len(created)} trang mới, {len(pages)} trang tất cả.")
    return pages


def load_sample_demand(pages, stdout=None):
    """Sample hiring needs by region (as figures) and postings (as HiringNeed rows)."""
    positions = {column.key: index for index, column in enumerate(SERIES_COLUMNS)}
    body = []
    for number, (slug, region, workers) in enumerate(content.DEMAND_BY_REGION, start=1):
        if slug not in pages:
            continue
        cells = {
            "indicator": "nhu-cau-lao-dong",
            "occupation": slug,
            "area": region,
            "period": content.SAMPLE_PERIOD,
            "value": workers,
            "source": content.SAMPLE_SOURCE,
            "reference_date": content.SAMPLE_DATE,
            "sample": "có",
        }
        body.append((number, [cells.get(column.key, "") for column in SERIES_COLUMNS]))
    result = import_series_rows(body, positions, ImportResult())
    _say(stdout, f"Nhu cầu theo vùng (mẫu): {result.created} mới, {result.unchanged} không đổi.")

    provinces = {
        fold(province.short_name): province
        for province in Province.objects.filter(structure=Structure.CURRENT)
    }
    if not provinces:
        _say(
            stdout,
            "Chưa có tỉnh, thành phố (manage.py load_admin_units): bỏ qua tin tuyển dụng mẫu.",
        )
        return
    created = 0
    for (
        enterprise,
        slug,
        workers,
        level,
        province,
        wage_min,
        wage_max,
        month,
    ) in content.HIRING_NEEDS:
        area = provinces.get(fold(province))
        if area is None or slug not in pages:
            continue
        start = datetime.date(2027, month, 1)
        _need, was_created = HiringNeed.objects.get_or_create(
            enterprise=enterprise,
            occupation=pages[slug],
            province=area,
            period_start=start,
            defaults={
                "workers": workers,
                "level": level,
                "period_end": start + datetime.timedelta(days=89),
                "wage_min": wage_min,
                "wage_max": wage_max,
                "source": content.SAMPLE_SOURCE,
                "reference_date": content.SAMPLE_DATE,
                "is_sample": True,
            },
        )
        created += was_created
    _say(stdout, f"Tin tuyển dụng mẫu: {created} mới.")


def load_careers_demo(home_page, stdout=None):
    """Everything the careers section needs for a demo; safe to run again."""
    with transaction.atomic():
        import_isco()  # idempotent; fills Vietnamese names an editor has not given
        import_training_fields()
        index, _market = ensure_index_pages(home_page)
        pages = load_occupations(index, stdout)
    results = import_gso_yearbook()
    with SERIES_FILE.open("rb") as handle:  # real 2019–2025 figures, in the import format
        results[SERIES_FILE.name] = import_series(handle, SERIES_FILE.name)
    for name, result in results.items():
        if result.ok:
            _say(stdout, f"{name}: {result.created} số liệu mới.")
        else:
            _say(stdout, f"{name}: không nạp được ({result.errors[0]}).")
    with transaction.atomic():
        load_sample_demand(pages, stdout)
