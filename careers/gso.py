"""The GSO statistical yearbook 2016 tables copied into careers/data/gso_yearbook_2016/,
turned into rows of the published series format and imported through the same validation
as any editor's file (see docs/labour-data.md).

Tổng cục Thống kê, Niên giám thống kê 2016 (English tables; ``..`` means no figure).

No row is dropped silently: every label of a table is an occupation group, a sector, a region
or a province we know, one of the labels listed in ``SKIPPED_LABELS`` on purpose, or an error
naming its row. Labels are matched whole (folded), never on a prefix; the yearbook's own
spellings that differ from the classification are in ``SECTOR_ALIASES``.
"""

import csv
import datetime
import re
from pathlib import Path

from django.utils.translation import gettext as _

from careers.importers import SERIES_COLUMNS, import_series_rows
from careers.models import EconomicSector, Region
from website.models.areas import Province, Structure
from website.tables import ImportResult, RowError
from website.text import fold

GSO_DIR = Path(__file__).resolve().parent / "data" / "gso_yearbook_2016"
SOURCE = "Tổng cục Thống kê, Niên giám thống kê 2016"

# GSO occupation groups → ISCO-08 major groups (VSCO follows ISCO-08 at this level).
OCCUPATION_GROUPS = {
    "leaders managers": "1",
    "high level professionals": "2",
    "mid level professionals": "3",
    "clerks": "4",
    "personal services protective workers and sales worker": "5",
    "skilled agricultural forestry and fishery workers": "6",
    "craft and related trade workers": "7",
    "plant and machine operators and assemblers": "8",
    "unskilled occupations": "9",
}
# Labels left out on purpose (folded): GSO's “Others” occupation row is not an ISCO-08 group.
SKIPPED_LABELS = {"others"}
# The yearbook's spellings of VSIC sections that differ from the classification's English name
# (folded label → section): the employment table writes “Electricity, gas, stream …”.
SECTOR_ALIASES = {"electricity gas stream and air conditioning supply": "D"}
REGIONS = {
    "whole country": Region.WHOLE_COUNTRY,
    "red river delta": Region.RED_RIVER_DELTA,
    "northern midlands and mountain areas": Region.NORTHERN_MOUNTAINS,
    "northern central area and central coastal area": Region.CENTRAL_COAST,
    "north central area and central coastal area": Region.CENTRAL_COAST,
    "central highlands": Region.CENTRAL_HIGHLANDS,
    "south east": Region.SOUTH_EAST,
    "mekong river delta": Region.MEKONG_DELTA,
}


def _read(name):
    """(file name, [(line number, cells)]) skipping the title and blank lines."""
    path = GSO_DIR / name
    with path.open(encoding="utf-8-sig", newline="") as handle:
        lines = list(enumerate(csv.reader(handle, delimiter=";"), start=1))
    return [(number, cells) for number, cells in lines if len(cells) > 1]


def _period(label):
    """“Prel. 2016” → ("2016", True); “X2014” or “Structure (%) 2014” → ("2014", False)."""
    match = re.search(r"(\d{4})\s*$", label)
    return (match.group(1), "prel" in label.lower()) if match else (None, False)


def _row(indicator, period, preliminary, value, area, *, isco="", sector="", region=""):
    cells = {
        "indicator": indicator,
        "isco": isco,
        "sector": sector,
        "area": area,
        "region": region,
        "structure": Structure.LEGACY,
        "period": period,
        "value": value.strip(),
        "unit": "",
        "preliminary": "có" if preliminary else "không",
        "source": SOURCE,
        "reference_date": datetime.date(int(period), 12, 31),
        "sample": "không",
        "occupation": "",
        "breakdown": "",
        "note": "",
    }
    return [cells[column.key] for column in SERIES_COLUMNS]


class UnknownLabel(Exception):
    """A table's row label that is none of the things the table may hold."""

    def __init__(self, label, kind):
        super().__init__(label)
        self.label, self.kind = label, kind


def _wide(lines, make_rows):
    """(rows, errors) for every (line, year column) with a figure in a table that has years
    across; a line whose label is unknown is one error naming the line, and no row."""
    (_number, header), *body = lines
    rows, errors = [], []
    for number, cells in body:
        if cells == header or fold(cells[0]) in SKIPPED_LABELS:
            continue  # some GSO tables repeat their header line
        try:
            for label, value in zip(header[1:], cells[1:], strict=False):
                period, preliminary = _period(label)
                if period and value.strip() not in ("", ".."):
                    made = make_rows(cells[0], label, period, preliminary, value)
                    rows.extend((number, row) for row in made)
        except UnknownLabel as unknown:
            errors.append(
                RowError(
                    number,
                    None,
                    _(
                        "nhãn “%(label)s” không khớp %(kind)s nào; thêm nó vào bảng tên gọi "
                        "khác trong careers/gso.py nếu đó là cách viết khác của một %(kind)s."
                    )
                    % {"label": unknown.label.strip(), "kind": unknown.kind},
                )
            )
    return rows, errors


def employment_by_occupation():
    def make(name, _label, period, prel, value):
        key = fold(name)
        if key == "total":
            return [_row("lao-dong-co-viec-lam", period, prel, value, "ca-nuoc")]
        if key not in OCCUPATION_GROUPS:
            raise UnknownLabel(name, _("nhóm nghề"))
        return [
            _row(
                "lao-dong-co-viec-lam",
                period,
                prel,
                value,
                "ca-nuoc",
                isco=OCCUPATION_GROUPS[key],
            )
        ]

    return _wide(_read("employed_by_occupation.csv"), make)


def _sector_code(name, sectors):
    code = sectors.get(fold(name))
    if code is None:
        raise UnknownLabel(name, _("ngành kinh tế"))
    return code


def _sectors():
    """{folded English name or alias: VSIC section}."""
    names = {fold(sector.name_en): sector.code for sector in EconomicSector.objects.all()}
    return names | SECTOR_ALIASES


def employment_by_sector():
    sectors = _sectors()

    def make(name, label, period, prel, value):
        indicator = "co-cau-lao-dong" if label.startswith("Structure") else "lao-dong-co-viec-lam"
        if fold(name) == "total":
            total = _row(indicator, period, prel, value, "ca-nuoc")
            return [] if indicator == "co-cau-lao-dong" else [total]
        code = _sector_code(name, sectors)
        return [_row(indicator, period, prel, value, "ca-nuoc", sector=code)]

    return _wide(_read("employed_by_economic_activity.csv"), make)


def income_by_sector():
    sectors = _sectors()

    def make(name, _label, period, prel, value):
        if fold(name) == "total":
            return [_row("thu-nhap-khu-vuc-nha-nuoc", period, prel, value, "ca-nuoc")]
        code = _sector_code(name, sectors)
        return [_row("thu-nhap-khu-vuc-nha-nuoc", period, prel, value, "ca-nuoc", sector=code)]

    return _wide(_read("state_sector_income_by_economic_activity.csv"), make)


def income_per_capita_by_region():
    def make(name, _label, period, prel, value):
        region = REGIONS.get(fold(name))
        if region is None:
            raise UnknownLabel(name, _("vùng"))
        return [_row("thu-nhap-dau-nguoi", period, prel, value, region)]

    return _wide(_read("income_per_capita_by_region.csv"), make)


def trained_share_by_province(with_provinces=True):
    lines = _read("trained_share_by_province.csv")
    current_region = ""
    (_number, header), *body = lines
    rows = []
    for number, cells in body:
        region = REGIONS.get(fold(cells[0]))
        if region:
            current_region = region if region != Region.WHOLE_COUNTRY else ""
        elif not with_provinces:
            continue
        for label, value in zip(header[1:], cells[1:], strict=False):
            period, prel = _period(label)
            if not period or value.strip() in ("", ".."):
                continue
            area = region or cells[0].strip()
            rows.append(
                (
                    number,
                    _row(
                        "ty-le-qua-dao-tao",
                        period,
                        prel,
                        value,
                        area,
                        region="" if region else current_region,
                    ),
                )
            )
    return rows, []


TABLES = {
    "employed_by_occupation.csv": employment_by_occupation,
    "employed_by_economic_activity.csv": employment_by_sector,
    "state_sector_income_by_economic_activity.csv": income_by_sector,
    "income_per_capita_by_region.csv": income_per_capita_by_region,
    "trained_share_by_province.csv": trained_share_by_province,
}


def import_gso_yearbook(progress=None):
    """Import every copied GSO table. Province rows need the legacy provinces
    (``manage.py load_admin_units``); without them only national and regional rows load.

    Returns {file name: ImportResult}.
    """
    positions = {column.key: index for index, column in enumerate(SERIES_COLUMNS)}
    with_provinces = Province.objects.filter(structure=Structure.LEGACY).exists()
    results = {}
    for name, build in TABLES.items():
        body, errors = build(with_provinces) if build is trained_share_by_province else build()
        if errors:
            results[name] = ImportResult(rows=len(body) + len(errors), errors=errors)
        else:
            results[name] = import_series_rows(body, positions, ImportResult(), progress)
    return results
