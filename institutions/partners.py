"""Schools' partner enterprises: the free-text partners of school profiles turned into
partnerships with the directory's enterprises (``manage.py link_partner_enterprises``), and
the demo's sample partnerships."""

import tomllib
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from careers.models import EnterprisePage
from institutions.models import InstitutionPage, Partnership
from website.text import fold

DEMO_FILE = Path(__file__).parent / "data" / "demo_partnerships.toml"

# Words of a free-text "hợp tác" that name each kind of partnership (folded).
KIND_WORDS = {
    "apprenticeship": ("hoc nghe", "dao tao tai doanh nghiep"),
    "internship": ("thuc tap",),
    "hires_graduates": ("tuyen dung", "viec lam"),
    "worker_day": ("mot ngay lam cong nhan", "tham quan"),
    "co_designed": ("dat hang dao tao", "chuong trinh", "cung xay dung"),
}


def kinds_in(text):
    folded = fold(text)
    return [kind for kind, words in KIND_WORDS.items() if any(word in folded for word in words)]


@dataclass
class LinkResult:
    linked: int = 0
    no_kind: list = field(default_factory=list)  # "school: partner" whose text names no kind
    waiting: list = field(default_factory=list)  # schools with changes waiting for review


def link_named_partners():
    """Turn each free-text partner of a published school profile that names an enterprise of
    the directory (diacritics, case and punctuation aside) into a partnership with the kinds
    its cooperation text names, the text kept as the note.

    Left as they are, and reported: a partner whose text names no kind (an editor chooses
    it), and the schools whose profile has changes waiting for review (publishing here would
    publish those changes too)."""
    enterprises = {fold(page.title): page for page in EnterprisePage.objects.live()}
    result = LinkResult()
    for school in InstitutionPage.objects.live().filter(partners__isnull=False).distinct():
        rows = list(school.partners.all())
        if not any(fold(row.name) in enterprises for row in rows):
            continue
        if school.has_unpublished_changes:
            result.waiting.append(school.title)
            continue
        partnerships = list(school.partnerships.all())
        linked = {partnership.enterprise_id for partnership in partnerships}
        kept = []
        for row in rows:
            enterprise = enterprises.get(fold(row.name))
            kinds = kinds_in(row.cooperation)
            if enterprise is None or not kinds:
                kept.append(row)
                if enterprise is not None:
                    result.no_kind.append(f"{school.title}: {row.name}")
                continue
            if enterprise.pk not in linked:
                linked.add(enterprise.pk)
                partnerships.append(
                    Partnership(
                        enterprise=enterprise,
                        note=row.cooperation[:300],
                        **dict.fromkeys(kinds, True),
                    )
                )
            result.linked += 1
        school.partners = kept
        school.partnerships = partnerships
        school.save_revision().publish()
    return result


def load_demo_partnerships(schools):
    """The sample partnerships of ``DEMO_FILE`` between ``schools`` (by slug) and the sample
    enterprises; a pair already linked, or a school with changes waiting, is left alone."""
    with DEMO_FILE.open("rb") as handle:
        rows = tomllib.load(handle)["partnership"]
    enterprises = {page.slug: page for page in EnterprisePage.objects.live()}
    created = 0
    for slug, items in groupby(sorted(rows, key=lambda row: row["school"]), lambda r: r["school"]):
        school = schools.get(slug)
        if school is None or school.has_unpublished_changes:
            continue
        partnerships = list(school.partnerships.all())
        linked = {partnership.enterprise_id for partnership in partnerships}
        new = [
            Partnership(
                enterprise=enterprises[row["enterprise"]],
                since_year=row.get("since"),
                note=row.get("note", ""),
                **dict.fromkeys(row["kinds"], True),
            )
            for row in items
            if row["enterprise"] in enterprises and enterprises[row["enterprise"]].pk not in linked
        ]
        if new:
            school.partnerships = [*partnerships, *new]
            school.save_revision().publish()
            created += len(new)
    return created
