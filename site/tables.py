"""Tables in and out: the one reader behind every import, the one cell rule behind every export.

Reading (``read_table``): a CSV or XLSX file becomes (header, [(row number, values), …]) only
after hard limits, checked before anything is parsed — the file's bytes; for XLSX the zip's
members (how many, their declared uncompressed size, how much each expands: a zip bomb) and
the sheet's declared dimension (``<dimension ref="A1:XFD1048576"/>``); then, while reading,
the rows, columns and cells actually present. A spreadsheet that declares or holds more than
the limits is refused with a Vietnamese message; nothing is half-read. Control characters in
a cell (a NUL, which PostgreSQL refuses in text) are refused naming the row and column.

Importing (``Column``, ``map_columns``, ``RowChecker``): the header matched to a format's
columns, cells read as text, numbers, dates and yes/no the way people write them, and every
problem as one ``RowError`` naming the row and the column. A row's values are checked by their
model's own rules (``RowChecker.check_model``): an importer parses, the model validates.

Writing (``safe_cell``, ``safe_row``, ``SafeCsvWriter``): a text cell that a spreadsheet
would run as a formula — starting with ``= + - @``, a tab or a carriage return (OWASP, "CSV
injection") — is written with a leading ``'``. Numbers, text that is only a number ("-5,5")
and a lone sign ("=" as a comparator, "-" for no figure) stay as they are.
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from website.text import fold

MB = 1024 * 1024
# Any control character but tab, line feed and carriage return (which cells may hold).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"')
DIMENSION_PEEK = 64 * 1024  # the <dimension> element comes first in a worksheet
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*", re.ASCII)


class ImportFileError(Exception):
    """A file that cannot be read as a table; the message is for the person who sent it."""


@dataclass(frozen=True)
class Limits:
    bytes: int = 10 * MB
    rows: int = 20_000  # rows of data, the header not counted
    columns: int = 40
    cells: int = 1_000_000
    members: int = 200  # XLSX: files inside the zip
    uncompressed: int = 100 * MB  # XLSX: all members together, as the zip declares them
    ratio: int = 200  # XLSX: a member expanding more than this (and past 1 MB) is a zip bomb


# Reading ------------------------------------------------------------------------------------


def read_table(file, filename, limits=Limits()):
    """(header, [(row number, values), …]) from a CSV or XLSX file; row 1 is the header."""
    suffix = Path(filename).suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ImportFileError(_("Chỉ nhận tệp .csv hoặc .xlsx."))
    data = file.read(limits.bytes + 1)
    if len(data) > limits.bytes:
        raise ImportFileError(
            _("Tệp lớn hơn %(size)s MB: hãy chia nhỏ.") % {"size": _megabytes(limits.bytes)}
        )
    rows = _read_xlsx(data, limits) if suffix == ".xlsx" else _read_csv(data, limits)
    return _split_header(rows)


def _count(number):
    return f"{number:,}".replace(",", ".")  # 5.000, as Vietnamese writes it


def _megabytes(size):
    return f"{size / MB:g}".replace(".", ",")


def _too_many_rows(limits):
    return ImportFileError(
        _("Tệp có quá %(rows)s dòng số liệu: hãy chia nhỏ.") % {"rows": _count(limits.rows)}
    )


def _too_many_columns(limits):
    return ImportFileError(_("Tệp có quá %(columns)s cột.") % {"columns": limits.columns})


def _read_csv(data, limits):
    if isinstance(data, str):
        text = data
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _("Tệp CSV phải lưu bằng mã UTF-8 (trong Excel: “CSV UTF-8”).")
            ) from error
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    return _bounded_rows(enumerate(reader, start=1), limits)


def _bounded_rows(numbered, limits):
    """The non-empty rows, checked against the limits as they are read."""
    rows, cells = [], 0
    try:
        for number, values in numbered:
            values = list(values)
            if not any(value not in (None, "") and str(value).strip() for value in values):
                continue
            if len(rows) > limits.rows:  # the header and ``rows`` rows are already in
                raise _too_many_rows(limits)
            while values and values[-1] in (None, ""):
                values.pop()
            if len(values) > limits.columns:
                raise _too_many_columns(limits)
            cells += len(values)
            if cells > limits.cells:
                raise ImportFileError(
                    _("Tệp có quá %(cells)s ô số liệu.") % {"cells": _count(limits.cells)}
                )
            _check_characters(number, values)
            rows.append((number, values))
    except csv.Error as error:
        raise ImportFileError(_("Tệp CSV hỏng: %(error)s.") % {"error": error}) from error
    return rows


def _check_characters(number, values):
    for index, value in enumerate(values):
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            raise ImportFileError(
                _(
                    "Dòng %(row)s, cột %(column)s: có ký tự điều khiển (như NUL) không được "
                    "phép; hãy xóa rồi lưu lại tệp."
                )
                % {"row": number, "column": column_letter(index + 1)}
            )


def column_letter(number):
    """1 → A, 27 → AA: how a spreadsheet names column ``number``."""
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _column_number(letters):
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _check_zip(data, limits):
    """Refuse an XLSX whose zip holds too much, before openpyxl opens it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportFileError(
            _("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")
        ) from error
    too_big = ImportFileError(
        _("Tệp XLSX giải nén ra quá lớn (quá %(size)s MB) hoặc là “bom nén”: không đọc.")
        % {"size": _megabytes(limits.uncompressed)}
    )
    if len(members) > limits.members:
        raise too_big
    if sum(member.file_size for member in members) > limits.uncompressed:
        raise too_big
    for member in members:
        if member.file_size > MB and member.file_size > limits.ratio * max(member.compress_size, 1):
            raise too_big
    for member in members:
        if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
            _check_dimension(archive, member, limits)


def _check_dimension(archive, member, limits):
    try:
        with archive.open(member) as handle:
            head = handle.read(DIMENSION_PEEK)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise ImportFileError(
            _("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")
        ) from error
    match = DIMENSION.search(head)
    if match is None:
        return  # no declared size: the rows are counted while reading
    first_column, first_row, last_column, last_row = match.groups()
    last_column, last_row = last_column or first_column, last_row or first_row
    rows = int(last_row) if last_row else 1
    columns = _column_number(last_column.decode()) if last_column else 1
    if rows > limits.rows + 1:
        raise _too_many_rows(limits)
    if columns > limits.columns:
        raise _too_many_columns(limits)


def _read_xlsx(data, limits):
    from openpyxl import load_workbook

    _check_zip(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(
            _("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        # One column past the limit, to see a cell there; rows are counted as they come.
        rows = sheet.iter_rows(max_col=limits.columns + 1, values_only=True)
        return _bounded_rows(enumerate(rows, start=1), limits)
    except ImportFileError:
        raise
    except Exception as error:
        raise ImportFileError(
            _("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")
        ) from error
    finally:
        workbook.close()


def _split_header(rows):
    if not rows:
        raise ImportFileError(_("Tệp trống."))
    (_header_number, header), *body = rows
    return [str(value or "").strip() for value in header], body


# Importing: columns, cells, row errors ------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of an import format: its key, the header people write, the other names taken."""

    key: str
    label: str
    required: bool = False
    aliases: tuple = ()


def map_columns(header, columns, information=()):
    """{column key: index} for the header, or raise ImportFileError naming what is wrong.

    ``information`` lists columns that are accepted and ignored (the names a download adds)."""
    by_name = {}
    for column in columns:
        for name in (column.label, column.key, *column.aliases):
            by_name[fold(name)] = column.key
    positions, unknown = {}, []
    for index, name in enumerate(header):
        key = by_name.get(fold(name))
        if key is None:
            if name and fold(name) not in {fold(info) for info in information}:
                unknown.append(name)
        elif key in positions:
            raise ImportFileError(_("Cột “%(name)s” xuất hiện hai lần.") % {"name": name})
        else:
            positions[key] = index
    problems = []
    missing = [c.label for c in columns if c.required and c.key not in positions]
    if missing:
        problems.append(
            _("Thiếu cột: %(columns)s.") % {"columns": ", ".join(f"“{m}”" for m in missing)}
        )
    if unknown:
        problems.append(
            _("Cột không có trong mẫu: %(columns)s.")
            % {"columns": ", ".join(f"“{u}”" for u in unknown)}
        )
    if problems:
        raise ImportFileError(" ".join(problems))
    return positions


@dataclass
class RowError:
    """One problem of an imported table, for the person who sent it: row and column (named by
    the format's header, ``labels``), the row alone, or (no row) the whole file."""

    row: int | None
    column: str | None
    message: str
    labels: dict = field(default_factory=dict, repr=False, compare=False)

    def __str__(self):
        if self.row is None:
            return self.message
        if self.column is None:
            return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Dòng %(row)s, cột “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.labels.get(self.column, self.column),
            "message": self.message,
        }


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.errors


TRUE_WORDS = {"1", "co", "x", "yes", "true", "dung"}
FALSE_WORDS = {"", "0", "khong", "no", "false", "sai"}


def cell_text(value):
    """A cell as stripped text (spreadsheet whole numbers without “.0”)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_number(value):
    """A Decimal from 5,5 / 1.234,5 / 1234.5 / 5.5 or a spreadsheet number; None if not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    text = cell_text(value).replace(" ", "").replace("\u00a0", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text, re.ASCII):
        text = text.replace(".", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = cell_text(value)
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def parse_bool(value):
    if isinstance(value, bool):
        return value
    word = fold(cell_text(value))
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


class RowChecker:
    """One row of an import being checked: its cells by column key, and its problems, each a
    ``RowError`` naming the row and the column."""

    def __init__(self, number, cells, labels):
        self.number = number
        self.cells = cells
        self.labels = labels
        self.errors = []

    def text(self, key):
        return cell_text(self.cells.get(key))

    def error(self, column, message):
        self.errors.append(RowError(self.number, column, message, self.labels))

    def check_model(self, instance, fields, messages=None, rules=None):
        """Check ``instance``, built from this row, by its model's own rules: the validators
        of the fields read from the row (``fields``: {field name: column key}; a column that
        already has an error is not checked again; related rows are the importer's lookups),
        then ``rules`` (a callable giving
        {field or None: message}) or else the model's ``clean``. ``messages`` words a rule
        the way the file format says it: {(field, code): message} or {code: message}; a
        message's ``%(column key)s`` quotes that cell as the file writes it."""
        failed = {error.column for error in self.errors}
        checked = {name for name, column in fields.items() if column not in failed}
        # Related rows were looked up by the importer: validating them again costs a query each.
        exclude = [
            f.name for f in instance._meta.concrete_fields if f.name not in checked or f.is_relation
        ]
        try:
            instance.clean_fields(exclude=exclude)
        except ValidationError as error:
            self._model_errors(error, fields, checked, messages or {})
            checked -= set(error.error_dict)  # a field's own error is enough
        try:
            problems = instance.clean() if rules is None else rules()
            if problems:
                raise ValidationError(problems)
        except ValidationError as error:
            self._model_errors(error, fields, checked | {NON_FIELD_ERRORS}, messages or {})

    def _model_errors(self, error, fields, checked, messages):
        by_field = getattr(error, "error_dict", None) or {NON_FIELD_ERRORS: error.error_list}
        quoted = {key: self.text(key) for key in self.cells}  # values as the file writes them
        for name, problems in by_field.items():
            if name not in checked:
                continue
            for problem in problems:
                said = messages.get((name, problem.code)) or messages.get(problem.code)
                message = said or problem.message
                if said or problem.params is not None:
                    message = message % {**(problem.params or {}), **quoted}
                self.error(fields.get(name), str(message))


# Writing ------------------------------------------------------------------------------------


def safe_cell(value):
    """``value`` as a spreadsheet will not run it: text that starts like a formula gets a
    leading ``'``; numbers and text that is only a number are left alone."""
    if (
        isinstance(value, str)
        and len(value) > 1  # a lone "=" (a comparator) or "-" (no figure) runs nothing
        and value.startswith(FORMULA_START)
        and not PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def safe_row(values):
    return [safe_cell(value) for value in values]


class SafeCsvWriter:
    """``csv.writer`` whose every cell goes through ``safe_cell``."""

    def __init__(self, file, **options):
        self._writer = csv.writer(file, **options)

    def writerow(self, values):
        return self._writer.writerow(safe_row(values))

    def writerows(self, rows):
        for values in rows:
            self.writerow(values)
