"""Admin view: editors import a labour-series file (CSV or XLSX); all rows or none."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from careers.forms import SeriesImportForm
from careers.importers import import_series


def can_import(user):
    return user.is_active and user.has_perms(
        ["careers.add_labourfigure", "careers.change_labourfigure"]
    )


def import_series_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    result = None
    form = SeriesImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_series(upload, upload.name)
        if result.ok:
            messages.success(
                request,
                _(
                    "Đã nhập %(rows)s dòng: %(created)s mới, %(updated)s cập nhật, "
                    "%(unchanged)s giữ nguyên."
                )
                % {
                    "rows": result.rows,
                    "created": result.created,
                    "updated": result.updated,
                    "unchanged": result.unchanged,
                },
            )
            return redirect("careers_import_series")
    return TemplateResponse(
        request,
        "careers/admin/import_series.html",
        {"form": form, "result": result, "page_title": _("Nhập số liệu thị trường lao động")},
    )
