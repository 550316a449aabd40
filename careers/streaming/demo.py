"""Demo content for `make run`: the statistics pages, the real streaming targets and results
published in the plans, and two data officers. Idempotent: a second run creates nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction

from careers.streaming.access import ensure_officer_group, find_area
from careers.streaming.importers import load_real_figures
from careers.streaming.models import StatisticsIndexPage, StreamingDashboardPage
from website.demo import DemoAccount, ensure_user, get_or_create_page
from website.models.areas import Province

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
    index = StatisticsIndexPage.objects.child_of(home_page).first() or get_or_create_page(
        home_page,
        StatisticsIndexPage,
        "thong-ke",
        title="Thống kê",
        intro=STATISTICS_INTRO,
        show_in_menus=True,
    )
    dashboard = StreamingDashboardPage.objects.child_of(index).first() or get_or_create_page(
        index,
        StreamingDashboardPage,
        "phan-luong",
        title="Chỉ tiêu phân luồng",
        intro=STREAMING_INTRO,
    )
    return index, dashboard


@transaction.atomic
def load_streaming_demo(home_page, stdout=None):
    """The statistics pages and the real streaming figures published in the plans."""
    if not Province.objects.exists():
        messages = ["Chưa có đơn vị hành chính (manage.py load_admin_units): bỏ qua phân luồng."]
    else:
        ensure_statistics_pages(home_page)
        messages = [
            f"{name}: {result.created} số liệu phân luồng mới."
            if result.ok
            else f"{name}: không nạp được ({result.errors[0]})."
            for name, result in load_real_figures().items()
        ]
    if stdout is not None:
        for message in messages:
            stdout.write(message + "\n")


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
