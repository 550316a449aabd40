"""How a query typed by a student becomes something to match: folding, words, synonyms.

Folding is ``website.text.fold`` (the one Vietnamese folding function: lower case, no
diacritics, đ→d). The synonyms are one data table, ``SYNONYMS``: what people type on the left
(folded, whole words), what it can stand for on the right (written properly, with diacritics).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from website.text import fold

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10

# What people type → what the pages call it. Keys are folded and matched as whole words.
SYNONYMS = {
    "cntt": ["công nghệ thông tin"],
    "it": ["công nghệ thông tin"],
    "may tinh": ["công nghệ thông tin", "tin học"],
    "lap trinh": ["công nghệ thông tin", "lập trình"],
    "ktv": ["kỹ thuật viên"],
    "ki thuat": ["kỹ thuật"],
    "tho dien": ["điện", "thợ điện"],
    "tho han": ["hàn"],
    "tho may": ["may", "thợ may"],
    "tho sua xe": ["công nghệ ô tô", "sửa chữa"],
    "sua xe": ["công nghệ ô tô", "sửa chữa"],
    "tho": ["kỹ thuật viên", "thợ"],
    "nau an": ["kỹ thuật chế biến món ăn", "chế biến món ăn", "nấu ăn"],
    "dau bep": ["kỹ thuật chế biến món ăn", "đầu bếp"],
    "y ta": ["điều dưỡng"],
    "ke toan vien": ["kế toán"],
    "xe hoi": ["ô tô"],
    "oto": ["ô tô"],
    "lam toc": ["chăm sóc sắc đẹp", "làm tóc"],
    "trang diem": ["chăm sóc sắc đẹp", "trang điểm"],
    "du lich": ["du lịch", "hướng dẫn du lịch"],
    "khach san": ["quản trị khách sạn", "khách sạn"],
    "thu y": ["thú y", "chăn nuôi"],
}

_WORD = re.compile(r"[a-z0-9]+")
_SPACES = re.compile(r"\s+")


def words_of(folded):
    """The searchable words of a folded text (ASCII letters and digits only)."""
    return _WORD.findall(folded)[:MAX_WORDS]


@dataclass(frozen=True)
class Variant:
    """One way of reading the query: its words (folded) and its phrase as typed (lower case)."""

    words: tuple
    exact: str

    @property
    def folded(self):
        return " ".join(self.words)


@dataclass(frozen=True)
class QueryText:
    raw: str
    variants: tuple = field(default=())

    @property
    def empty(self):
        return not self.raw

    @property
    def unusable(self):
        """Text was typed but holds nothing searchable (only symbols, another script…)."""
        return bool(self.raw) and not self.variants

    @property
    def folded(self):
        return self.variants[0].folded if self.variants else ""


def _exact(text):
    return _SPACES.sub(" ", text.lower()).strip()


def _printable(text):
    """Without control and format characters (NUL, zero-width, …): nobody types them, and a
    NUL cannot even be sent to PostgreSQL. Whitespace is kept (it separates words)."""
    return "".join(char for char in text if char.isspace() or unicodedata.category(char)[0] != "C")


def analyse(raw):
    """Read a query: the words as typed, then one variant per synonym that applies."""
    raw = _SPACES.sub(" ", _printable(str(raw or ""))).strip()[:MAX_QUERY_LENGTH]
    words = tuple(words_of(fold(raw)))
    if not words:
        return QueryText(raw=raw)
    variants = [Variant(words, _exact(raw))]
    padded = f" {' '.join(words)} "
    for key, expansions in SYNONYMS.items():
        if f" {key} " not in padded:
            continue
        for expansion in expansions:
            replaced = padded.replace(f" {key} ", f" {fold(expansion)} ").strip()
            exact = _exact(expansion) if replaced == fold(expansion) else _exact(replaced)
            variant = Variant(tuple(words_of(replaced)), exact)
            if variant.words and variant not in variants:
                variants.append(variant)
    return QueryText(raw=raw, variants=tuple(variants[:6]))


def like_escape(text):
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
