"""The portal's roles as Django groups, and the moderation workflow between them.

* editor (Biên tập viên, Sở GD&ĐT / Sở LĐTB&XH): writes news, events and pages, uploads
  images and documents, and approves what others submit for moderation;
* counsellor (Giáo viên tư vấn, of one THCS or THPT school): runs the aspiration survey of
  their school (careers.survey.access limits them to it);
* administrator: a superuser; the only role that manages users, groups and site settings.

``ensure_roles`` is idempotent and runs after every ``migrate``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from careers.permissions import EDITOR_MODEL_PERMISSIONS as CAREERS_EDITOR_PERMISSIONS
from careers.streaming.permissions import EDITOR_MODEL_PERMISSIONS as STREAMING_EDITOR_PERMISSIONS
from careers.survey.permissions import COUNSELLOR_PERMISSIONS
from careers.survey.permissions import EDITOR_MODEL_PERMISSIONS as SURVEY_EDITOR_PERMISSIONS
from institutions.permissions import EDITOR_MODEL_PERMISSIONS as INSTITUTIONS_EDITOR_PERMISSIONS

EDITORS = "Biên tập viên"
COUNSELLORS = "Giáo viên tư vấn"
WORKFLOW = "Duyệt nội dung"
APPROVAL_TASK = "Biên tập viên duyệt"
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("website", "add_newscategory"),
    ("website", "change_newscategory"),
    ("website", "delete_newscategory"),
    ("website", "add_librarytopic"),
    ("website", "change_librarytopic"),
    ("website", "delete_librarytopic"),
    ("simple_translation", "submit_translation"),
    *CAREERS_EDITOR_PERMISSIONS,
    *STREAMING_EDITOR_PERMISSIONS,
    *INSTITUTIONS_EDITOR_PERMISSIONS,
    *SURVEY_EDITOR_PERMISSIONS,
]


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@transaction.atomic
def ensure_roles():
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    if root_page is None or root_collection is None:
        return

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(*(permission(app, code) for app, code in MODEL_PERMISSIONS))
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=editors, page=root_page, permission=permission("wagtailcore", codename)
        )
    for app, codename in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=root_collection, permission=permission(app, codename)
        )

    counsellors, _ = Group.objects.get_or_create(name=COUNSELLORS)
    counsellors.permissions.add(*(permission(app, code) for app, code in COUNSELLOR_PERMISSIONS))

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=root_page, defaults={"workflow": workflow})

    # Wagtail's own starter groups and workflow would be a second, English-named set of roles.
    Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    Task.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
