"""Workflow actions that say what they did.

Wagtail's workflow action view (the "Duyệt", "Yêu cầu sửa" buttons of the dashboard's
"Chờ bạn duyệt" panel, for pages and snippets alike) performs the action and redirects back
without a word, so an editor who approves from the dashboard cannot tell whether anything
happened. ``ConfirmedWorkflowActionMixin`` adds a Vietnamese success message once the task
state has really changed (not when the form asked for more, e.g. a missing comment).
"""

from django.utils.translation import gettext as _

from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import WorkflowActionView as PageWorkflowActionView
from wagtail.models import TaskState
from wagtail.snippets.views.snippets import WorkflowActionView as SnippetWorkflowActionView


class ConfirmedWorkflowActionMixin:
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        status = TaskState.objects.filter(pk=self.task_state.pk).values_list("status", flat=True)
        if status.first() != TaskState.STATUS_IN_PROGRESS:
            messages.success(request, self.confirmation())
        return response

    def confirmation(self):
        self.object.refresh_from_db()
        title = get_latest_str(self.object)
        if self.action_name == "reject":
            return _("Đã yêu cầu sửa “%(title)s”: người gửi sẽ thấy yêu cầu khi mở lại.") % {
                "title": title
            }
        if self.action_name != "approve":
            return _("Đã xử lý “%(title)s”.") % {"title": title}
        if self.object.workflow_in_progress:
            return _("Đã duyệt “%(title)s” ở bước “%(task)s”; còn bước duyệt tiếp theo.") % {
                "title": title,
                "task": self.task.name,
            }
        return _("Đã duyệt và đăng “%(title)s”.") % {"title": title}


class PageWorkflowAction(ConfirmedWorkflowActionMixin, PageWorkflowActionView):
    pass


class SnippetWorkflowAction(ConfirmedWorkflowActionMixin, SnippetWorkflowActionView):
    pass
