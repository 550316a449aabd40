"""Admin view: editors import a labour-series file (CSV or XLSX); all rows or none.
Public views: the interest quiz and its result."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers import quiz
from careers.importers import MAX_FILE_BYTES, import_series
from website.table_import import TableImportView


def can_import(user):
    return user.is_active and user.has_perms(
        ["careers.add_labourfigure", "careers.change_labourfigure"]
    )


class SeriesImportView(TableImportView):
    page_title = gettext_lazy("Nhập số liệu thị trường lao động")
    file_label = gettext_lazy("Tệp số liệu (CSV hoặc XLSX)")
    file_help = gettext_lazy("Cột theo mẫu trong tài liệu “Số liệu thị trường lao động”.")
    max_bytes = MAX_FILE_BYTES
    url_name = "careers_import_series"

    def has_permission(self, user):
        return can_import(user)

    def intro(self):
        return [
            _(
                "Tệp CSV (UTF-8) hoặc XLSX, mỗi dòng một số liệu, cột theo mẫu trong "
                "docs/labour-data.md. Mọi dòng được kiểm tra trước; có một dòng sai thì không "
                "ghi dòng nào. Nhập lại cùng tệp không làm thay đổi gì."
            ),
            _(
                "Cột bắt buộc: chỉ tiêu, khu vực, kỳ, giá trị, nguồn, ngày tham chiếu. Cột tùy "
                "chọn: nhóm nghề, ngành kinh tế, nghề, vùng, hệ thống, đơn vị, sơ bộ, dữ liệu mẫu."
            ),
        ]

    def run_import(self, upload):
        return import_series(upload, upload.name)


def interest_quiz(request):
    """/trac-nghiem-so-thich/: the form; a complete answer goes on to the result link."""
    if not any(item.name in request.GET for item in quiz.quiz().items):
        return TemplateResponse(request, "careers/quiz.html", quiz.form_context(request.GET))
    answers = quiz.read_form(request.GET)
    missing = [
        item for item, answer in zip(quiz.quiz().items, answers, strict=True) if answer is None
    ]
    if missing:
        context = quiz.form_context(request.GET, answers, missing)
        return TemplateResponse(request, "careers/quiz.html", context, status=400)
    params = {quiz.ANSWERS_PARAM: quiz.encode(answers)}
    province = request.GET.get(quiz.PROVINCE_PARAM, "")
    if province:
        params[quiz.PROVINCE_PARAM] = province
    return redirect(f"{reverse('interest_quiz_result')}?{urlencode(params)}")


def interest_quiz_result(request):
    """/trac-nghiem-so-thich/ket-qua/?tl=…: the code and the best-fitting occupations."""
    answers = quiz.decode(request.GET.get(quiz.ANSWERS_PARAM))
    if answers is None:
        context = {**quiz.form_context(request.GET), "broken_link": True}
        return TemplateResponse(request, "careers/quiz.html", context, status=400)
    context = quiz.result_context(request.GET, answers)
    return TemplateResponse(request, "careers/quiz_result.html", context)
