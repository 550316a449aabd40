"""Money in đồng, written the Vietnamese way."""

from django import template
from django.utils.translation import gettext as _

from careers.templatetags.careers_tags import so

register = template.Library()


@register.filter
def dong(value, period_label=""):
    """``{{ 1200000|dong:"tháng" }}`` → “1.200.000 đồng/tháng”."""
    if value is None or value == "":
        return ""
    amount = _("%(amount)s đồng") % {"amount": so(value)}
    return f"{amount}/{period_label}" if period_label else amount


@register.filter
def support_kind(value):
    from institutions.models import SupportKind

    return SupportKind(value).label if value in SupportKind.values else ""


@register.filter
def target_groups(policy):
    """Whom a support policy (a block's value) is for: “Học sinh dân tộc thiểu số, …”."""
    from institutions.models import TargetGroup, policy_groups

    groups = policy_groups(policy)
    return ", ".join(str(group.label) for group in TargetGroup if group in groups)
