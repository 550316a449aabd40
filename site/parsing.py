"""Strict parsing of whole numbers that come from outside (URL parameters, ids, codes).

Python's ``int()`` and ``str.isdigit()`` accept far more than a person types: ``int(" 103")``,
``int("+103")``, ``int("1_03")`` and ``int("١٠٣")`` (Arabic-Indic digits) are all 103, and
``"²".isdigit()`` is true although ``int("²")`` fails. Used to decide what a request may see
(an id checked one way and used another) or passed on unchecked, each is a hole or a 500.
Every number read from a request goes through ``strict_int``: ASCII digits only.
"""

import re

ASCII_DIGITS = re.compile(r"[0-9]+")
# Longer than any id or count the site has (bigint holds 19 digits).
MAX_DIGITS = 18


def is_ascii_digits(text):
    """Whether ``text`` is one or more ASCII digits 0–9 and nothing else."""
    return isinstance(text, str) and ASCII_DIGITS.fullmatch(text) is not None


def strict_int(text, *, maximum=None):
    """The whole number written in ``text`` (ASCII digits only, at most 18), else None.

    Nothing else is accepted: no sign, space, underscore or other script's digits.
    ``maximum`` (optional): larger numbers give None too.
    """
    if not is_ascii_digits(text) or len(text) > MAX_DIGITS:
        return None
    number = int(text)
    if maximum is not None and number > maximum:
        return None
    return number
