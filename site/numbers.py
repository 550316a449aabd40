"""Money and figures written the Vietnamese way: “5,5 triệu đồng/tháng”, “22.315,2”.

Plain functions for the Python that writes figures (charts, import previews, model labels);
the templates use them as the filters ``so``, ``trieu_dong`` and ``dong`` of ``website_tags``.
"""

from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def _decimal(value):
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def so(value, places=None):
    """A number with decimal comma and thousand dots; trailing zero decimals dropped."""
    number = _decimal(value)
    if number is None:
        return ""
    if places is None:
        number = number.normalize()
        exponent = number.as_tuple().exponent
        places = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(number, decimal_pos=int(places), use_l10n=True, force_grouping=True)


def trieu_dong(value, high=None):
    """Money in million đồng a month: ``{{ 5.5|trieu_dong }}`` → “5,5 triệu đồng/tháng”;
    a range with ``{{ low|trieu_dong:high }}`` → “5–7 triệu đồng/tháng”."""
    low, high = _decimal(value), _decimal(high)
    if low is None and high is None:
        return ""
    if low is not None and high is not None and low != high:
        amount = f"{so(low)}–{so(high)}"
    elif low is None:
        amount = _("đến %(amount)s") % {"amount": so(high)}
    else:
        amount = so(low)
    return _("%(amount)s triệu đồng/tháng") % {"amount": amount}


def dong(value, period_label=""):
    """``{{ 1200000|dong:"tháng" }}`` → “1.200.000 đồng/tháng”."""
    if value is None or value == "":
        return ""
    amount = _("%(amount)s đồng") % {"amount": so(value)}
    return f"{amount}/{period_label}" if period_label else amount
