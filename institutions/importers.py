"""Bulk upload of an institution's programmes from CSV or XLSX (format: docs/institutions.md).

Two steps: ``check_programmes`` reads the file and checks every row, giving a preview (what
would be created, changed or left as it is) and the errors, in Vietnamese, one per cell;
``apply_programmes`` writes — all rows or, if any row is bad, nothing.

Rows are matched to the institution's programmes by code (by name for sơ cấp, which has no
code), so uploading the same file twice changes nothing. For a programme that exists, an empty
cell (or a missing column) leaves its value as it is; a dash (``-``) empties an optional one.
Every new or changed programme is saved as a new revision of its page, never published
directly by school staff: the pages are submitted to the moderation workflow and go live when
an editor approves them. A user who may publish (editor, administrator) publishes at once.
"""

import itertools
from dataclasses import dataclass, field

from anyascii import anyascii

from django.core import signing
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers.models import OccupationPage, TrainingField
from institutions.models import (
    ProgrammeLevel,
    ProgramPage,
    StudyMode,
    TuitionPeriod,
)
from website.numbers import so
from website.tables import (
    MB,
    Column,
    ImportFileError,
    Limits,
    RowChecker,
    RowError,
    SafeCsvWriter,
    cell_text,
    map_columns,
    parse_bool,
    parse_date,
    parse_number,
    read_table,
)
from website.text import fold

# Checked by the shared reader before the file is parsed (website.tables).
LIMITS = Limits(bytes=2 * MB, rows=500)
SIGNING_SALT = "institutions.programme-upload"

COLUMNS = [
    Column("code", "mã ngành", False, ("ma", "code", "ma nghe")),
    Column("title", "tên ngành", True, ("ten", "title", "ten nghe", "nganh nghe")),
    Column("level", "trình độ", True, ("level", "trinh do dao tao")),
    Column("duration_months", "thời gian (tháng)", True, ("thoi gian", "so thang")),
    Column("mode", "hình thức", False, ("mode", "hinh thuc dao tao")),
    Column("nine_plus", "9+", False, ("hoc kem van hoa", "9 plus")),
    Column("entry_requirements", "điều kiện vào học", True, ("doi tuong", "dieu kien")),
    Column("quota", "chỉ tiêu", False, ("quota",)),
    Column("admission_start", "nhận hồ sơ từ", False, ("tu ngay",)),
    Column("admission_end", "nhận hồ sơ đến", False, ("den ngay", "han nop")),
    Column("tuition", "học phí (đồng)", False, ("hoc phi",)),
    Column("tuition_period", "học phí tính theo", False, ("ky hoc phi",)),
    Column("tuition_exemptions", "miễn giảm học phí", False, ("mien giam",)),
    Column("campus", "nơi học", False, ("co so", "campus")),
    Column("occupations", "nghề", False, ("nghe dau ra", "occupations")),
    Column("summary", "giới thiệu", False, ("mo ta",)),
    Column("retired", "ngừng tuyển sinh", False, ("ngung tuyen",)),
]
LABELS = {column.key: column.label for column in COLUMNS}
FIELDS = [
    "title",
    "code",
    "level",
    "duration_months",
    "mode",
    "nine_plus",
    "entry_requirements",
    "quota",
    "admission_start",
    "admission_end",
    "tuition",
    "tuition_period",
    "tuition_exemptions",
    "campus",
    "summary",
    "retired",
]


def _choice_lookup(choices):
    lookup = {}
    for value, label in choices:
        lookup[fold(value)] = value
        lookup[fold(label)] = value
    return lookup


# A cell that empties an optional value of an existing programme (an empty cell keeps it).
CLEAR = {"-", "–", "—"}
KEEPABLE = [*FIELDS, "occupations"]

LEVELS = _choice_lookup(ProgrammeLevel.choices)
MODES = _choice_lookup(StudyMode.choices)
PERIODS = {**_choice_lookup(TuitionPeriod.choices), "hoc ki": TuitionPeriod.SEMESTER}
CHOICE_MESSAGES = {
    "level": gettext_lazy("“%(value)s” không phải sơ cấp, trung cấp hay cao đẳng."),
    "mode": gettext_lazy("“%(value)s”: ghi “chính quy” hoặc “vừa làm vừa học”."),
    "tuition_period": gettext_lazy("“%(value)s”: ghi tháng, học kỳ, năm hoặc khóa học."),
}
# The programme's fields are named as the columns they come from; the model's rules worded
# for a file.
MODEL_COLUMNS = {name: name for name in FIELDS}
MESSAGES = {
    ("title", "blank"): gettext_lazy("cần có tên ngành."),
    ("entry_requirements", "blank"): gettext_lazy("cần ghi điều kiện vào học."),
}


@dataclass
class Change:
    """One value a row changes, as the preview shows it: “học phí: 1.200.000 đ → 1.350.000 đ”."""

    column: str
    old: str
    new: str

    def __str__(self):
        return f"{self.column}: {self.old} → {self.new}"


@dataclass
class ProgrammeRow:
    number: int
    values: dict
    occupations: list
    action: str = ""  # "tạo mới", "cập nhật", "không đổi"
    page: ProgramPage | None = None
    changes: list = field(default_factory=list)  # [Change]

    @property
    def level_label(self):
        return display("level", self.values["level"])

    @property
    def tuition_label(self):
        return display("tuition", self.values["tuition"])


def display(name, value):
    """A value the way the preview shows it: levels and modes by name, money in đồng."""
    if name == "occupations":
        return ", ".join(page.title for page in value) or "—"
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    choices = {"level": ProgrammeLevel, "mode": StudyMode, "tuition_period": TuitionPeriod}
    if name in choices:
        return str(choices[name](value).label)
    if name == "tuition":
        return _("%(amount)s đ") % {"amount": so(value)}
    if name in ("quota", "duration_months"):
        return so(value)
    if hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


@dataclass
class UploadCheck:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    cells: list = field(default_factory=list)  # the raw table, for the confirm step

    @property
    def ok(self):
        return not self.errors and bool(self.rows)

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action)


CREATE, UPDATE, UNCHANGED = "tạo mới", "cập nhật", "không đổi"


# Reading --------------------------------------------------------------------------------


def read_upload(file, filename):
    """[(row number, {column key: text})] from an uploaded file; ImportFileError if unreadable."""
    header, body = read_table(file, filename, LIMITS)
    positions = map_columns(header, COLUMNS, [])
    table = []
    for number, values in body:
        cells = {}
        for key, index in positions.items():
            value = values[index] if index < len(values) else None
            if hasattr(value, "strftime"):
                value = value.strftime("%d/%m/%Y")
            cells[key] = cell_text(value)
        table.append((number, cells))
    return table


EXAMPLE_ROWS = [
    {
        "code": "6520227",
        "title": "Điện công nghiệp",
        "level": "cao đẳng",
        "duration_months": "30",
        "mode": "chính quy",
        "nine_plus": "không",
        "entry_requirements": "Tốt nghiệp THPT",
        "quota": "60",
        "admission_start": "01/03/2027",
        "admission_end": "30/09/2027",
        "tuition": "1.200.000",
        "tuition_period": "tháng",
        "occupations": "dien-cong-nghiep",
    },
    {
        "code": "5520227",
        "title": "Điện công nghiệp",
        "level": "trung cấp",
        "duration_months": "24",
        "nine_plus": "có",
        "entry_requirements": "Tốt nghiệp THCS",
        "tuition": "0",
        "tuition_exemptions": "Miễn học phí cho người tốt nghiệp THCS",
    },
]


def template_csv():
    """The column format as a CSV file to fill in: the header and two example rows."""
    import io

    output = io.StringIO()
    writer = SafeCsvWriter(output)
    writer.writerow([column.label for column in COLUMNS])
    for row in EXAMPLE_ROWS:
        writer.writerow([row.get(column.key, "") for column in COLUMNS])
    return "\ufeff" + output.getvalue()


def sign_table(table):
    return signing.dumps(table, salt=SIGNING_SALT, compress=True)


def unsign_table(token):
    """The table signed at the preview step; ImportFileError if missing, altered or stale."""
    try:
        table = signing.loads(token, salt=SIGNING_SALT, max_age=3600)
    except signing.BadSignature as error:
        raise ImportFileError(_("Phiên xem trước đã hết hạn: hãy tải tệp lên lại.")) from error
    return [(number, cells) for number, cells in table]


# Checking -------------------------------------------------------------------------------


def check_programmes(institution, table):
    """Check every row of ``table`` against ``institution``'s programmes; nothing is written."""
    result = UploadCheck(cells=table)
    occupations = {page.slug: page for page in OccupationPage.objects.live().only("slug", "title")}
    folded_titles = {fold(page.title): page for page in occupations.values()}
    existing = list(ProgramPage.objects.child_of(institution).select_related("latest_revision"))
    by_code = {page.code: page for page in existing if page.code}
    by_title = {fold(page.title): page for page in existing if not page.code}
    seen = {}
    if not table:
        result.errors.append(RowError(1, None, _("Tệp không có dòng dữ liệu nào."), LABELS))
    for number, cells in table:
        page = _match(cells, by_code, by_title)
        current = page.get_latest_revision_as_object() if page else None
        row, errors = _check_row(number, cells, occupations, folded_titles, current)
        result.errors.extend(errors)
        if errors:
            continue
        key = row.values["code"] or fold(row.values["title"])
        if key in seen:
            result.errors.append(
                RowError(
                    number,
                    "code" if row.values["code"] else "title",
                    _("trùng với dòng %(row)s.") % {"row": seen[key]},
                    LABELS,
                )
            )
            continue
        seen[key] = number
        _compare(row, page, current)
        result.rows.append(row)
    return result


def _match(cells, by_code, by_title):
    """The institution's programme a row is about: by code, or by name when it has none."""
    code = cells.get("code", "").strip()
    if code:
        return by_code.get(code)
    return by_title.get(fold(cells.get("title", ""))) if cells.get("title") else None


def _check_row(number, cells, occupations, folded_titles, current=None):
    """Check one row: its cells parsed here, the programme they make checked by
    ``ProgramPage``'s own rules. ``current`` is the latest revision of the programme it
    updates, if any: its values stay wherever the row's cell is empty."""
    kept = set() if current is None else {key for key in KEEPABLE if not cells.get(key, "")}
    check = RowChecker(
        number, {key: "" if value in CLEAR else value for key, value in cells.items()}, LABELS
    )
    text = check.text
    values = {key: text(key) for key in ("title", "code", "entry_requirements")}
    values |= {key: text(key) for key in ("tuition_exemptions", "campus", "summary")}
    values["level"] = _choice(check, "level", LEVELS, None)
    values["mode"] = _choice(check, "mode", MODES, StudyMode.FULL_TIME)
    values["tuition_period"] = _choice(check, "tuition_period", PERIODS, TuitionPeriod.MONTH)

    months = parse_number(text("duration_months"))
    if months is None or months != int(months):
        check.error(
            "duration_months",
            _("“%(value)s” không phải số tháng (1–72).") % {"value": text("duration_months")},
        )
    else:
        values["duration_months"] = int(months)
    for key in ("nine_plus", "retired"):
        flag = parse_bool(text(key))
        if flag is None:
            check.error(key, _("“%(value)s”: ghi “có” hoặc “không”.") % {"value": text(key)})
        values[key] = bool(flag)
    for key in ("quota", "tuition"):
        amount = parse_number(text(key)) if text(key) else None
        if text(key) and (amount is None or amount != int(amount)):
            check.error(key, _("“%(value)s” không phải số nguyên không âm.") % {"value": text(key)})
        values[key] = int(amount) if amount is not None and amount == int(amount) else None
    for key in ("admission_start", "admission_end"):
        values[key] = parse_date(text(key)) if text(key) else None
        if text(key) and values[key] is None:
            check.error(
                key, _("“%(value)s” không phải ngày (ngày/tháng/năm).") % {"value": text(key)}
            )

    linked = []
    for name in [part.strip() for part in text("occupations").split(";") if part.strip()]:
        page = occupations.get(name) or folded_titles.get(fold(name))
        if page is None:
            check.error("occupations", _("không có nghề “%(value)s” trên cổng.") % {"value": name})
        else:
            linked.append(page)

    # An empty cell of an existing programme: its value stays, and so do its errors' causes.
    check.errors = [problem for problem in check.errors if problem.column not in kept]
    for key in kept - {"occupations"}:
        values[key] = getattr(current, key)
    if "occupations" in kept:
        linked = list(current.occupations.all())

    programme = ProgramPage(**values)
    check.check_model(programme, MODEL_COLUMNS, MESSAGES, rules=programme.value_errors)
    return ProgrammeRow(number=number, values=values, occupations=linked), check.errors


def _choice(check, key, lookup, default):
    """The choice a cell names (by value or label, without diacritics); ``default`` when
    empty, unless there is no default."""
    text = check.text(key)
    if not text and default is not None:
        return default
    value = lookup.get(fold(text))
    if value is None:
        check.error(key, CHOICE_MESSAGES[key] % {"value": text})
    return value


def _compare(row, page, current):
    if page is None:
        row.action = CREATE
        return
    row.page = page
    row.changes = [
        Change(LABELS[name], display(name, getattr(current, name)), display(name, row.values[name]))
        for name in FIELDS
        if getattr(current, name) != row.values[name]
    ]
    old = list(current.occupations.all())
    if {page.pk for page in old} != {page.pk for page in row.occupations}:
        row.changes.append(
            Change(
                LABELS["occupations"],
                display("occupations", old),
                display("occupations", row.occupations),
            )
        )
    row.action = UPDATE if row.changes else UNCHANGED


# Writing --------------------------------------------------------------------------------


@dataclass
class UploadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    submitted: int = 0
    published: int = 0


@transaction.atomic
def apply_programmes(institution, table, user):
    """Check ``table`` again and write it: every row, or (if any row is bad) nothing.

    Returns (UploadCheck, UploadResult or None).
    """
    check = check_programmes(institution, table)
    if not check.ok:
        return check, None
    result = UploadResult()
    fields = {field.code: field for field in TrainingField.objects.all()}
    can_publish = institution.permissions_for_user(user).can_publish_subpage()
    slugs = set(ProgramPage.objects.child_of(institution).values_list("slug", flat=True))
    for row in check.rows:
        if row.action == UNCHANGED:
            result.unchanged += 1
            continue
        if row.page is None:
            page = ProgramPage(live=False, has_unpublished_changes=True, owner=user)
        else:
            page = row.page.get_latest_revision_as_object()
        for name, value in row.values.items():
            setattr(page, name, value)
        page.training_field = fields.get(page.code[1:3]) if page.code else page.training_field
        page.occupations = row.occupations
        created = row.page is None
        if created:
            page.slug = _free_slug(page, slugs)
            institution.add_child(instance=page)  # cleans the page, as Page.save does
            result.created += 1
        else:
            result.updated += 1
        revision = page.save_revision(user=user, log_action=True, clean=not created)
        if can_publish:
            revision.publish(user=user)
            result.published += 1
        else:
            _submit(page, user)
            result.submitted += 1
    return check, result


def _free_slug(page, taken):
    """A slug from the title not yet used under the institution ("-cao-dang", then the code or
    a number when needed): there is always one, however many programmes share the title."""
    base = slugify(anyascii(page.title))[:60] or "nganh"
    candidates = [base, f"{base}-{page.level}"]
    if page.code:
        candidates.append(f"{base}-{page.code}")
    numbered = (f"{base}-{page.level}-{n}" for n in itertools.count(2))
    slug = next(c for c in itertools.chain(candidates, numbered) if c not in taken)
    taken.add(slug)
    return slug


def _submit(page, user):
    """Submit ``page``'s latest revision to its moderation workflow (restart one in progress)."""
    workflow = page.get_workflow()
    if workflow is None:
        return
    state = page.current_workflow_state
    if state is not None:
        state.cancel(user=user)
    workflow.start(page, user)
