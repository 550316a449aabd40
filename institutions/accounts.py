"""School staff accounts in one step: the institution's group, collection and permissions,
and the user in that group. Used by ``manage.py create_school_account`` and by the editors'
admin view "Tài khoản cán bộ trường"."""

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from careers.models import EnterpriseIndexPage
from institutions.models import SchoolAccess
from institutions.permissions import (
    SCHOOL_COLLECTION_PERMISSIONS,
    SCHOOL_ENTERPRISE_PERMISSIONS,
    SCHOOL_PAGE_PERMISSIONS,
)

GROUP_PREFIX = "Cán bộ trường – "
COLLECTION_PREFIX = "Trường – "


class AccountError(Exception):
    """A school account that cannot be made; the message says why, in Vietnamese."""


@dataclass
class SchoolAccount:
    user: object
    access: SchoolAccess
    password: str  # "" when the user already existed (their password is unchanged)
    created: bool


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _name(prefix, title, limit):
    name = f"{prefix}{title}"
    return name if len(name) <= limit else name[: limit - 1] + "…"


@transaction.atomic
def ensure_school_access(institution):
    """The group and collection of ``institution``'s staff, with their permissions (idempotent)."""
    access = SchoolAccess.objects.filter(institution=institution).first()
    if access is None:
        group, _created = Group.objects.get_or_create(
            name=_name(GROUP_PREFIX, institution.title, 150)
        )
        root = Collection.get_first_root_node()
        name = _name(COLLECTION_PREFIX, institution.title, 255)
        collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
        access = SchoolAccess.objects.create(
            institution=institution, group=group, collection=collection
        )
    group = access.group
    group.permissions.add(_permission("wagtailadmin", "access_admin"))
    for codename in SCHOOL_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=institution.pk, permission=_permission("wagtailcore", codename)
        )
    for app_label, codename in SCHOOL_COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=access.collection,
            permission=_permission(app_label, codename),
        )
    for index in EnterpriseIndexPage.objects.all():
        grant_enterprise_proposals(group, index)
    return access


def grant_enterprise_proposals(group, index):
    """Let a school's staff propose enterprises under ``index`` (drafts, never published)."""
    for codename in SCHOOL_ENTERPRISE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group, page_id=index.pk, permission=_permission("wagtailcore", codename)
        )


def on_enterprise_index_saved(sender, instance, created, **kwargs):
    """A directory made after the school accounts opens to their staff's proposals too."""
    if created and not kwargs.get("raw"):
        for access in SchoolAccess.objects.select_related("group"):
            grant_enterprise_proposals(access.group, instance)


@transaction.atomic
def create_school_account(institution, username, email="", password=None, name=""):
    """A staff login for ``institution``: the user (created if missing) in the school's group.

    A new user gets ``password`` or a generated one (returned once, never stored in clear).
    An existing administrator or editor is refused: one account, one role.
    """
    username = (username or "").strip()
    if not username:
        raise AccountError(_("Cần tên đăng nhập."))
    access = ensure_school_access(institution)
    users = get_user_model()
    user = users.objects.filter(username=username).first()
    created = user is None
    if created:
        password = password or secrets.token_urlsafe(12)
        user = users.objects.create_user(
            username=username, email=email, password=password, first_name=name
        )
    else:
        if user.is_superuser or user.has_perm("institutions.create_school_account"):
            raise AccountError(
                _(
                    "“%(username)s” là tài khoản quản trị hoặc biên tập, "
                    "không dùng làm cán bộ trường."
                )
                % {"username": username}
            )
        other = SchoolAccess.objects.filter(group__user=user).exclude(pk=access.pk).first()
        if other is not None:
            raise AccountError(
                _("“%(username)s” đã là cán bộ của %(school)s.")
                % {"username": username, "school": other.institution.title}
            )
        password = ""
    user.groups.add(access.group)
    return SchoolAccount(user=user, access=access, password=password, created=created)
