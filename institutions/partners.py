"""Schools' partner enterprises: the free-text partners of school profiles turned into
partnerships with the directory's enterprises (``manage.py link_partner_enterprises``). The
demo's sample partnerships are data (institutions/demo/truong/)."""

from dataclasses import dataclass, field

from careers.models import EnterprisePage
from institutions.models import InstitutionPage, Partnership
from website.text import fold

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
