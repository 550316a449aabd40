"""The results in the published format (docs/survey.md): CSV (UTF-8 with BOM) and XLSX, one
row per cell, suppressed cells written empty with a note; every text cell through the
project's formula-safe writer (``website.tables``)."""

import io

from django.utils.translation import gettext as _

from careers.survey.models import school_year_label
from website.tables import SafeCsvWriter, safe_row

HEADER = [
    "năm học",
    "mẫu phiếu",
    "phạm vi",
    "nhóm",
    "câu hỏi",
    "mã lựa chọn",
    "lựa chọn",
    "số phiếu",
    "tỉ lệ (%)",
    "tổng số phiếu",
    "ghi chú",
]
SUPPRESSED = "ẩn: dưới 5 phiếu"


def _share(cell, decimal_comma):
    if cell.share is None:
        return ""
    return f"{cell.share:.1f}".replace(".", ",") if decimal_comma else cell.share


def _row(year, results, scope_name, group, kind, code, label, cell, decimal_comma):
    return [
        school_year_label(year),
        results.template.slug,
        scope_name,
        group,
        kind,
        code,
        label,
        "" if cell.count is None else cell.count,
        _share(cell, decimal_comma),
        "" if cell.total is None else cell.total,
        SUPPRESSED if cell.count is None else "",
    ]


def export_rows(results, scope_name, *, decimal_comma=True):
    rows = [HEADER]
    for year, total, vocational, pick in (
        (results.year - 1, results.previous_total, results.previous_vocational, "previous"),
        (results.year, results.total, results.vocational, "cell"),
    ):
        args = (year, results, scope_name, "")
        rows.append(_row(*args, "tong", "", _("Tổng số phiếu"), total, decimal_comma))
        if results.has_route:
            rows.append(
                _row(*args, "hoc-nghe", "", _("Dự định học nghề"), vocational, decimal_comma)
            )
        for question in results.questions:
            for option in question.rows:
                cell = getattr(option, pick)
                rows.append(
                    _row(*args, question.kind, option.code, option.label, cell, decimal_comma)
                )
    for group in results.groups:
        args = (results.year, results, scope_name, group.label)
        rows.append(_row(*args, "tong", "", _("Tổng số phiếu"), group.total, decimal_comma))
        for (code, label), cell in zip(results.breakdown_options, group.cells, strict=True):
            rows.append(_row(*args, results.breakdown_kind, code, label, cell, decimal_comma))
    return rows


def export_csv(results, scope_name):
    buffer = io.StringIO()
    SafeCsvWriter(buffer, lineterminator="\n").writerows(export_rows(results, scope_name))
    return "\ufeff" + buffer.getvalue()


def export_xlsx(results, scope_name):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("khao-sat")
    for row in export_rows(results, scope_name, decimal_comma=False):
        sheet.append(safe_row(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
