"""QR codes of the class links, drawn on the server as SVG (segno, BSD)."""

import segno

from django.utils.safestring import mark_safe


def qr_svg(url, title):
    """An inline SVG of ``url``'s QR code (medium error correction, prints at 4 cm)."""
    code = segno.make(url, error="m")
    return mark_safe(code.svg_inline(scale=5, title=title, svgclass="survey-qr"))  # noqa: S308 — segno's own markup, the title escaped by segno
