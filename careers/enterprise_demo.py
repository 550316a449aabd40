"""Demo content of the enterprise directory: /doanh-nghiep/ and the sample enterprises of
``careers/data/demo_enterprises.toml``, each marked as sample data; the sample hiring needs
named like one of them are linked to it. Idempotent: a second run creates nothing."""

import tomllib
from pathlib import Path

from django.db import transaction

from careers.models import (
    EconomicSector,
    EnterpriseIndexPage,
    EnterprisePage,
    HiringNeed,
    OccupationPage,
)
from website.models.areas import Province
from website.text import fold

DATA_FILE = Path(__file__).parent / "data" / "demo_enterprises.toml"

INDEX = {
    "title": "Doanh nghiệp",
    "slug": "doanh-nghiep",
    "intro": (
        "Doanh nghiệp tuyển người, nhận học sinh thực tập, học nghề và liên kết với các trường: "
        "tìm theo tên, tỉnh, thành phố và ngành. Các doanh nghiệp hiện có là dữ liệu mẫu."
    ),
    "show_in_menus": True,
    "is_sample": True,
}


def _say(stdout, message):
    if stdout is not None:
        stdout.write(message + "\n")


def demo_enterprises():
    with DATA_FILE.open("rb") as handle:
        return tomllib.load(handle)["enterprise"]


def ensure_enterprise_index(home_page):
    index = EnterpriseIndexPage.objects.child_of(home_page).first()
    if index is None:
        index = EnterpriseIndexPage(**INDEX)
        home_page.add_child(instance=index)
        index.save_revision().publish()
    return index


@transaction.atomic
def load_enterprises_demo(home_page, stdout=None):
    """The directory, its sample enterprises, and their links to the sample hiring needs."""
    index = ensure_enterprise_index(home_page)
    provinces = {fold(p.short_name): p for p in Province.objects.current()}
    sectors = {sector.code: sector for sector in EconomicSector.objects.all()}
    occupations = {page.slug: page for page in OccupationPage.objects.live()}
    taken = set(index.get_children().values_list("slug", flat=True))
    created = 0
    for row in demo_enterprises():
        province = provinces.get(fold(row["province"]))
        if row["slug"] in taken or province is None:
            continue
        page = EnterprisePage(
            title=row["title"],
            slug=row["slug"],
            summary=row["summary"],
            sector=sectors[row["sector"]],
            size_band=row.get("size", ""),
            province=province,
            address=row.get("address", ""),
            website=row.get("website", ""),
            phone=row.get("phone", ""),
            contact_note=row.get("contact_note", ""),
            is_sample=True,
        )
        page.occupations = [occupations[s] for s in row["occupations"] if s in occupations]
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    enterprises = {page.title: page for page in EnterprisePage.objects.child_of(index)}
    linked = 0
    for need in HiringNeed.objects.filter(employer=None, enterprise__in=enterprises):
        need.employer = enterprises[need.enterprise]
        need.save(update_fields=["employer"])
        linked += 1
    _say(stdout, f"Doanh nghiệp mẫu: {created} mới; tin tuyển dụng gắn doanh nghiệp: {linked}.")
    return index
