"""Demo content for `make run`: the occupation list, 40+ occupations, the labour-market page,
the real GSO 2016 tables and sample hiring needs. Idempotent: a second run creates nothing.

The texts live in careers/demo_content.py; pay and hiring figures there are sample data.
"""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
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
    StatisticsIndexPage,
    StreamingDashboardPage,
    TrainingField,
)
from careers.streaming_import import load_real_figures
from careers.text import fold
from website.demo import Demo
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


STATISTICS_INTRO = (
    "Số liệu về hướng nghiệp và phân luồng học sinh do các tỉnh, huyện công bố, mỗi số liệu "
    "ghi văn bản nguồn."
)
STREAMING_INTRO = (
    "Chỉ tiêu và kết quả phân luồng học sinh sau THCS và THPT theo kế hoạch của từng tỉnh, "
    "huyện: tỷ lệ trường có chương trình hướng nghiệp, có giáo viên tư vấn, và tỷ lệ học sinh "
    "tốt nghiệp học tiếp giáo dục nghề nghiệp."
)


def ensure_statistics_pages(home_page):
    """/thong-ke/ (in the main menu) and /thong-ke/phan-luong/ under it."""
    index = StatisticsIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = _publish(
            home_page,
            StatisticsIndexPage(
                title="Thống kê", slug="thong-ke", intro=STATISTICS_INTRO, show_in_menus=True
            ),
        )
    dashboard = StreamingDashboardPage.objects.child_of(index).first()
    if dashboard is None:
        dashboard = _publish(
            index,
            StreamingDashboardPage(
                title="Chỉ tiêu phân luồng", slug="phan-luong", intro=STREAMING_INTRO
            ),
        )
    return index, dashboard


def load_streaming_demo(home_page, stdout=None):
    """The statistics pages and the real streaming figures published in the plans."""
    if not Province.objects.exists():
        _say(stdout, "Chưa có đơn vị hành chính (manage.py load_admin_units): bỏ qua phân luồng.")
        return
    ensure_statistics_pages(home_page)
    for name, result in load_real_figures().items():
        if result.ok:
            _say(stdout, f"{name}: {result.created} số liệu phân luồng mới.")
        else:
            _say(stdout, f"{name}: không nạp được ({result.errors[0]}).")


# The demo data officers: the Sở of Tây Ninh (which took over Long An on 1 July 2025) and the
# Phòng GD&ĐT of Tân An, a district of Long An before the reform.
DEMO_OFFICERS = [
    ("sotayninh", "Cán bộ Sở GD&ĐT Tây Ninh", {"province_slug": "tay-ninh"}),
    ("phongtanan", "Cán bộ Phòng GD&ĐT Tân An (Long An cũ)", {"district_code": "794"}),
]
DEMO_OFFICER_PASSWORD = "phanluong-demo"  # noqa: S105 — demo-only, printed by load_demo


def demo_data_officer_accounts():
    """Create the demo data officers' groups and accounts; returns their ``DemoAccount``s
    (empty when the administrative units are not loaded)."""
    from careers.streaming_access import ensure_officer_group, find_area
    from website.demo import DemoAccount, ensure_user

    accounts = []
    for username, name, area in DEMO_OFFICERS:
        try:
            province, district = find_area(**area)
        except ValidationError:  # administrative units not loaded
            continue
        group = ensure_officer_group(province=province, district=district)
        account = DemoAccount(
            username=username,
            password=DEMO_OFFICER_PASSWORD,
            name=name,
            role=(
                "cán bộ số liệu phân luồng cấp tỉnh (sửa, duyệt và đăng số liệu của tỉnh)"
                if province
                else "cán bộ số liệu phân luồng cấp huyện (nhập bản nháp, chờ tỉnh duyệt)"
            ),
            groups=(group.name,),
        )
        ensure_user(account)
        accounts.append(account)
    return accounts


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
    with transaction.atomic():
        load_streaming_demo(home_page, stdout)


def _load(run):
    load_careers_demo(run.home, run.stdout)
    run.accounts.extend(demo_data_officer_accounts())


CAREERS_DEMO = Demo(Path(__file__).parent / "demo", after=_load)
