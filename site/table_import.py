"""The one skeleton of a table import, in the admin and on the command line.

An importer (``import_…(file, filename, …)``) reads a CSV or XLSX file, checks every row and
writes all of them or none, returning an ``ImportResult`` (``website.tables``). Around it:

- ``TableImportView``: the admin page (``templates/website/admin/table_import.html``): a form
  with one file field, every error named by row and column, a message saying what was written.
- ``ImportCommand``: the management command: the file's path, its size checked before it is
  read, the errors on stderr and a failing exit, or what was written.
"""

from pathlib import Path

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import FileExtensionValidator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from website.progress import ProgressBar
from website.tables import MB


def written(result):
    """“Đã nhập 4 dòng: 4 mới, 0 cập nhật, 0 giữ nguyên.”"""
    return _(
        "Đã nhập %(rows)s dòng: %(created)s mới, %(updated)s cập nhật, %(unchanged)s giữ nguyên."
    ) % {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }


class TableFileForm(forms.Form):
    """One CSV or XLSX file, refused above ``max_bytes`` before it is read."""

    file = forms.FileField(validators=[FileExtensionValidator(["csv", "xlsx"])])

    def __init__(self, *args, label, help_text, max_bytes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = label
        self.fields["file"].help_text = help_text
        self.max_bytes = max_bytes

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(
                _("Tệp lớn hơn %(size)s MB: hãy chia nhỏ.") % {"size": self.max_bytes // MB}
            )
        return upload


class TableImportView(View):
    """GET: the form; POST: import the file; all rows written (then back to the form with a
    message) or none (the form again, with every error). Subclasses say who may import, what
    the page and its file field say, and what to call."""

    template_name = "website/admin/table_import.html"
    page_title = ""
    file_label = ""
    file_help = ""
    max_bytes = 10 * MB
    url_name = ""  # where a successful import returns

    def has_permission(self, user):
        raise NotImplementedError

    def run_import(self, upload):
        """The ``ImportResult`` of importing ``upload`` (an uploaded file)."""
        raise NotImplementedError

    def intro(self):
        """The paragraphs above the form: the format, and what happens to the rows."""
        return []

    def success_message(self, result):
        return written(result)

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self, *args):
        options = {"label": self.file_label, "help_text": self.file_help}
        return TableFileForm(*args, max_bytes=self.max_bytes, **options)

    def get(self, request):
        return self.render(self.form())

    def post(self, request):
        form = self.form(request.POST, request.FILES)
        result = None
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = self.run_import(upload)
            if result.ok:
                messages.success(request, self.success_message(result))
                return redirect(self.url_name)
        return self.render(form, result)

    def render(self, form, result=None):
        context = {
            "form": form,
            "result": result,
            "page_title": self.page_title,
            "intro": self.intro(),
        }
        return TemplateResponse(self.request, self.template_name, context)


class ImportCommand(BaseCommand):
    """``manage.py <command> <file>``: subclasses give ``help``, ``max_bytes`` and
    ``run_import``."""

    max_bytes = 10 * MB
    progress = False  # a progress bar on a terminal, for imports that may run long

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .csv hoặc .xlsx")

    def run_import(self, file, filename, progress):
        raise NotImplementedError

    def handle(self, *args, file, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không thấy tệp “{file}”.")
        if path.stat().st_size > self.max_bytes:
            raise CommandError(f"Tệp lớn hơn {self.max_bytes // MB} MB: hãy chia nhỏ.")
        progress = ProgressBar(self.stderr) if self.progress else None
        with path.open("rb") as handle:
            result = self.run_import(handle, path.name, progress)
        if progress:
            progress.finish()
        if not result.ok:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(
                f"Không ghi dòng nào: {len(result.errors)} lỗi trong {result.rows} dòng."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nhập {result.rows} dòng: {result.created} mới, {result.updated} cập nhật, "
                f"{result.unchanged} không đổi."
            )
        )
