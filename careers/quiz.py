"""The interest quiz (/trac-nghiem-so-thich/): items from ``data/interest_quiz.toml``, the
answers carried in the result link (nothing is stored), a three-letter Holland code, and the
occupations whose interest profile fits the student's six scores best."""

import tomllib
from dataclasses import dataclass
from functools import cache
from statistics import StatisticsError, correlation
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from careers.importers import DATA_DIR
from careers.models import OccupationPage, RiasecType
from careers.models.pages import RIASEC_LETTERS
from website.models import Province

ANSWERS_PARAM = "tl"
PROVINCE_PARAM = "tinh"
MAX_MATCHES = 12
# How close the occupation's profile runs to the student's (Pearson's r), in words.
FIT_LABELS = ((0.6, _("Rất hợp")), (0.3, _("Khá hợp")), (0.0, _("Có phần hợp")))


@dataclass(frozen=True)
class Item:
    number: int
    type: str
    text: str

    @property
    def name(self):
        """The form field of the item: ``c1`` … ``c36``."""
        return f"c{self.number}"


@dataclass(frozen=True)
class Quiz:
    items: tuple
    answers: tuple  # (value, label), highest first

    @property
    def values(self):
        return {str(value): value for value, _label in self.answers}

    @property
    def highest(self):
        return max(value for value, _label in self.answers)

    def per_type(self):
        return {
            letter: sum(1 for item in self.items if item.type == letter)
            for letter in RIASEC_LETTERS
        }


@cache
def quiz():
    with (DATA_DIR / "interest_quiz.toml").open("rb") as handle:
        data = tomllib.load(handle)
    items = tuple(
        Item(number, entry["type"], entry["text"])
        for number, entry in enumerate(data["items"], start=1)
    )
    answers = tuple(
        sorted(((entry["value"], entry["label"]) for entry in data["answers"]), reverse=True)
    )
    return Quiz(items, answers)


def read_form(params):
    """The answers of a submitted form (None where an item is unanswered or not an answer)."""
    values = quiz().values
    return [values.get(params.get(item.name, "")) for item in quiz().items]


def encode(answers):
    """The answers as the digits of a result link: one digit per item, in item order."""
    return "".join(str(value) for value in answers)


def decode(text):
    """The answers in a result link, or None when it is not one (cut short, altered)."""
    values = quiz().values
    text = (text or "").strip()
    if len(text) != len(quiz().items) or any(char not in values for char in text):
        return None
    return [values[char] for char in text]


def type_scores(answers):
    scores = dict.fromkeys(RIASEC_LETTERS, 0)
    for item, value in zip(quiz().items, answers, strict=True):
        scores[item.type] += value
    return scores


def holland_code(scores):
    """The three highest types, highest first (a tie keeps the R-I-A-S-E-C order); a type
    the student liked nothing of is left out, so the code may be shorter."""
    ranked = sorted(
        RIASEC_LETTERS, key=lambda letter: (-scores[letter], RIASEC_LETTERS.index(letter))
    )
    return "".join(letter for letter in ranked[:3] if scores[letter] > 0)


def has_ties(scores, code):
    """Whether the code's letters could be ordered otherwise: equal scores among its three,
    or a fourth type as high as its third."""
    top = [scores[letter] for letter in code]
    others = [scores[letter] for letter in RIASEC_LETTERS if letter not in code]
    return bool(top) and (len(set(top)) < len(top) or max(others) >= top[-1] > 0)


def fit(student, profile):
    """Pearson's correlation of two six-score profiles; None when either is flat."""
    try:
        return correlation(student, profile)
    except StatisticsError:
        return None


def fit_label(value):
    return next(label for floor, label in FIT_LABELS if value >= floor)


def best_matches(scores, occupations, limit=MAX_MATCHES):
    """Occupations whose interest profile runs with the student's scores, best first."""
    student = [scores[letter] for letter in RIASEC_LETTERS]
    ranked = []
    for occupation in occupations:
        value = fit(student, occupation.interest_profile)
        if value is not None and value > 0:
            ranked.append((value, occupation))
    ranked.sort(key=lambda pair: (-pair[0], pair[1].sort_title))
    return [
        {"occupation": occupation, "fit": value, "label": fit_label(value)}
        for value, occupation in ranked[:limit]
    ]


# What the two pages show ----------------------------------------------------------------


def provinces():
    return list(Province.objects.current().order_by("short_name").only("slug", "short_name"))


def chosen_province(params, choices):
    slug = params.get(PROVINCE_PARAM, "")
    return next((province for province in choices if province.slug == slug), None)


def form_context(params, answers=None, missing=()):
    choices = provinces()
    given = answers or [None] * len(quiz().items)
    return {
        "items": [
            {"item": item, "answer": answer, "missing": item in missing}
            for item, answer in zip(quiz().items, given, strict=True)
        ],
        "answers": quiz().answers,
        "missing": list(missing),
        "provinces": choices,
        "province": chosen_province(params, choices),
        "province_param": PROVINCE_PARAM,
    }


def result_context(params, answers):
    scores = type_scores(answers)
    code = holland_code(scores)
    types = {riasec.code: riasec for riasec in RiasecType.objects.all()}
    occupations = (
        OccupationPage.objects.live().public().select_related("isco_group").only(*MATCH_FIELDS)
    )
    choices = provinces()
    province = chosen_province(params, choices)
    matches = best_matches(scores, occupations)
    for match in matches:
        search = [("loai", "chuong-trinh"), ("nghe", match["occupation"].pk)]
        if province:
            search.append(("tinh", province.slug))
        match["programmes_url"] = "/tim-kiem/?" + urlencode(search)
    highest = quiz().highest * max(quiz().per_type().values())
    compare = [("nghe", match["occupation"].pk) for match in matches[:3]] + [("ma", code)]
    return {
        "code": code,
        "code_types": [types[letter] for letter in code if letter in types],
        "ties": has_ties(scores, code),
        "flat": len(set(scores.values())) == 1,
        "scores": [
            {"type": types.get(letter), "letter": letter, "score": scores[letter], "max": highest}
            for letter in RIASEC_LETTERS
        ],
        "matches": matches,
        "provinces": choices,
        "province": province,
        "province_param": PROVINCE_PARAM,
        "answers_param": ANSWERS_PARAM,
        "encoded": encode(answers),
        "compare_url": f"{reverse('compare')}?{urlencode(compare)}",
    }


MATCH_FIELDS = (
    "title",
    "slug",
    "url_path",
    "path",
    "depth",
    "summary",
    "sort_title",
    "riasec_code",
    "isco_group",
)
