"""Small builders for the careers tests: each test makes only what it needs."""

import datetime
import itertools
from decimal import Decimal

from careers.models import (
    EconomicSector,
    EnterpriseIndexPage,
    EnterprisePage,
    HiringNeed,
    Indicator,
    IscoGroup,
    LabourFigure,
    LabourMarketPage,
    OccupationIndexPage,
    OccupationPage,
    OccupationRoute,
    TrainingField,
)
from tests.factories import publish, unused_province_code
from website.models import Province, Structure

_numbers = itertools.count(1)


def occupation_index(home):
    existing = OccupationIndexPage.objects.child_of(home).first()
    return existing or publish(
        home, OccupationIndexPage(title="Nghề nghiệp", slug="nghe-nghiep", show_in_menus=True)
    )


def labour_market_page(home):
    existing = LabourMarketPage.objects.child_of(home).first()
    return existing or publish(
        home, LabourMarketPage(title="Thị trường lao động", slug="thi-truong-lao-dong")
    )


def isco_group(
    code="7411",
    title="Building and Related Electricians",
    holland="RCI",
    title_vi="Thợ điện công trình và thợ có liên quan",
):
    parent = None
    for length in range(1, len(code)):
        parent, _ = IscoGroup.objects.get_or_create(
            code=code[:length],
            defaults={"level": length, "title_en": f"Group {code[:length]}", "parent": parent},
        )
    group, _ = IscoGroup.objects.get_or_create(
        code=code,
        defaults={
            "level": len(code),
            "title_en": title,
            "title_vi": title_vi,
            "parent": parent,
            "holland_code": holland,
            "interest_r": Decimal("6.5"),
            "interest_i": Decimal("3.1"),
            "interest_a": Decimal("1.2"),
            "interest_s": Decimal("1.5"),
            "interest_e": Decimal("2.0"),
            "interest_c": Decimal("4.2"),
        },
    )
    return group


def occupation(index, title="Điện dân dụng", slug=None, live=True, levels=("trung-cap",), **fields):
    number = next(_numbers)
    defaults = {
        "summary": "Đi điện, sửa đồ điện trong nhà.",
        "tasks": [("list", ["Đi dây điện âm tường.", "Sửa quạt, nồi cơm điện."])],
        "environment": [("paragraph", "<p>Làm tại nhà dân và công trình nhà ở.</p>")],
        "working_hours": "Giờ hành chính, khách hay gọi buổi tối.",
        "physical_demands": "Leo thang, chui trần.",
        "safety": "Ngắt điện trước khi làm.",
        "riasec_explanation": "Hợp với người khéo tay.",
        "skills": "Đi dây đúng kỹ thuật\nTìm lỗi đồ điện",
        "further_study": "Liên thông lên cao đẳng khoảng 1,5 năm.",
        "training_field": TrainingField.objects.get(code="52"),
    }
    defaults.update(fields)
    if defaults.get("riasec_code"):  # an editor's code, which needs a reason
        defaults.setdefault("riasec_override_reason", "Mã đặt riêng cho phép thử.")
    elif "isco_group" not in defaults:
        defaults["isco_group"] = isco_group()
    page = OccupationPage(title=title, slug=slug or f"nghe-{number}", **defaults)
    page.routes = [
        OccupationRoute(
            level=level,
            entry="Tốt nghiệp THCS",
            duration="2 năm",
            nine_plus=level == "trung-cap",
            sort_order=order,
        )
        for order, level in enumerate(levels)
    ]
    return publish(index, page, live=live)


def province(short_name="Hà Nội", structure=Structure.CURRENT, code=None):
    slug = f"p-{next(_numbers)}"
    return Province.objects.get_or_create(
        structure=structure,
        short_name=short_name,
        defaults={
            "code": code or unused_province_code(structure, next(_numbers)),
            "name": f"Tỉnh {short_name}",
            "slug": slug,
        },
    )[0]


def indicator(slug="nhu-cau-lao-dong"):
    return Indicator.objects.get(slug=slug)


def figure(occupation=None, region="dong-nam-bo", period="2026", value="120", **fields):
    figure = LabourFigure(
        indicator=fields.pop("indicator", None) or indicator(),
        occupation=occupation,
        region=region,
        period=period,
        value=Decimal(value),
        unit=fields.pop("unit", "người"),
        source=fields.pop("source", "Khảo sát doanh nghiệp của Sở"),
        reference_date=fields.pop("reference_date", datetime.date(2026, 6, 30)),
        **fields,
    )
    figure.save()
    return figure


def hiring_need(occupation, area, workers=10, **fields):
    defaults = {
        "enterprise": f"Công ty Thử nghiệm {next(_numbers)}",
        "level": "trung-cap",
        "period_start": datetime.date(2027, 1, 1),
        "period_end": datetime.date(2027, 3, 31),
        "wage_min": Decimal("7"),
        "wage_max": Decimal("9.5"),
        "source": "Sàn việc làm tỉnh",
        "reference_date": datetime.date(2026, 12, 15),
    }
    defaults.update(fields)
    return HiringNeed.objects.create(
        occupation=occupation, province=area, workers=workers, **defaults
    )


def enterprise_index(home):
    existing = EnterpriseIndexPage.objects.child_of(home).first()
    return existing or publish(
        home, EnterpriseIndexPage(title="Doanh nghiệp", slug="doanh-nghiep", show_in_menus=True)
    )


def enterprise(index, title="Công ty Điện Sáng", live=True, occupations=(), **fields):
    page = EnterprisePage(
        title=title,
        summary=fields.pop("summary", "Doanh nghiệp để kiểm thử."),
        sector=EconomicSector.objects.get(code=fields.pop("sector", "C")),
        province=fields.pop("province", None) or province(),
        address=fields.pop("address", "Lô A, khu công nghiệp Mẫu"),
        phone=fields.pop("phone", "0222 000 001"),
        email=fields.pop("email", "nhansu@example.com"),
        size_band=fields.pop("size_band", "200-999"),
        **fields,
    )
    page.occupations = list(occupations)
    return publish(index, page, live=live)
