"""Vietnamese text helpers: folding diacritics, A–Z initials and sort keys."""

import re
import unicodedata

VIETNAMESE_ALPHABET = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY"


def fold(text):
    """Lower case without diacritics or punctuation runs: “Thừa Thiên-Huế” → “thua thien hue”."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "D")
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def initial(title):
    """The letter an A–Z list files a title under: base letter, but Đ stays apart from D."""
    title = str(title).strip()
    if not title:
        return ""
    first = title[0].upper()
    if first == "Đ":
        return "Đ"
    base = unicodedata.normalize("NFD", first)[0]
    return base if base.isalpha() else "#"


def sort_key(title):
    """A key that sorts Vietnamese titles in dictionary order closely enough for a list
    (accents ignored, đ after d)."""
    text = unicodedata.normalize("NFD", str(title).lower()).replace("đ", "d~")
    return "".join(char for char in text if unicodedata.category(char) != "Mn")[:255]
