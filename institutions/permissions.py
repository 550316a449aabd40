"""Who may do what with institutions.

* School staff (cán bộ trường) belong to one group per institution, made by
  ``institutions.accounts.ensure_school_access``: Wagtail's own page permissions ``add`` and
  ``change`` (never ``publish``) on their InstitutionPage, and ``add``/``change``/``choose``
  on their institution's image and document collection. What they write goes through the
  moderation workflow that editors approve.
* They may also propose enterprises for the directory: ``add`` (never ``publish``) on the
  enterprise index (/doanh-nghiep/), so that a new enterprise is a draft of theirs that goes
  through the same workflow. A partnership is a row of their own school's page, so it waits
  for the editor's approval of that page like the rest of its profile.
* Editors (Biên tập viên) need, beyond the page permissions their role has, the right to
  create school accounts: ``EDITOR_MODEL_PERMISSIONS``, granted by ``website.roles``.

The helpers below close what Wagtail would otherwise show a school's staff about other
schools (page chooser, reports); see ``institutions.wagtail_hooks``.
"""

from django.db.models import Q

from wagtail.models import Page

EDITOR_MODEL_PERMISSIONS = [
    ("institutions", "create_school_account"),
    ("institutions", "view_schoolaccess"),
]

SCHOOL_PAGE_PERMISSIONS = ["add_page", "change_page"]
SCHOOL_ENTERPRISE_PERMISSIONS = ["add_page"]
SCHOOL_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]


def school_institutions(user):
    """The InstitutionPages ``user`` is staff of (through their groups); cached on the user."""
    from institutions.models import InstitutionPage

    if not user.is_authenticated:
        return InstitutionPage.objects.none()
    if not hasattr(user, "_school_institution_ids"):
        user._school_institution_ids = list(
            InstitutionPage.objects.filter(access__group__user=user).values_list("pk", flat=True)
        )
    return InstitutionPage.objects.filter(pk__in=user._school_institution_ids)


def is_school_staff(user):
    """Staff of at least one school, and neither administrator nor editor."""
    if not user.is_authenticated or user.is_superuser:
        return False
    if user.has_perm("institutions.create_school_account"):
        return False  # an editor who also helps a school keeps the editor's view
    return school_institutions(user).exists()


def school_subtree_filter(user):
    """A Q matching the pages of the user's institutions (and their programmes)."""
    paths = [page.path for page in school_institutions(user).only("path")]
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(path__startswith=path)
    return query


def pages_visible_to_school_staff(pages, user):
    """Limit ``pages`` to the staff's own institution(s), the live pages outside /truong/ and
    the pages they made themselves (an enterprise they propose).

    Other institutions, their programmes and every other draft stay hidden.
    """
    from institutions.models import InstitutionIndexPage

    own = school_subtree_filter(user) | Q(owner=user)
    elsewhere = Q(live=True)
    for index in InstitutionIndexPage.objects.only("path"):
        elsewhere &= ~Q(path__startswith=index.path) | Q(path=index.path)
    return pages.filter(own | elsewhere)


def can_upload_programmes(user, institution):
    """Whether ``user`` may import programmes into ``institution`` (adds and edits pages)."""
    permissions = Page.objects.get(pk=institution.pk).permissions_for_user(user)
    return permissions.can_add_subpage() and permissions.can_edit()
