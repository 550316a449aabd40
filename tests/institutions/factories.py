"""Small builders for the institutions tests: each test makes only what it needs."""

import datetime
import io
import itertools
from decimal import Decimal

from PIL import Image as PillowImage

from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from institutions.models import (
    InstitutionIndexPage,
    InstitutionOutcome,
    InstitutionPage,
    PartnerEnterprise,
    ProgrammeOutcome,
    ProgramPage,
)
from tests.factories import publish, unused_province_code
from website.models import Commune, Province, Structure

_numbers = itertools.count(1)


def index(home):
    existing = InstitutionIndexPage.objects.child_of(home).first()
    return existing or publish(
        home, InstitutionIndexPage(title="Trường học", slug="truong", show_in_menus=True)
    )


def province(short_name="Cần Thơ"):
    number = next(_numbers)
    return Province.objects.get_or_create(
        structure=Structure.CURRENT,
        short_name=short_name,
        defaults={
            "code": unused_province_code(Structure.CURRENT, number),
            "name": f"Thành phố {short_name}",
            "slug": f"tinh-{number}",
        },
    )[0]


def commune(area, short_name="Ninh Kiều"):
    return Commune.objects.get_or_create(
        structure=Structure.CURRENT,
        code=f"{next(_numbers) + 90000}",
        defaults={"name": f"Phường {short_name}", "short_name": short_name, "province": area},
    )[0]


def institution(parent, title="Trường Cao đẳng Mẫu A", live=True, partners=0, outcomes=0, **fields):
    fields.setdefault("province", fields.get("province") or province())
    page = InstitutionPage(
        title=title,
        institution_type=fields.pop("institution_type", "cao-dang"),
        ownership=fields.pop("ownership", "cong-lap"),
        summary=fields.pop("summary", "Trường đào tạo kỹ thuật, có ký túc xá."),
        address=fields.pop("address", "Số 1 đường Mẫu"),
        phone="0292 000 000",
        email="tuyensinh@example.com",
        boarding=fields.pop("boarding", True),
        facilities="Xưởng thực hành\nThư viện",
        support_policies=fields.pop(
            "support_policies",
            [
                (
                    "policy",
                    {
                        "kind": "mien-giam-hoc-phi",
                        "title": "Miễn học phí trung cấp",
                        "who": "Học sinh tốt nghiệp THCS học trung cấp",
                        "details": "Miễn 100% học phí.",
                    },
                )
            ],
        ),
        **fields,
    )
    page.partners = [
        PartnerEnterprise(name=f"Công ty Mẫu {n}", cooperation="Nhận thực tập")
        for n in range(partners)
    ]
    page.outcomes = [
        InstitutionOutcome(
            year=2020 + n,
            rate=Decimal("85.5"),
            surveyed=100,
            survey_date=datetime.date(2021 + n, 3, 1),
            status="tu-bao-cao",
        )
        for n in range(outcomes)
    ]
    return publish(parent, page, live=live)


def programme(
    school, title="Điện công nghiệp", code=None, level="cao-dang", live=True, occupations=(), **f
):
    number = next(_numbers)
    if code is None and level != "so-cap":
        code = f"{'6' if level == 'cao-dang' else '5'}52{number % 10000:04d}"
    page = ProgramPage(
        title=title,
        slug=f"{fields_slug(title)}-{number}",
        code=code or "",
        level=level,
        summary=f.pop("summary", "Lắp đặt, vận hành hệ thống điện nhà máy."),
        duration_months=f.pop("duration_months", 30),
        entry_requirements=f.pop("entry_requirements", "Tốt nghiệp THPT"),
        tuition=f.pop("tuition", 1_200_000),
        tuition_period=f.pop("tuition_period", "thang"),
        quota=f.pop("quota", 60),
        outcomes=[
            ProgrammeOutcome(
                year=2025,
                rate=Decimal("92"),
                surveyed=40,
                survey_date=datetime.date(2026, 3, 1),
                status="da-xac-minh",
            )
        ]
        if f.pop("with_outcome", False)
        else [],
        **f,
    )
    page.occupations = list(occupations)
    return publish(school, page, live=live)


def fields_slug(title):
    from anyascii import anyascii

    from django.utils.text import slugify

    return slugify(anyascii(title))


def image(collection, title="Ảnh trường"):
    buffer = io.BytesIO()
    PillowImage.new("RGB", (20, 20), "#2a9d8f").save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title,
        collection=collection,
        file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"anh-{next(_numbers)}.png"),
    )


def document(collection, title="Thông báo tuyển sinh"):
    from django.core.files.base import ContentFile

    return get_document_model().objects.create(
        title=title,
        collection=collection,
        file=ContentFile(b"%PDF-1.4 mau", name=f"tb-{next(_numbers)}.pdf"),
    )
