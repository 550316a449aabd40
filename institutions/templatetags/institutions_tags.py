"""The names of support kinds and target groups."""

from django import template

register = template.Library()


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
