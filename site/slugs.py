"""Vietnamese slugs, the same in the browser and on the server.

"Ngày hội tư vấn tuyển sinh Hà Nội" → ``ngay-hoi-tu-van-tuyen-sinh-ha-noi``: every letter with
a tone or vowel mark becomes its base letter and đ becomes d. Wagtail's as-you-type slug
(the ``w-slug`` Stimulus controller behind ``SlugInput``) has no Vietnamese table — with
``WAGTAIL_ALLOW_UNICODE_SLUGS = False`` it drops the marked letters and turns đ into the
Serbian "dj" — but it runs the widget's ``formatters`` (pairs of regex and replacement) before
its own transliteration. ``SlugInput`` below passes the table as formatters (data attributes,
no script); :func:`slugify` gives the same slugs on the server.
"""

import unicodedata

from anyascii import anyascii

from django import forms
from django.utils import text

from wagtail.admin.widgets import SlugInput as WagtailSlugInput

# base letter → the Vietnamese letters that fold to it (lower case; upper case is derived).
LETTERS = {
    "a": "àáạảãâầấậẩẫăằắặẳẵ",
    "e": "èéẹẻẽêềếệểễ",
    "i": "ìíịỉĩ",
    "o": "òóọỏõôồốộổỗơờớợởỡ",
    "u": "ùúụủũưừứựửữ",
    "y": "ỳýỵỷỹ",
    "d": "đ",
}
# Combining tone and vowel marks, for text typed or pasted in decomposed form (NFD).
COMBINING_MARKS = "[\u0300-\u036f]"


def slugify(value):
    """The ASCII slug of a Vietnamese title: "Điện công nghiệp" → ``dien-cong-nghiep``.

    ``anyascii`` folds every Vietnamese letter as ``LETTERS`` does (tests/website/test_slugs.py
    checks it letter by letter) and also transliterates what ``LETTERS`` leaves out.
    """
    return text.slugify(anyascii(unicodedata.normalize("NFC", str(value))))


def formatters():
    """The table as ``SlugInput`` formatters (applied in order, before Wagtail's own rules)."""
    pairs = []
    for lower, letters in LETTERS.items():
        pairs.append((f"[{letters}]", lower))
        pairs.append((f"[{letters.upper()}]", lower.upper()))
    pairs.append((COMBINING_MARKS, ""))
    return pairs


_FORMATTERS = formatters()


class SlugInput(WagtailSlugInput):
    """Wagtail's slug widget with the Vietnamese table (used for every model ``SlugField``)."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        super().__init__(attrs=attrs, formatters=formatters or _FORMATTERS, locale=locale)


class SlugField(forms.SlugField):
    """A slug field that slugifies what is typed: "Ngày hội" is saved as ``ngay-hoi``."""

    widget = SlugInput

    def to_python(self, value):
        value = super().to_python(value)
        return slugify(value) if value else value
