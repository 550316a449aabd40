"""Data officers and their areas: who may see and change which streaming figures.

Wagtail has no row-level permissions, so the area is enforced here and used everywhere a
figure is reached in the admin (list, edit, delete, history, revisions, bulk actions, import):

* a **province officer** (Sở GD&ĐT) belongs to a group whose ``OfficerArea`` is a current
  province; they see and change the figures whose ``current_province`` is that province —
  the province itself, its communes, and the legacy provinces and districts it took over on
  1 July 2025 — and may publish them (the province's review);
* a **district officer** (Phòng GD&ĐT) belongs to a group whose area is a legacy district;
  they see and change only that district's figures and save drafts, which the province
  publishes;
* superusers see everything; anybody else with the model permissions but no area sees nothing.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from careers.streaming.models import AreaReviewTask, OfficerArea, StreamingFigure
from website.models.areas import District, Province, Structure

GROUP_PREFIX = "Số liệu phân luồng"
REVIEW_WORKFLOW = "Duyệt số liệu phân luồng"
REVIEW_TASK = "Tỉnh duyệt số liệu phân luồng"
DISTRICT_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("streaming", "add_streamingfigure"),
    ("streaming", "change_streamingfigure"),
    ("streaming", "view_streamingfigure"),
    ("streaming", "view_streamingindicator"),
]
PROVINCE_PERMISSIONS = [
    *DISTRICT_PERMISSIONS,
    ("streaming", "delete_streamingfigure"),
    ("streaming", "publish_streamingfigure"),
]


@dataclass(frozen=True)
class Areas:
    everything: bool
    province_ids: frozenset
    district_ids: frozenset

    @property
    def empty(self):
        return not (self.everything or self.province_ids or self.district_ids)


def user_areas(user):
    """The areas ``user`` looks after, cached on the user object for the request."""
    cached = getattr(user, "_streaming_areas", None)
    if cached is not None:
        return cached
    if not user.is_authenticated or not user.is_active:
        areas = Areas(False, frozenset(), frozenset())
    elif user.is_superuser:
        areas = Areas(True, frozenset(), frozenset())
    else:
        rows = OfficerArea.objects.filter(group__user=user).values_list(
            "province_id", "district_id"
        )
        areas = Areas(
            False,
            frozenset(p for p, _d in rows if p),
            frozenset(d for _p, d in rows if d),
        )
    user._streaming_areas = areas
    return areas


def area_filter(user):
    """A Q object selecting the figures ``user`` may see and change."""
    areas = user_areas(user)
    if areas.everything:
        return Q()
    return Q(current_province_id__in=areas.province_ids) | Q(district_id__in=areas.district_ids)


def figures_for(user, queryset=None):
    queryset = StreamingFigure.objects.all() if queryset is None else queryset
    areas = user_areas(user)
    if areas.empty:
        return queryset.none()
    return queryset.filter(area_filter(user))


def covers(user, *, province=None, district=None):
    """Whether ``user``'s areas include a figure placed in ``province`` / ``district``."""
    areas = user_areas(user)
    if areas.everything:
        return True
    if district is not None and district.pk in areas.district_ids:
        return True
    if province is None:
        return False
    current_id = province.successor_id if province.structure == Structure.LEGACY else province.pk
    return current_id in areas.province_ids


def covers_figure(user, figure):
    return covers(user, province=figure.province, district=figure.district)


def import_permission(user):
    """``allowed(values)`` for the importer: rows in the officer's area only."""

    def allowed(values):
        return covers(user, province=values["province"], district=values["district"])

    return allowed


def can_publish(user):
    return user.has_perm("streaming.publish_streamingfigure")


def can_import(user):
    return (
        user.is_active
        and user.has_perms(["streaming.add_streamingfigure", "streaming.change_streamingfigure"])
        and not user_areas(user).empty
    )


# Review --------------------------------------------------------------------------------


def ensure_review_workflow():
    """The workflow district officers submit figures to: one ``AreaReviewTask``, approved by
    the officers who may publish in the figure's area. Idempotent."""
    from django.contrib.contenttypes.models import ContentType

    from wagtail.models import Workflow, WorkflowContentType, WorkflowTask

    task = AreaReviewTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = AreaReviewTask.objects.create(name=REVIEW_TASK)
    workflow, _created = Workflow.objects.get_or_create(
        name=REVIEW_WORKFLOW, defaults={"active": True}
    )
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(StreamingFigure),
        defaults={"workflow": workflow},
    )
    return workflow


def submit_for_review(figure, user):
    """Start the review workflow for ``figure`` unless it is already under review."""
    workflow = figure.get_workflow()
    if workflow is not None and not figure.workflow_in_progress:
        workflow.start(figure, user)


# Creating officers -------------------------------------------------------------------------


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def ensure_officer_group(*, province=None, district=None):
    """The group of the data officers of a current province or a legacy district."""
    if (province is None) == (district is None):
        raise ValidationError(_("Chọn đúng một địa bàn: một tỉnh hoặc một quận, huyện."))
    if province is not None and province.structure != Structure.CURRENT:
        raise ValidationError(
            _("Cán bộ cấp tỉnh thuộc tỉnh, thành phố từ 01/7/2025; “%(name)s” là tỉnh cũ.")
            % {"name": province.name}
        )
    if district is not None:
        name = f"{GROUP_PREFIX} – {district.name}, {district.province.short_name}"
        permissions = DISTRICT_PERMISSIONS
    else:
        name = f"{GROUP_PREFIX} – {province.name}"
        permissions = PROVINCE_PERMISSIONS
    with transaction.atomic():
        ensure_review_workflow()
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*(_permission(app, code) for app, code in permissions))
        OfficerArea.objects.update_or_create(
            group=group, defaults={"province": province, "district": district}
        )
    return group


def find_area(*, province_slug=None, district_code=None):
    """(province, district) from a current province's slug or a legacy district's code."""
    if province_slug:
        province = Province.objects.filter(structure=Structure.CURRENT, slug=province_slug).first()
        if province is None:
            raise ValidationError(
                _("Không có tỉnh, thành phố (từ 01/7/2025) “%(slug)s”.") % {"slug": province_slug}
            )
        return province, None
    district = District.objects.select_related("province").filter(code=district_code).first()
    if district is None:
        raise ValidationError(_("Không có quận, huyện mã “%(code)s”.") % {"code": district_code})
    return None, district


def create_data_officer(username, *, province=None, district=None, password=None, name=""):
    """Create (or update) a data officer's account in the group of their area.

    Returns (user, group, created). The account gets no password when none is given (set one
    with ``manage.py changepassword``)."""
    group = ensure_officer_group(province=province, district=district)
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": name, "email": f"{username}@example.com"},
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    user.groups.add(group)
    return user, group, created
