"""Server-rendered SVG charts: horizontal bars that read on a phone, no JavaScript.

Every chart is shown with the table behind it (see templates/careers/components/chart.html);
the SVG carries only presentation attributes (no ``style``), as the CSP requires.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import mark_safe

from website.numbers import so

WIDTH = 320
LABEL_SIZE = 13
ROW_HEIGHT = 38
BAR_HEIGHT = 14
VALUE_SPACE = 72
MAX_LABEL_CHARS = 42
BAR_COLOUR = "#0b5394"
HIGHLIGHT_COLOUR = "#b45309"
INK = "#1c1c1c"


@dataclass
class Bar:
    label: str
    value: Decimal
    highlight: bool = False


def _short(label):
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1].rstrip() + "…"


def bar_chart(bars, *, title, chart_id, unit=""):
    """An accessible horizontal bar chart as an SVG string (safe to insert in a template)."""
    bars = list(bars)
    height = max(ROW_HEIGHT * len(bars) + 8, 40)
    largest = max((bar.value for bar in bars), default=Decimal(0)) or Decimal(1)
    scale = (WIDTH - VALUE_SPACE) / float(largest)
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
            'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">',
            WIDTH,
            height,
            chart_id,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
    ]
    for index, bar in enumerate(bars):
        top = index * ROW_HEIGHT
        length = max(float(bar.value) * scale, 1.0) if bar.value > 0 else 0
        colour = HIGHLIGHT_COLOUR if bar.highlight else BAR_COLOUR
        parts.append(
            format_html(
                '<g><text x="0" y="{}" font-size="{}" fill="{}">{}</text>'
                '<rect x="0" y="{}" width="{}" height="{}" rx="2" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{}</text></g>',
                top + LABEL_SIZE,
                LABEL_SIZE,
                INK,
                _short(bar.label),
                top + LABEL_SIZE + 5,
                f"{length:.1f}",
                BAR_HEIGHT,
                colour,
                f"{length + 4:.1f}",
                top + LABEL_SIZE + 5 + BAR_HEIGHT - 3,
                INK,
                f"{so(bar.value)} {unit}".strip() if len(unit) <= 2 else so(bar.value),
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 — parts are escaped


def _with_unit(text, value, unit):
    """“45,81 %”, “1 lần/năm”: a value's caption never stands without its unit."""
    text = text or so(value)
    return text if text.endswith(unit) else f"{text} {unit}"


@dataclass
class Pair:
    """A target and a result for one area or year; either may be missing."""

    label: str
    target: Decimal | None
    actual: Decimal | None
    missed: bool = False
    target_text: str = ""  # the values as printed (“23,30”); default: the number, rounded
    actual_text: str = ""


PAIR_ROW_HEIGHT = 56
TARGET_COLOUR = "#6b6b6b"
MISSED_COLOUR = "#b45309"


def paired_bar_chart(
    pairs, *, title, chart_id, target_label, actual_label, missed_label, none_label="—", unit="%"
):
    """Target and result side by side, as an SVG string: on a 0–100 scale for a share
    (``unit`` "%"), else on a scale up to the largest value; each value carries its unit.

    The target is an outlined bar, the result a solid one; a result that misses its target
    is drawn in another colour *and* labelled (``missed_label``), so colour is never the
    only signal. A missing value is written out instead of drawn.
    """
    pairs = list(pairs)
    height = max(PAIR_ROW_HEIGHT * len(pairs) + 8, 40)
    largest = (
        100
        if unit == "%"
        else max(
            (v for pair in pairs for v in (pair.target, pair.actual) if v is not None), default=1
        )
    )
    scale = (WIDTH - VALUE_SPACE - 40) / float(largest or 1)
    parts = [
        format_html(
            '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title" '
            'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">',
            WIDTH,
            height,
            chart_id,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
    ]

    def bar(top, value, *, solid, colour, caption):
        if value is None:
            return format_html(
                '<text x="0" y="{}" font-size="12" fill="{}">{}</text>',
                top + 11,
                INK,
                caption,
            )
        length = max(float(value) * scale, 1.0) if value > 0 else 0
        fill = colour if solid else "#ffffff"
        return format_html(
            '<rect x="0.5" y="{}" width="{}" height="12" rx="2" fill="{}" stroke="{}"></rect>'
            '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>',
            top + 0.5,
            f"{length:.1f}",
            fill,
            colour,
            f"{length + 5:.1f}",
            top + 11,
            INK,
            caption,
        )

    for index, pair in enumerate(pairs):
        top = index * PAIR_ROW_HEIGHT
        target_caption = actual_caption = ""
        if pair.target is not None:
            target_caption = f"{target_label} {_with_unit(pair.target_text, pair.target, unit)}"
        if pair.actual is not None:
            actual_caption = f"{actual_label} {_with_unit(pair.actual_text, pair.actual, unit)}"
        if pair.missed:
            actual_caption = f"{actual_caption} ✗ {missed_label}"
        parts.append(
            format_html(
                '<g><text x="0" y="{}" font-size="{}" font-weight="600" fill="{}">{}</text>',
                top + LABEL_SIZE,
                LABEL_SIZE,
                INK,
                _short(pair.label),
            )
        )
        parts.append(
            bar(
                top + LABEL_SIZE + 4,
                pair.target,
                solid=False,
                colour=TARGET_COLOUR,
                caption=target_caption or f"{target_label}: —",
            )
        )
        parts.append(
            bar(
                top + LABEL_SIZE + 20,
                pair.actual,
                solid=True,
                colour=MISSED_COLOUR if pair.missed else BAR_COLOUR,
                caption=actual_caption or f"{actual_label}: {none_label}",
            )
        )
        parts.append(mark_safe("</g>"))
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(part) for part in parts))  # noqa: S308 — parts are escaped


__all__ = ["Bar", "Pair", "bar_chart", "paired_bar_chart"]
