"""Admin views: a school's staff upload programmes (preview, then confirm); editors create
school accounts in one step. The work is done in ``importers`` and ``accounts``.
Public views: the shortlist and the comparison (the work is in ``shortlist``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from institutions import importers, shortlist
from institutions.accounts import AccountError, create_school_account
from institutions.forms import ProgrammeUploadForm, SchoolAccountForm
from institutions.models import InstitutionPage
from institutions.permissions import can_upload_programmes, school_institutions
from website.tables import ImportFileError


def manages_every_school(user):
    """Administrators and editors (who create school accounts) may upload into any school."""
    return user.is_active and (
        user.is_superuser or user.has_perm("institutions.create_school_account")
    )


def may_upload_somewhere(user):
    """Cheap enough for the admin menu on every page."""
    return manages_every_school(user) or school_institutions(user).exists()


def upload_targets(user):
    """The institutions ``user`` may upload programmes into."""
    if manages_every_school(user):
        return list(InstitutionPage.objects.order_by("title").only("title", "path", "depth"))
    return [
        page
        for page in school_institutions(user).order_by("title")
        if can_upload_programmes(user, page)
    ]


def upload_choice_view(request):
    targets = upload_targets(request.user)
    if not targets:
        raise PermissionDenied
    if len(targets) == 1:
        return redirect("institutions_upload", targets[0].pk)
    return TemplateResponse(
        request,
        "institutions/admin/upload_choice.html",
        {"targets": targets, "page_title": _("Tải lên danh sách ngành")},
    )


def upload_view(request, institution_id):
    institution = get_object_or_404(InstitutionPage, pk=institution_id)
    if not can_upload_programmes(request.user, institution):
        raise PermissionDenied
    form = ProgrammeUploadForm(request.POST or None, request.FILES or None)
    check = None
    file_error = ""
    token = ""
    if request.method == "POST" and "confirm" in request.POST:
        try:
            table = importers.unsign_table(request.POST.get("table", ""))
        except ImportFileError as error:
            file_error = str(error)
        else:
            check, result = importers.apply_programmes(institution, table, request.user)
            if result is not None:
                messages.success(
                    request,
                    _(
                        "Đã ghi: %(created)s ngành mới, %(updated)s ngành cập nhật, "
                        "%(unchanged)s giữ nguyên; %(submitted)s gửi biên tập viên duyệt, "
                        "%(published)s đăng ngay."
                    )
                    % result.__dict__,
                )
                return redirect("wagtailadmin_explore", institution.pk)
        form = ProgrammeUploadForm()
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            table = importers.read_upload(upload, upload.name)
        except ImportFileError as error:
            file_error = str(error)
        else:
            check = importers.check_programmes(institution, table)
            if check.ok:
                token = importers.sign_table(table)
    return TemplateResponse(
        request,
        "institutions/admin/upload.html",
        {
            "institution": institution,
            "form": form,
            "check": check,
            "file_error": file_error,
            "token": token,
            "columns": importers.COLUMNS,
            "page_title": _("Tải lên danh sách ngành – %(school)s") % {"school": institution.title},
        },
    )


def upload_template_view(request):
    if not may_upload_somewhere(request.user):
        raise PermissionDenied
    response = HttpResponse(importers.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-nganh.csv"'
    return response


def can_create_accounts(user):
    return user.is_active and user.has_perm("institutions.create_school_account")


def school_account_view(request):
    if not can_create_accounts(request.user):
        raise PermissionDenied
    form = SchoolAccountForm(request.POST or None)
    account = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            account = create_school_account(
                data["institution"], data["username"], email=data["email"], name=data["name"]
            )
        except AccountError as error:
            form.add_error("username", str(error))
    return TemplateResponse(
        request,
        "institutions/admin/school_account.html",
        {"form": form, "account": account, "page_title": _("Tạo tài khoản cán bộ trường")},
    )


# The public shortlist and comparison (institutions/shortlist.py does the work) -------------


def shortlist_page(request):
    """/danh-sach-cua-toi/: the list in the URL; with none there, the one kept on the device."""
    stored = shortlist.from_cookie(request)
    listed = shortlist.from_params(request.GET)
    if not listed and not listed.ignored and stored:
        return redirect(f"{reverse('shortlist')}?{stored.query()}")
    context = shortlist.shortlist_context(listed, stored)
    context["share_url"] = request.build_absolute_uri(f"{reverse('shortlist')}?{listed.query()}")
    response = TemplateResponse(request, "institutions/shortlist.html", context)
    patch_cache_control(response, private=True, no_cache=True)  # it reads the device's list
    return response


def shortlist_change(request, action):
    """Keep, drop or save items on the device; then show the list (or, for script, count)."""
    stored = shortlist.from_cookie(request)
    given = shortlist.from_params(request.GET)
    if action == "luu":
        stored = given
    for kind, pk in given.pairs():
        if action == "them":
            stored.add(kind, pk)
        elif action == "bo":
            stored.remove(kind, pk)
    if request.headers.get("X-Requested-With") == "fetch":
        response = JsonResponse({"count": len(stored.pairs())})
    else:
        response = redirect(f"{reverse('shortlist')}?{stored.query()}")
    return shortlist.store(response, stored)


def compare_page(request, printable=False):
    """/so-sanh/?ct=…: up to three programmes and three occupations side by side."""
    template = "institutions/compare_print.html" if printable else "institutions/compare.html"
    context = shortlist.compare_context(request.GET)
    context["share_url"] = request.build_absolute_uri(f"{reverse('compare')}?{context['query']}")
    return TemplateResponse(request, template, context)
