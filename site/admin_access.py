"""What the admin shows each role, closed where Wagtail would show more than the role may see.

Wagtail checks what a user may *do*, but several admin views *show* objects before or beside
that check: a bulk action's confirmation page lists the chosen objects (those the user may not
act on included, by title), the page chooser opens any page by id (drafts included), the
admin API lists every image and document, and a report opens by URL when its menu item is
hidden. Here every such view first asks one question — may this user see these objects? —
and refuses without naming anything when the answer is no:

* ``visible_objects(user, model)``: pages the user may change or that are live; images and
  documents in collections where the user has a permission; users for those who manage
  users; rows limited by an app (``filter_admin_objects`` hook, e.g. streaming figures by the
  officer's area); other models for users holding one of the model's permissions.
* ``bulk_action``: ids must be ASCII digits (or Wagtail's ``all``), else a 400; any chosen
  object the user may not see, a 403 — before Wagtail's confirmation page is built.
* ``VisibleObjectsAPIMixin``: the admin API's image and document lists and details.
* ``choose_page``: the chooser's parent page passes the same filter as the pages it lists.
* ``task_state_of_object``: a workflow action acts only on the task of the object it names.
* ``ReportsGuardMiddleware``: a report whose menu item is not shown to the user refuses.
"""

import functools

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.menu import reports_menu
from wagtail.admin.views.bulk_action import index as wagtail_bulk_action
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, TaskState
from wagtail.permissions import policy_registry

from website.parsing import is_ascii_digits

REPORTS_PREFIX = "/admin/reports/"


def visible_objects(user, model):
    """The ``model`` objects ``user`` may see in the admin: a queryset, or None for all."""
    if user.is_superuser:
        return None
    for hook in hooks.get_hooks("filter_admin_objects"):
        limited = hook(user, model)
        if limited is not None:
            return limited
    if issubclass(model, Page):
        editable = policy_registry.get_by_type(Page).instances_user_has_permission_for(
            user, "change"
        )
        return model.objects.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
    if model in (get_image_model(), get_document_model()):
        return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            user, ["add", "change", "delete", "choose"]
        )
    if model is get_user_model():
        managed = user.has_perm("auth.change_user") or user.has_perm("auth.delete_user")
        return None if managed else model.objects.none()
    opts = model._meta
    codenames = [f"{action}_{opts.model_name}" for action in ("view", "change", "delete")]
    if any(user.has_perm(f"{opts.app_label}.{codename}") for codename in codenames):
        return None
    return model.objects.none()


def bulk_action(request, app_label, model_name, action):
    """Wagtail's bulk-action view, after strict ids and a visibility check of every object."""
    ids = request.GET.getlist("id")
    if not ids or not all(pk == "all" or is_ascii_digits(pk) for pk in ids):
        return HttpResponseBadRequest(_("Mã đối tượng không hợp lệ: chỉ gồm chữ số 0–9."))
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    parent = request.GET.get("childOf")
    if parent is not None and not is_ascii_digits(parent):
        return HttpResponseBadRequest(_("Mã đối tượng không hợp lệ: chỉ gồm chữ số 0–9."))
    if "all" not in ids:
        chosen = model.objects.filter(pk__in=ids)
    elif parent is not None and issubclass(model, Page):
        chosen = get_object_or_404(Page, pk=parent).get_descendants(inclusive=True)
    else:
        chosen = model.objects.all()
    visible = visible_objects(request.user, model)
    if visible is not None and chosen.exclude(pk__in=visible.values("pk")).exists():
        return HttpResponseForbidden(
            _("Có mục bạn không có quyền xem; không thực hiện thao tác nào.")
        )
    return wagtail_bulk_action(request, app_label, model_name, action)


class VisibleObjectsAPIMixin:
    """For the admin API's image and document endpoints: only what ``visible_objects`` gives."""

    def get_queryset(self):
        queryset = super().get_queryset()
        visible = visible_objects(self.request.user, queryset.model)
        return queryset if visible is None else queryset.filter(pk__in=visible.values("pk"))


def limit_page_chooser(pages, request):
    """``construct_page_chooser_queryset`` hook: live pages and those the user may change."""
    visible = visible_objects(request.user, Page)
    return pages if visible is None else pages.filter(pk__in=visible.values("pk"))


def choose_page(view):
    """Wrap the chooser's browse view: a parent page the chooser would not list is a 404."""

    @functools.wraps(view)
    def guarded(request, parent_page_id, **kwargs):
        pages = Page.objects.filter(pk=parent_page_id)
        for hook in hooks.get_hooks("construct_page_chooser_queryset"):
            pages = hook(pages, request)
        if not pages.exists():
            raise Http404
        return view(request, parent_page_id=parent_page_id, **kwargs)

    return guarded


def task_state_of_object(model, pk_kwarg):
    """Wrap a workflow view whose URL names an object and a task state: Wagtail checks the
    user may moderate the *object*, then acts on the *task state* — which may belong to
    another object (another area's figure). A task state that is not the object's is a 404."""

    base = Page if issubclass(model, Page) else model

    def decorator(view):
        @functools.wraps(view)
        def guarded(request, *args, **kwargs):
            task_state_id = kwargs.get("task_state_id")
            if task_state_id is not None:
                matches = TaskState.objects.filter(
                    pk=task_state_id,
                    workflow_state__base_content_type=ContentType.objects.get_for_model(base),
                    workflow_state__object_id=str(kwargs[pk_kwarg]),
                )
                if not matches.exists():
                    raise Http404
            return view(request, *args, **kwargs)

        return guarded

    return decorator


class ReportsGuardMiddleware:
    """A report opens only for users whose reports menu shows it (the menu's own rules and the
    ``construct_reports_menu`` hooks); typed in by anyone else, it answers 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(REPORTS_PREFIX) and request.user.is_authenticated:
            shown = [item.url for item in reports_menu.menu_items_for_request(request)]
            if not any(request.path.startswith(url) for url in shown):
                return HttpResponseForbidden(_("Bạn không có quyền xem báo cáo này."))
        return self.get_response(request)
