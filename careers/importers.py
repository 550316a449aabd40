"""Importers for labour-market series and the ISCO-08 / O*NET reference tables.

The series import reads CSV or XLSX in the column format published in docs/labour-data.md,
checks every row first, and writes nothing unless every row is good. Rows are matched on
their natural key (indicator, occupation group / sector / occupation, area, period), so
re-importing the same file changes nothing.
"""

import csv
import re
from contextlib import suppress
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from careers.models import (
    EconomicSector,
    Indicator,
    IscoGroup,
    LabourFigure,
    OccupationPage,
    Region,
    TrainingField,
    make_figure_key,
)
from website.models.areas import Province, Structure
from website.tables import (
    MB,
    Column,
    ImportFileError,
    ImportResult,
    Limits,
    RowChecker,
    RowError,
    cell_text,
    map_columns,
    parse_bool,
    parse_date,
    parse_number,
    read_table,
)
from website.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
MAX_FILE_BYTES = 10 * 1024 * 1024
CHUNK = 500


SERIES_COLUMNS = [
    Column("indicator", "chỉ tiêu", True, ("indicator",)),
    Column("isco", "nhóm nghề", False, ("isco", "isco08", "ma isco")),
    Column("sector", "ngành kinh tế", False, ("sector", "vsic", "nganh")),
    Column("occupation", "nghề", False, ("occupation",)),
    Column("area", "khu vực", True, ("area", "dia ban")),
    Column("region", "vùng", False, ("region",)),
    Column("breakdown", "nhóm", False, ("breakdown", "nhom dan so")),
    Column("structure", "hệ thống", False, ("structure", "he thong dvhc")),
    Column("period", "kỳ", True, ("period", "nam", "ky so lieu")),
    Column("value", "giá trị", True, ("value", "so lieu")),
    Column("unit", "đơn vị", False, ("unit", "don vi tinh")),
    Column("preliminary", "sơ bộ", False, ("preliminary", "prel")),
    Column("source", "nguồn", True, ("source",)),
    Column("reference_date", "ngày tham chiếu", True, ("reference date", "ngay")),
    Column("sample", "dữ liệu mẫu", False, ("sample", "du lieu mau")),
    Column("note", "ghi chú", False, ("note",)),
]
# Columns our CSV downloads add for people to read; the import accepts and ignores them.
INFORMATION_COLUMNS = ["tên đối tượng", "tên khu vực"]
COLUMN_LABELS = {column.key: column.label for column in SERIES_COLUMNS}

PROVINCE_ALIASES = {
    "ho chi minh city": "ho chi minh",
    "tp ho chi minh": "ho chi minh",
    "thua thien hue": "hue",  # the legacy list already uses the name the city took in 2025
}


# How a LabourFigure field is named in the file, and the model's rules worded for a file.
FIGURE_COLUMNS = {
    "period": "period",
    "value": "value",
    "unit": "unit",
    "source": "source",
    "reference_date": "reference_date",
    "breakdown": "breakdown",
    "note": "note",
    "is_preliminary": "preliminary",
    "is_sample": "sample",
}
FIGURE_MESSAGES = {
    "blank": gettext_lazy("bắt buộc, đang để trống."),
    "null": gettext_lazy("bắt buộc, đang để trống."),
    ("source", "blank"): gettext_lazy("bắt buộc: mỗi số liệu phải có nguồn."),
    "one_subject": gettext_lazy("chỉ điền một trong ba cột “nhóm nghề”, “ngành kinh tế”, “nghề”."),
}


# Reading files: website.tables (hard limits before parsing) ------------------------------

SERIES_LIMITS = Limits(bytes=MAX_FILE_BYTES * 10, rows=200_000, uncompressed=400 * MB)


class Lookups:
    """Everything a row refers to, loaded once per import (constant number of queries)."""

    def __init__(self):
        self.indicators = {}
        for indicator in Indicator.objects.all():
            self.indicators[indicator.slug] = indicator
            self.indicators[fold(indicator.name)] = indicator
        self.isco = {group.code: group for group in IscoGroup.objects.all()}
        self.sectors = {sector.code: sector for sector in EconomicSector.objects.all()}
        self.regions = {}
        for region in Region:
            self.regions[region.value] = region.value
            self.regions[fold(region.label)] = region.value
            self.regions[fold(region.value)] = region.value
        self.regions.update({"toan quoc": Region.WHOLE_COUNTRY, "whole country": "ca-nuoc"})
        self.provinces = {Structure.CURRENT: {}, Structure.LEGACY: {}}
        for province in Province.objects.all():
            names = self.provinces[province.structure]
            names[province.code] = province
            for name in (province.name, province.short_name, province.slug):
                names[fold(name).replace(" ", "")] = province
        self._occupations = None

    def occupations(self, slugs):
        if self._occupations is None:
            pages = OccupationPage.objects.filter(slug__in=set(slugs)).only("id", "slug", "title")
            self._occupations = {page.slug: page for page in pages}
        return self._occupations

    def province(self, structure, text):
        names = self.provinces.get(structure, {})
        if text.isdigit():
            return names.get(text.zfill(2))
        key = fold(text)
        key = PROVINCE_ALIASES.get(key, key)
        key = re.sub(r"^(tinh|thanh pho|tp)\s+", "", key).replace(" ", "")
        return names.get(key)


# Validation --------------------------------------------------------------------------------


def validate_series_rows(body, positions, lookups, progress=None):
    """Clean every row: ([cleaned dict], [RowError]). Nothing is written here."""
    errors, cleaned, seen = [], [], {}
    occupation_slugs = [
        cell_text(values[positions["occupation"]])
        for _number, values in body
        if "occupation" in positions and positions["occupation"] < len(values)
    ]
    occupations = lookups.occupations([slug for slug in occupation_slugs if slug])
    total = len(body)
    for done, (number, values) in enumerate(body, start=1):
        cells = {
            key: values[index] if index < len(values) else None for key, index in positions.items()
        }
        row, row_errors = _clean_series_row(number, cells, lookups, occupations)
        if not row_errors:
            key = make_figure_key(
                row["indicator"].pk,
                row["isco_group"].pk if row["isco_group"] else None,
                row["sector"].pk if row["sector"] else None,
                row["occupation"].pk if row["occupation"] else None,
                row["region"],
                row["province"].pk if row["province"] else None,
                row["period"],
                row["breakdown"],
            )
            if key in seen:
                row_errors.append(
                    RowError(
                        number,
                        None,
                        _(
                            "trùng với dòng %(other)s (cùng chỉ tiêu, đối tượng, nhóm, khu vực "
                            "và kỳ)."
                        )
                        % {"other": seen[key]},
                    )
                )
            else:
                seen[key] = number
                row["key"] = key
                cleaned.append(row)
        errors.extend(row_errors)
        if progress and (done % CHUNK == 0 or done == total):
            progress("kiểm tra", done, total)
    return cleaned, errors


def _clean_series_row(number, cells, lookups, occupations):
    """Read one row: each cell parsed and looked up here, the figure it makes checked by
    ``LabourFigure``'s own rules."""
    check = RowChecker(number, cells, COLUMN_LABELS)
    text = check.text
    row = {"isco_group": None, "sector": None, "occupation": None, "province": None}

    indicator_text = text("indicator")
    row["indicator"] = lookups.indicators.get(indicator_text) or lookups.indicators.get(
        fold(indicator_text)
    )
    if not indicator_text:
        check.error("indicator", _("bắt buộc, đang để trống."))
    elif row["indicator"] is None:
        check.error(
            "indicator",
            _("“%(value)s” không phải là chỉ tiêu đã khai báo.") % {"value": indicator_text},
        )

    if isco := text("isco"):
        row["isco_group"] = lookups.isco.get(isco)
        if row["isco_group"] is None:
            check.error("isco", _("“%(value)s” không phải là mã ISCO-08.") % {"value": isco})
    if sector := text("sector").upper():
        row["sector"] = lookups.sectors.get(sector)
        if row["sector"] is None:
            check.error(
                "sector", _("“%(value)s” không phải là mã ngành kinh tế (A–U).") % {"value": sector}
            )
    if slug := text("occupation"):
        row["occupation"] = occupations.get(slug)
        if row["occupation"] is None:
            check.error("occupation", _("không có trang nghề “%(value)s”.") % {"value": slug})

    structure = text("structure") or Structure.CURRENT
    if structure not in Structure.values:
        check.error("structure", _("chỉ nhận 2025 (34 tỉnh) hoặc 2019 (63 tỉnh)."))
        structure = Structure.CURRENT
    region_text = text("region")
    row["region"] = lookups.regions.get(fold(region_text), "") if region_text else ""
    if region_text and not row["region"]:
        check.error(
            "region", _("“%(value)s” không phải là vùng kinh tế – xã hội.") % {"value": region_text}
        )
    area = text("area")
    if not area:
        check.error("area", _("bắt buộc, đang để trống."))
    elif area_region := lookups.regions.get(fold(area)):
        row["region"] = area_region
    else:
        row["province"] = lookups.province(structure, area)
        if row["province"] is None:
            check.error(
                "area",
                _("không có “%(value)s” trong danh sách vùng và tỉnh (hệ thống %(structure)s).")
                % {"value": area, "structure": structure},
            )

    row["period"] = text("period")
    row["breakdown"] = " ".join(text("breakdown").split())
    row["note"] = text("note")
    row["value"] = parse_number(cells.get("value"))
    if row["value"] is None and text("value"):
        check.error("value", _("“%(value)s” không phải là số.") % {"value": text("value")})
    elif row["value"] is not None:
        with suppress(InvalidOperation):  # too many digits: the model's own limit says so
            row["value"] = row["value"].quantize(Decimal("0.001"))
    row["unit"] = text("unit") or (row["indicator"].unit if row["indicator"] else "")
    row["source"] = text("source")
    row["reference_date"] = parse_date(cells.get("reference_date"))
    if row["reference_date"] is None and text("reference_date"):
        check.error(
            "reference_date",
            _("“%(value)s” không phải là ngày (viết dạng 31/12/2016).")
            % {"value": text("reference_date")},
        )
    for key, target in (("preliminary", "is_preliminary"), ("sample", "is_sample")):
        row[target] = parse_bool(cells.get(key))
        if row[target] is None:
            check.error(key, _("“%(value)s”: ghi “có” hoặc “không”.") % {"value": text(key)})

    # An unknown indicator leaves no default unit: that is the indicator's error, not the unit's.
    columns = (
        FIGURE_COLUMNS if row["indicator"] or row["unit"] else _without(FIGURE_COLUMNS, "unit")
    )
    check.check_model(LabourFigure(**row), columns, FIGURE_MESSAGES)
    return row, check.errors


def _without(mapping, key):
    return {name: value for name, value in mapping.items() if name != key}


# Writing -----------------------------------------------------------------------------------

WRITTEN_FIELDS = [
    "indicator_id",
    "isco_group_id",
    "sector_id",
    "occupation_id",
    "region",
    "province_id",
    "period",
    "value",
    "unit",
    "is_preliminary",
    "source",
    "reference_date",
    "is_sample",
    "breakdown",
    "note",
]


def _figure_values(row):
    return {
        "indicator_id": row["indicator"].pk,
        "isco_group_id": row["isco_group"].pk if row["isco_group"] else None,
        "sector_id": row["sector"].pk if row["sector"] else None,
        "occupation_id": row["occupation"].pk if row["occupation"] else None,
        "region": row["region"],
        "province_id": row["province"].pk if row["province"] else None,
        "period": row["period"],
        "value": row["value"],
        "unit": row["unit"],
        "is_preliminary": row["is_preliminary"],
        "source": row["source"],
        "reference_date": row["reference_date"],
        "is_sample": row["is_sample"],
        "breakdown": row["breakdown"],
        "note": row["note"],
    }


def write_series(rows, result, progress=None):
    """Create or update figures by natural key; unchanged figures are not written."""
    total = len(rows)
    with transaction.atomic():
        for start in range(0, total, CHUNK):
            chunk = rows[start : start + CHUNK]
            existing = LabourFigure.objects.in_bulk([row["key"] for row in chunk], field_name="key")
            to_create, to_update = [], []
            for row in chunk:
                values = _figure_values(row)
                figure = existing.get(row["key"])
                if figure is None:
                    to_create.append(LabourFigure(key=row["key"], **values))
                elif any(getattr(figure, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(figure, name, value)
                    to_update.append(figure)
                else:
                    result.unchanged += 1
            LabourFigure.objects.bulk_create(to_create)
            LabourFigure.objects.bulk_update(
                to_update, [f.removesuffix("_id") for f in WRITTEN_FIELDS]
            )
            result.created += len(to_create)
            result.updated += len(to_update)
            if progress:
                progress("ghi", min(start + CHUNK, total), total)


def import_series(file, filename, progress=None):
    """Import a labour-series file. Returns an ImportResult; writes nothing if any row is bad."""
    result = ImportResult()
    try:
        header, body = read_table(file, filename, SERIES_LIMITS)
        positions = map_columns(header, SERIES_COLUMNS, INFORMATION_COLUMNS)
    except ImportFileError as error:
        result.errors.append(RowError(None, None, str(error)))
        return result
    return import_series_rows(body, positions, result, progress)


def import_series_rows(body, positions, result=None, progress=None):
    result = result or ImportResult()
    result.rows = len(body)
    if not body:
        result.errors.append(RowError(None, None, _("Tệp chỉ có dòng tiêu đề, không có số liệu.")))
        return result
    rows, errors = validate_series_rows(body, positions, Lookups(), progress)
    if errors:
        result.errors = errors
        return result
    write_series(rows, result, progress)
    return result


# Reference tables: training fields, ISCO-08 and O*NET interests -----------------------------


def import_training_fields(path=None):
    """Create or update the level-II training fields; returns the number of new rows."""
    path = Path(path or DATA_DIR / "training_fields_level2.csv")
    created = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            _field, was_created = TrainingField.objects.update_or_create(
                code=row["code"].strip(), defaults={"name": row["name_vi"].strip()}
            )
            created += was_created
    return created


def isco_titles_vi(path=None):
    """{ISCO-08 code: Vietnamese name} from careers/data/isco08_titles_vi.csv (see SOURCES.md)."""
    path = Path(path or DATA_DIR / "isco08_titles_vi.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return {row["code"].strip(): row["title_vi"].strip() for row in csv.DictReader(handle)}


def import_isco(codes_path=None, riasec_path=None):
    """Create or update the ISCO-08 groups and their O*NET interest profile.

    Returns (created, updated). Idempotent: a second run updates nothing.
    """
    codes_path = Path(codes_path or DATA_DIR / "isco08_codes_titles_en.csv")
    riasec_path = Path(riasec_path or DATA_DIR / "riasec_by_isco08_from_onet.csv")
    with riasec_path.open(encoding="utf-8-sig", newline="") as handle:
        interests = {row["isco08_code"].strip(): row for row in csv.DictReader(handle)}
    titles_vi = isco_titles_vi()
    with codes_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = sorted(
            csv.DictReader(handle), key=lambda row: (int(row["level"]), row["isco08_code"])
        )

    fields = [
        "level",
        "title_en",
        "title_vi",
        "parent_id",
        "interest_r",
        "interest_i",
        "interest_a",
    ]
    fields += ["interest_s", "interest_e", "interest_c", "holland_code", "job_zone"]
    fields += ["onet_occupations"]
    created = updated = 0
    with transaction.atomic():
        groups = {group.code: group for group in IscoGroup.objects.all()}
        for level in (1, 2, 3, 4):
            to_create, to_update = [], []
            for row in (row for row in rows if int(row["level"]) == level):
                code = row["isco08_code"].strip()
                values = {
                    "level": level,
                    "title_en": row["title_en"].strip(),
                    "parent_id": groups[code[:-1]].pk if level > 1 else None,
                    **_interest_values(interests.get(code)),
                }
                group = groups.get(code)
                # An editor's name wins; the shipped list fills the names not given yet.
                values["title_vi"] = (group.title_vi if group else "") or titles_vi.get(code, "")
                if group is None:
                    group = IscoGroup(code=code, **values)
                    to_create.append(group)
                elif any(getattr(group, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(group, name, value)
                    to_update.append(group)
            for group in IscoGroup.objects.bulk_create(to_create):
                groups[group.code] = group
            if not all(group.pk for group in to_create):  # backends without RETURNING
                groups.update({g.code: g for g in IscoGroup.objects.filter(level=level)})
            IscoGroup.objects.bulk_update(to_update, [f.removesuffix("_id") for f in fields])
            created += len(to_create)
            updated += len(to_update)
    return created, updated


def _interest_values(row):
    empty = dict.fromkeys(
        ["interest_r", "interest_i", "interest_a", "interest_s", "interest_e", "interest_c"]
    )
    if row is None:
        return {**empty, "holland_code": "", "job_zone": None, "onet_occupations": None}

    def decimal(text, places):
        return Decimal(text).quantize(Decimal(1).scaleb(-places)) if text.strip() else None

    return {
        **{f"interest_{letter.lower()}": decimal(row[letter], 2) for letter in "RIASEC"},
        "holland_code": row["holland_code"].strip(),
        "job_zone": decimal(row["median_job_zone"], 1),
        "onet_occupations": int(row["n_onet_occupations"]),
    }
