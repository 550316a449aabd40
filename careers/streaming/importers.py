"""Import and export of streaming targets and results in the published format.

The format is the one of ``careers/streaming/data/streaming_targets_from_plans.csv`` (documented in
docs/streaming.md): one row per figure, columns ``scope_level, scope, province, period,
education_level, indicator, kind, value, comparator, document, note``. CSV or XLSX.

Every row is checked first; if any row is bad nothing is written and each error names its
row and column in Vietnamese. Rows are matched on their natural key (area, period, level,
indicator, kind, document), so importing the same file twice changes nothing. Each created
or changed figure gets a revision (who, when, the values) and is published at once or, when the
importing officer may not publish, kept as a draft and submitted to the province's review
workflow.
"""

import io
from contextlib import contextmanager, suppress
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log
from wagtail.signal_handlers import (
    disable_reference_index_auto_update,
    reference_index_auto_update_disabled,
)
from wagtail.tasks import update_reference_index_task

from careers.streaming.models import (
    FIRST_CURRENT_YEAR,
    LAST_LEGACY_YEAR,
    Comparator,
    FigureKind,
    ScopeLevel,
    StreamingFigure,
    StreamingIndicator,
    make_streaming_key,
    year_of_period,
)
from website.models.areas import Commune, District, Province, Structure
from website.publishing import publish_first_revision
from website.tables import (
    MB,
    Column,
    ImportFileError,
    ImportResult,
    Limits,
    RowChecker,
    RowError,
    SafeCsvWriter,
    cell_text,
    map_columns,
    parse_number,
    read_table,
    safe_row,
)
from website.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
REAL_FILES = ["streaming_targets_from_plans.csv", "streaming_targets_supplement.csv"]

# Vietnamese header names (written by the downloads); the English keys are accepted too.
# The column dictionary is in docs/streaming.md.
COLUMNS = [
    Column("scope_level", "cấp địa bàn", True),
    Column("scope", "địa bàn", True),
    Column("province", "tỉnh", True, ("tỉnh, thành phố",)),
    Column("period", "năm", True, ("năm học",)),
    Column("education_level", "cấp học", True),
    Column("indicator", "chỉ tiêu", True),
    Column("kind", "loại", True),
    Column("value", "giá trị", True),
    Column("comparator", "so sánh", False),
    Column("document", "văn bản", True, ("nguồn",)),
    Column("note", "ghi chú", False),
]
HEADER = [column.label for column in COLUMNS]
# Checked by the shared reader before the file is parsed (website.tables); a province's plan
# and results are a few hundred rows.
MAX_FILE_BYTES = 10 * MB
LIMITS = Limits(bytes=MAX_FILE_BYTES, rows=5_000)
LABELS = {column.key: column.label for column in COLUMNS}
# The StreamingFigure field → the column it is read from, and the model's rules worded for a
# file (``%(column)s`` quotes a cell as the file writes it).
FIGURE_COLUMNS = {
    "scope_level": "scope_level",
    "province": "province",
    "district": "scope",
    "commune": "scope",
    "school_name": "scope",
    "period": "period",
    "education_level": "education_level",
    "indicator": "indicator",
    "kind": "kind",
    "value": "value",
    "comparator": "comparator",
    "document": "document",
    "note": "note",
}
FIGURE_MESSAGES = {
    "blank": gettext_lazy("bắt buộc, đang để trống."),
    "null": gettext_lazy("bắt buộc, đang để trống."),
    ("document", "blank"): gettext_lazy("bắt buộc: mỗi số liệu phải có văn bản nguồn."),
    ("education_level", "invalid_choice"): gettext_lazy(
        "“%(education_level)s”: ghi THCS, THPT hoặc THCS+THPT."
    ),
    ("indicator", "level"): gettext_lazy("chỉ tiêu “%(indicator)s” không dùng cho cấp %(level)s."),
}


KIND_WORDS = {
    "target": FigureKind.TARGET,
    "chi tieu": FigureKind.TARGET,
    "ke hoach": FigureKind.TARGET,
    "actual": FigureKind.ACTUAL,
    "ket qua": FigureKind.ACTUAL,
    "thuc hien": FigureKind.ACTUAL,
}
COMPARATOR_WORDS = {
    "": Comparator.EQUAL,
    "=": Comparator.EQUAL,
    "~": Comparator.ABOUT,
    "≈": Comparator.ABOUT,
    ">=": Comparator.AT_LEAST,
    "≥": Comparator.AT_LEAST,
    "<=": Comparator.AT_MOST,
    "≤": Comparator.AT_MOST,
}
SCOPE_WORDS = {level.value: level.value for level in ScopeLevel} | {
    "tinh": ScopeLevel.PROVINCE,
    "thanh pho": ScopeLevel.CITY,
    "huyen": ScopeLevel.DISTRICT,
    "quan huyen": ScopeLevel.DISTRICT,
    "xa": ScopeLevel.COMMUNE,
    "xa phuong": ScopeLevel.COMMUNE,
    "truong": ScopeLevel.SCHOOL,
}
PREFIXES = (
    "tinh ",
    "thanh pho ",
    "tp ",
    "huyen ",
    "quan ",
    "thi xa ",
    "xa ",
    "phuong ",
    "thi tran ",
)


def _name_key(text):
    key = fold(text)
    for prefix in PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
            break
    return key.replace(" ", "")


class StreamingLookups:
    """Indicators and administrative units, loaded in a constant number of queries."""

    def __init__(self, body, positions):
        self.indicators = {i.slug: i for i in StreamingIndicator.objects.all()}
        self.provinces = {Structure.CURRENT: {}, Structure.LEGACY: {}}
        for province in Province.objects.all():
            names = self.provinces[province.structure]
            for name in (province.name, province.short_name, province.slug):
                names[_name_key(name)] = province
        legacy_names = {
            _name_key(cell_text(values[positions["province"]]))
            for _number, values in body
            if positions["province"] < len(values)
        }
        wanted = {
            self.provinces[structure][name].pk
            for structure in self.provinces
            for name in legacy_names
            if name in self.provinces[structure]
        }
        self.districts, self.communes = {}, {}
        for district in District.objects.filter(province_id__in=wanted):
            for name in (district.name, district.short_name):
                self.districts[district.province_id, _name_key(name)] = district
        communes = Commune.objects.filter(structure=Structure.CURRENT, province_id__in=wanted)
        for commune in communes:
            for name in (commune.name, commune.short_name):
                self.communes[commune.province_id, _name_key(name)] = commune

    def province(self, text, year):
        """The province named ``text`` in the structure in force for ``year``."""
        key = _name_key(text)
        order = (
            (Structure.LEGACY, Structure.CURRENT)
            if year is None or year <= LAST_LEGACY_YEAR
            else (Structure.CURRENT,)
        )
        for structure in order:
            if key in self.provinces[structure]:
                return self.provinces[structure][key]
        return None


def _clean_row(number, cells, lookups, allowed):
    """Read one row: each cell parsed and its area looked up here, the figure it makes checked
    by ``StreamingFigure``'s own rules."""
    check = RowChecker(number, cells, LABELS)
    text, error = check.text, check.error

    values = {"province": None, "district": None, "commune": None, "school_name": "", "place": ""}

    scope_text = text("scope_level")
    scope_level = SCOPE_WORDS.get(fold(scope_text))
    if not scope_text:
        error("scope_level", _("bắt buộc, đang để trống."))
    elif scope_level is None:
        error(
            "scope_level",
            _("“%(value)s” không phải là cấp địa bàn (province, city, district, commune, school).")
            % {"value": scope_text},
        )
    values["scope_level"] = scope_level

    period = text("period")
    year = year_of_period(period)
    if not period:
        error("period", _("bắt buộc, đang để trống."))
    elif year is None:
        error(
            "period",
            _("“%(value)s” không phải là năm (2025) hoặc năm học (2023-2024).") % {"value": period},
        )
    values["period"] = period

    scope, province_text = text("scope"), text("province")
    if not scope:
        error("scope", _("bắt buộc, đang để trống."))
    if not province_text:
        error("province", _("bắt buộc, đang để trống."))
    if scope and province_text and scope_level and year is not None:
        province = lookups.province(province_text, year)
        if scope_level == ScopeLevel.SCHOOL:
            values["school_name"] = scope
            if province is None:
                values["place"] = province_text
            else:
                values["province"] = province
        elif province is None:
            error(
                "province",
                _("không có tỉnh, thành phố “%(value)s” cho năm %(year)s.")
                % {"value": province_text, "year": year},
            )
        elif scope_level in (ScopeLevel.PROVINCE, ScopeLevel.CITY):
            if _name_key(scope) not in {
                _name_key(province.short_name),
                _name_key(province.name),
                _name_key(province.slug),
            }:
                error(
                    "scope",
                    _("“%(scope)s” khác tên tỉnh “%(province)s” ở cột province.")
                    % {"scope": scope, "province": province_text},
                )
            values["province"] = province
        elif scope_level == ScopeLevel.DISTRICT:
            if year > LAST_LEGACY_YEAR or province.structure != Structure.LEGACY:
                error(
                    "period",
                    _("quận, huyện chỉ có đến năm %(year)s (trước 01/7/2025).")
                    % {"year": LAST_LEGACY_YEAR},
                )
            else:
                values["district"] = lookups.districts.get((province.pk, _name_key(scope)))
                values["province"] = province
                if values["district"] is None:
                    error(
                        "scope",
                        _("không có quận, huyện “%(value)s” ở %(province)s.")
                        % {"value": scope, "province": province.name},
                    )
        elif scope_level == ScopeLevel.COMMUNE:
            if province.structure != Structure.CURRENT or year < FIRST_CURRENT_YEAR:
                error(
                    "period",
                    _("xã, phường (đơn vị từ 01/7/2025) chỉ dùng cho số liệu từ năm %(year)s.")
                    % {"year": FIRST_CURRENT_YEAR},
                )
            else:
                values["commune"] = lookups.communes.get((province.pk, _name_key(scope)))
                values["province"] = province
                if values["commune"] is None:
                    error(
                        "scope",
                        _("không có xã, phường “%(value)s” ở %(province)s.")
                        % {"value": scope, "province": province.name},
                    )

    values["education_level"] = text("education_level").upper().replace(" ", "")

    indicator_text = text("indicator")
    values["indicator"] = lookups.indicators.get(indicator_text)
    if not indicator_text:
        error("indicator", _("bắt buộc, đang để trống."))
    elif values["indicator"] is None:
        error(
            "indicator",
            _("“%(value)s” không phải là chỉ tiêu phân luồng đã khai báo.")
            % {"value": indicator_text},
        )

    values["kind"] = KIND_WORDS.get(fold(text("kind")))
    if values["kind"] is None:
        error(
            "kind",
            _("“%(value)s”: ghi target (chỉ tiêu) hoặc actual (kết quả).")
            % {"value": text("kind")},
        )

    raw_value = cells.get("value")
    value = parse_number(raw_value)
    if value is None and text("value"):
        error("value", _("“%(value)s” không phải là số.") % {"value": text("value")})
    values["value"] = value
    if value is not None:
        with suppress(InvalidOperation):  # too many digits: the model's own limit says so
            values["value"] = value.quantize(Decimal("0.01"))
    values["decimals"] = printed_decimals(raw_value, value)

    values["comparator"] = COMPARATOR_WORDS.get(text("comparator"))
    if values["comparator"] is None:
        error("comparator", _("“%(value)s”: ghi =, ~, >= hoặc <=.") % {"value": text("comparator")})

    values["document"] = " ".join(text("document").split())
    values["note"] = text("note")

    # The figure as the file gives it (the value unrounded: its indicator checks the decimals).
    figure = StreamingFigure(**{**{name: values[name] for name in FIELDS}, "value": value})
    check.check_model(figure, FIGURE_COLUMNS, FIGURE_MESSAGES)
    if not check.errors and allowed is not None and not allowed(values):
        error(None, _("địa bàn này nằm ngoài địa bàn bạn phụ trách."))
    return values, check.errors


def printed_decimals(raw, value):
    """How many decimals a text cell printed (“23,30” → 2, “100” → 0); None for a
    spreadsheet number, whose printed form is not known."""
    if value is None or not isinstance(raw, str):
        return None
    return min(max(0, -value.as_tuple().exponent), 2)


def _key(values):
    return make_streaming_key(
        values["scope_level"],
        values["province"].pk if values["province"] else None,
        values["district"].pk if values["district"] else None,
        values["commune"].pk if values["commune"] else None,
        values["school_name"],
        values["period"],
        values["education_level"],
        values["indicator"].pk,
        values["kind"],
        values["document"],
    )


def validate_rows(body, positions, allowed=None):
    lookups = StreamingLookups(body, positions)
    cleaned, errors, seen = [], [], {}
    for number, values in body:
        cells = {k: values[i] if i < len(values) else None for k, i in positions.items()}
        row, row_errors = _clean_row(number, cells, lookups, allowed)
        if not row_errors:
            row["key"] = _key(row)
            if row["key"] in seen:
                row_errors.append(
                    RowError(
                        number,
                        None,
                        _(
                            "trùng với dòng %(other)s (cùng địa bàn, năm, cấp học, chỉ tiêu, "
                            "loại và văn bản)."
                        )
                        % {"other": seen[row["key"]]},
                    )
                )
            else:
                seen[row["key"]] = number
                cleaned.append(row)
        errors.extend(row_errors)
    return cleaned, errors


FIELDS = [
    "scope_level",
    "province",
    "district",
    "commune",
    "school_name",
    "place",
    "period",
    "education_level",
    "indicator",
    "kind",
    "value",
    "decimals",
    "comparator",
    "document",
    "note",
]


def _differs(figure, row):
    return any(getattr(figure, name) != row[name] for name in FIELDS)


def write_rows(rows, result, user=None, publish=True):
    """Each row's figure created or changed, then published or submitted for review."""
    existing = StreamingFigure.objects.in_bulk([row["key"] for row in rows], field_name="key")
    with transaction.atomic(), references_updated_at_end(StreamingFigure) as written:
        for row in rows:
            if figure := _write_row(existing.get(row["key"]), row, result, user, publish):
                written.append(figure.pk)


@contextmanager
def references_updated_at_end(model):
    """Wagtail's reference index updated once for each ``model`` primary key added to the
    list given, at the block's end, as its signal handler would at each save: a created figure
    is saved three times (created, revised, published), and each update was a third of the
    import's time. The handler is turned off for this thread only (Wagtail's
    ``disable_reference_index_auto_update``); inside a block that turned it off already (the
    demo loader's), that block updates the index."""
    written = []
    if getattr(reference_index_auto_update_disabled, "value", False):
        yield written
        return
    with disable_reference_index_auto_update():
        yield written
    for pk in written:
        update_reference_index_task.enqueue(model._meta.app_label, model._meta.model_name, str(pk))


def _write_row(figure, row, result, user, publish):
    """The figure of ``row`` written (``figure`` is the one with its key, if any); returns it,
    or None when nothing had to change."""
    from careers.streaming.access import submit_for_review

    created = figure is None
    if not created:
        current = figure
        if figure.has_unpublished_changes and figure.latest_revision_id:
            current = figure.get_latest_revision_as_object()
        if not _differs(current, row):
            if publish and figure.has_unpublished_changes and figure.latest_revision:
                figure.latest_revision.publish(user=user)  # the draft, now approved
                result.updated += 1
                return figure
            result.unchanged += 1
            return None
        for name in FIELDS:
            setattr(figure, name, row[name])
        revision = figure.save_revision(user=user, log_action=True)
        result.updated += 1
    else:
        figure = StreamingFigure(**{name: row[name] for name in FIELDS})
        figure.live = False
        figure.save()
        log(figure, "wagtail.create", user=user)
        revision = figure.save_revision(user=user)
        result.created += 1
    if not publish:
        submit_for_review(figure, user)
    elif created:
        publish_first_revision(figure, revision, user=user)
    else:
        revision.publish(user=user)
    return figure


def import_streaming_rows(body, positions, *, user=None, publish=True, allowed=None):
    result = ImportResult(rows=len(body))
    if not body:
        result.errors.append(RowError(None, None, _("Tệp chỉ có dòng tiêu đề, không có số liệu.")))
        return result
    rows, errors = validate_rows(body, positions, allowed)
    if errors:
        result.errors = errors
        return result
    write_rows(rows, result, user=user, publish=publish)
    return result


def import_streaming(file, filename, *, user=None, publish=True, allowed=None):
    """Import a streaming file; writes nothing if any row is bad. Returns an ImportResult.

    ``allowed(values)`` (optional) says whether the importing officer may write a row's area.
    """
    try:
        header, body = read_table(file, filename, LIMITS)
        positions = map_columns(header, COLUMNS, ())
    except ImportFileError as error:
        return ImportResult(errors=[RowError(None, None, str(error))])
    return import_streaming_rows(body, positions, user=user, publish=publish, allowed=allowed)


def load_real_figures():
    """Import the published targets and results kept in careers/data; {file: ImportResult}."""
    results = {}
    for name in REAL_FILES:
        with (DATA_DIR / name).open("rb") as handle:
            results[name] = import_streaming(handle, name)
    return results


# Export ------------------------------------------------------------------------------------


def format_value(value, decimals=None):
    """A value with a decimal comma, with the decimals the source printed when known."""
    value = Decimal(value)
    value = value.normalize() if decimals is None else value.quantize(Decimal(1).scaleb(-decimals))
    return f"{value:f}".replace(".", ",")


# The Vietnamese words the downloads write for the codes (the import reads both).
SCOPE_LABELS = {
    ScopeLevel.PROVINCE: "tỉnh",
    ScopeLevel.CITY: "thành phố",
    ScopeLevel.DISTRICT: "huyện",
    ScopeLevel.COMMUNE: "xã",
    ScopeLevel.SCHOOL: "trường",
}
KIND_LABELS = {FigureKind.TARGET: "chỉ tiêu", FigureKind.ACTUAL: "kết quả"}


def export_rows(figures):
    """The published format's rows (header first) for ``figures`` (use ``with_related``)."""
    rows = [HEADER]
    for figure in figures:
        rows.append(
            [
                SCOPE_LABELS[figure.scope_level],
                figure.area_name,
                figure.province_name,
                figure.period,
                figure.education_level,
                figure.indicator.slug,
                KIND_LABELS[figure.kind],
                format_value(figure.value, figure.decimals),
                figure.comparator,
                figure.document,
                figure.note,
            ]
        )
    return rows


def export_csv(figures):
    buffer = io.StringIO()
    writer = SafeCsvWriter(buffer, lineterminator="\n")
    writer.writerows(export_rows(figures))
    return "\ufeff" + buffer.getvalue()


def export_xlsx(figures):
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("phan-luong")
    for row in export_rows(figures):
        sheet.append(safe_row(row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def export_order(queryset):
    return queryset.with_related().order_by(
        "current_province__short_name",
        "year",
        "education_level",
        "indicator__sort_order",
        "scope_level",
        "province__short_name",
        "district__short_name",
        "commune__short_name",
        "school_name",
        "kind",
        "document",
        "pk",
    )
