"""The shortlist (/danh-sach-cua-toi/) and the comparison (/so-sanh/): programmes and
occupations a student keeps, with no account and nothing stored on the server.

The list travels in the URL (``?ct=12&ct=40&nghe=7``), so it can be shared and works
without JavaScript; the device keeps it in a cookie scoped to ``/danh-sach-cua-toi/`` only,
so it never reaches, nor stops a cache from serving, any other page. This lives in
``institutions`` because that app already joins both kinds (a programme trains for
occupations); neither the careers nor the search app needs to know about it.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from careers.models import OccupationPage, RiasecType
from careers.models.pages import RIASEC_LETTERS, code_profile
from careers.quiz import fit, fit_label
from institutions.models import ProgrammeOutcome, ProgramPage

PROGRAMMES = "ct"
OCCUPATIONS = "nghe"
KINDS = (PROGRAMMES, OCCUPATIONS)
CODE_PARAM = "ma"  # the student's quiz code, to show each occupation's fit
COOKIE = "danh_sach"
COOKIE_PATH = "/danh-sach-cua-toi/"
COOKIE_AGE = 365 * 24 * 3600
MAX_KEPT = 20  # of each kind
MAX_COMPARED = 3
ID = re.compile(r"\d{1,10}")


@dataclass
class Shortlist:
    ct: list = field(default_factory=list)
    nghe: list = field(default_factory=list)
    ignored: int = 0  # values that were not ids, or past the limit

    def __bool__(self):
        return bool(self.ct or self.nghe)

    def ids(self, kind):
        return getattr(self, kind)

    def add(self, kind, pk):
        ids = self.ids(kind)
        if pk not in ids and len(ids) < MAX_KEPT:
            ids.append(pk)

    def remove(self, kind, pk):
        if pk in self.ids(kind):
            self.ids(kind).remove(pk)

    def pairs(self, kinds=KINDS):
        return [(kind, pk) for kind in kinds for pk in self.ids(kind)]

    def query(self, kinds=KINDS):
        return urlencode(self.pairs(kinds))

    def cookie_value(self):
        return ".".join(f"{kind}-{pk}" for kind, pk in self.pairs())


def _add_value(shortlist, kind, value, limit):
    """Add an id given as text; count what is not one, or what is past ``limit``."""
    ids = shortlist.ids(kind)
    if not ID.fullmatch(value) or (int(value) not in ids and len(ids) >= limit):
        shortlist.ignored += 1
    elif int(value) not in ids:
        ids.append(int(value))


def from_params(params, limit=MAX_KEPT):
    """The list named in a query string; anything that is not an id is counted, not kept."""
    shortlist = Shortlist()
    for kind in KINDS:
        for value in params.getlist(kind)[: limit * 5]:
            _add_value(shortlist, kind, value.strip(), limit)
    return shortlist


def from_cookie(request):
    shortlist = Shortlist()
    for part in request.COOKIES.get(COOKIE, "").split(".")[: MAX_KEPT * 2]:
        kind, _sep, value = part.partition("-")
        if kind in KINDS:
            _add_value(shortlist, kind, value, MAX_KEPT)
    return shortlist


def store(response, shortlist):
    """Keep ``shortlist`` on the device (or forget it when empty)."""
    if shortlist:
        response.set_cookie(
            COOKIE,
            shortlist.cookie_value(),
            max_age=COOKIE_AGE,
            path=COOKIE_PATH,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(COOKIE, path=COOKIE_PATH, samesite="Lax")
    return response


# What the pages show (a fixed number of queries whatever the number of items) -------------


def programmes(ids):
    if not ids:
        return []
    found = (
        ProgramPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("training_field")
        .prefetch_related(
            Prefetch("outcomes", queryset=ProgrammeOutcome.objects.order_by("-year", "sort_order"))
        )
    )
    by_pk = {programme.pk: programme for programme in found.with_institutions()}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def occupations(ids):
    if not ids:
        return []
    found = (
        OccupationPage.objects.live()
        .public()
        .filter(pk__in=ids)
        .select_related("isco_group", "training_field")
        .prefetch_related("routes")
    )
    by_pk = {occupation.pk: occupation for occupation in found}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def student_code(params):
    code = (params.get(CODE_PARAM) or "").upper()[:3]
    return code if code and all(letter in RIASEC_LETTERS for letter in code) else ""


def shortlist_context(shortlist, stored):
    kept_programmes = programmes(shortlist.ct)
    kept_occupations = occupations(shortlist.nghe)
    return {
        "shortlist": shortlist,
        "programmes": kept_programmes,
        "occupations": kept_occupations,
        "notices": _notices(shortlist, kept_programmes, kept_occupations),
        "query": shortlist.query(),
        "on_device": stored.pairs() == shortlist.pairs(),
        "max_compared": MAX_COMPARED,
    }


def compare_context(params):
    shortlist = from_params(params, limit=MAX_COMPARED)
    compared_programmes = programmes(shortlist.ct)
    compared_occupations = occupations(shortlist.nghe)
    code = student_code(params)
    fits = {}
    if code:
        student = code_profile(code)
        for occupation in compared_occupations:
            value = fit(student, occupation.interest_profile)
            fits[occupation.pk] = (
                fit_label(value) if value is not None and value > 0 else _("Ít hợp")
            )
    riasec = {t.code: t for t in RiasecType.objects.all()} if compared_occupations else {}
    for occupation in compared_occupations:
        occupation.fit_label = fits.get(occupation.pk, "")
        occupation.interest_types = [
            riasec[letter] for letter in occupation.riasec_letters if letter in riasec
        ]
    for programme in compared_programmes:
        outcomes = list(programme.outcomes.all())
        programme.latest_outcome = outcomes[0] if outcomes else None
    notices = _notices(shortlist, compared_programmes, compared_occupations)
    if shortlist.ignored:
        notices.append(
            _(
                "Đường dẫn có mục không đọc được hoặc quá %(count)s mục một loại: "
                "chỉ so sánh %(count)s mục đầu tiên của mỗi loại."
            )
            % {"count": MAX_COMPARED}
        )
    return {
        "shortlist": shortlist,
        "programmes": compared_programmes,
        "occupations": compared_occupations,
        "student_code": code,
        "notices": notices,
        "query": urlencode(shortlist.pairs() + ([(CODE_PARAM, code)] if code else [])),
    }


def _notices(shortlist, found_programmes, found_occupations):
    """Say how many listed items are no longer on the site."""
    found = len(found_programmes) + len(found_occupations)
    missing = len(shortlist.pairs()) - found
    notices = []
    if missing > 0:
        notices.append(
            _("%(count)s mục trong đường dẫn không còn trên trang (đã ngừng đăng hoặc bị xóa).")
            % {"count": missing}
        )
    return notices
