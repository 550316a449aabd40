"""Recent labour-force figures (careers/data/lfs_recent/, 2019–2025) in the published series
format, so that they are loaded through the same import and validation as an editor's file.

The shared files are tidy CSV, one figure a row (see careers/data/SOURCES.md). ``convert``
turns every row of the income and labour-force files into a row of the series format
(docs/labour-data.md) and writes ``careers/data/lfs_recent_series.csv``; ``manage.py
convert_lfs_recent`` runs it, ``import_labour_series`` (or the demo) loads the result. A row
the conversion cannot place — an unknown indicator, breakdown, area, unit, period or
publisher — is an error naming its file and line, never skipped. Two rows for the same
figure (same indicator, group, area and period) become one: the statistics office's value is
kept and the other source, with its value, is written in the note.
"""

import calendar
import csv
import datetime
import io
import re
from pathlib import Path

from careers.importers import SERIES_COLUMNS

LFS_DIR = Path(__file__).resolve().parent / "data" / "lfs_recent"
SERIES_FILE = Path(__file__).resolve().parent / "data" / "lfs_recent_series.csv"
FILES = ["income_monthly_2019_2025.csv", "labour_force_unemployment_training_2019_2025.csv"]

# lfs indicator → (our indicator code, sort order). The indicators (names, units and the
# caveat of each concept) are created by migration careers.0008.
INDICATORS = {
    "avg_monthly_income_employed": "thu-nhap-binh-quan-lao-dong",
    "avg_monthly_income_wage_workers": "thu-nhap-binh-quan-lao-dong-lam-cong",
    "avg_monthly_income_workers_molisa": "thu-nhap-binh-quan-bo-ldtbxh",
    "labour_force_15plus": "luc-luong-lao-dong",
    "labour_force_participation_rate": "ty-le-tham-gia-luc-luong-lao-dong",
    "employed_15plus": "so-nguoi-co-viec-lam",
    "employment_share": "co-cau-lao-dong-theo-khu-vuc",
    "unemployment_rate_working_age": "ty-le-that-nghiep",
    "unemployment_rate_15plus": "ty-le-that-nghiep-15-tuoi",
    "unemployment_rate": "ty-le-that-nghiep-bo-ldtbxh",
    "unemployment_rate_youth": "ty-le-that-nghiep-thanh-nien",
    "unemployed_working_age": "so-nguoi-that-nghiep",
    "unemployed_youth": "so-thanh-nien-that-nghiep",
    "underemployment_rate_working_age": "ty-le-thieu-viec-lam",
    "underemployed_working_age": "so-nguoi-thieu-viec-lam",
    "neet_rate_youth": "ty-le-thanh-nien-neet",
    "neet_youth": "so-thanh-nien-neet",
    "trained_share_with_degree_certificate": "ty-le-lao-dong-co-bang-cap",
    "trained_share_any_training": "ty-le-lao-dong-qua-dao-tao-bo-ldtbxh",
}
UNITS = {
    "million VND per month": "triệu đồng/tháng",
    "%": "%",
    "million persons": "triệu người",
    "thousand persons": "nghìn người",
}
PUBLISHERS = {
    "Tổng cục Thống kê (GSO), Bộ Kế hoạch và Đầu tư": "Tổng cục Thống kê (Bộ Kế hoạch và Đầu tư)",
    "Cục Thống kê (NSO, formerly GSO), Bộ Tài chính": "Cục Thống kê (Bộ Tài chính)",
    "Bộ Lao động - Thương binh và Xã hội (MOLISA), citing GSO": (
        "Bộ Lao động – Thương binh và Xã hội, dẫn số liệu Tổng cục Thống kê"
    ),
    "Bộ Lao động - Thương binh và Xã hội (MOLISA)": "Bộ Lao động – Thương binh và Xã hội",
    "Trường Đại học Cần Thơ, citing GSO": "Trường Đại học Cần Thơ, dẫn số liệu Tổng cục Thống kê",
    "Chính phủ / Bộ Giáo dục và Đào tạo (as reported)": "Chính phủ / Bộ Giáo dục và Đào tạo",
}
WORDS = {
    "male": "nam",
    "female": "nữ",
    "urban": "thành thị",
    "rural": "nông thôn",
    "15-24": "15–24 tuổi",
    "agriculture, forestry, fishery": "Nông, lâm nghiệp và thủy sản",
    "industry and construction": "Công nghiệp và xây dựng",
    "services": "Dịch vụ",
}
# Breakdowns that are a population group of the figure (the series' “nhóm” column).
GROUP_BREAKDOWNS = {"sex", "area", "education", "qualification", "sector", "age_group"}
QUALIFIERS = ("khoảng", "hơn", "gần")  # about, more than, nearly — as printed


class ConversionError(Exception):
    pass


def _vietnamese(value):
    """“Cao đẳng (college)” → “Cao đẳng”; an English word through WORDS."""
    value = value.strip()
    if value in WORDS:
        return WORDS[value]
    if "(" in value:
        return value.split(" (")[0].strip()
    raise ConversionError(f"breakdown “{value}” has no Vietnamese label")


def _group(kind, value):
    if "+" in kind:  # age_group+sex: “15-24 female”
        age, other = value.split(" ", 1)
        return f"{_vietnamese(age)}, {_vietnamese(other)}"
    return _vietnamese(value)


def _reference_date(period):
    if ".." in period:
        period = period.split("..")[1]
    year = int(period[:4])
    rest = period[5:]
    if not rest:
        month = 12
    elif rest.startswith("Q"):
        month = int(rest[1]) * 3
    elif rest.startswith("H"):
        month = int(rest[1]) * 6
    else:
        month = int(rest)
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


# Where each figure was read (the start of the source note) → the Vietnamese words for it.
READ_IN = [
    ("read on the MOLISA website", "đọc trên trang của Bộ LĐ-TB&XH"),
    ("blog post", "đọc qua bài blog của một trường đại học dẫn báo cáo chính thức"),
    ("e-book", "đọc trong sách điện tử của Trường Đại học Cần Thơ dẫn Tổng cục Thống kê"),
    ("read on a", "đọc qua trang đăng lại bài báo đưa tin về bản công bố chính thức"),
    ("read in", "đọc qua bài báo đưa tin về bản công bố chính thức"),
]


def _note(row):
    note = row["note"]
    where = next((words for start, words in READ_IN if start in note.split(";")[0]), None)
    if where is None:
        raise ConversionError(f"note “{note[:60]}” does not say where the figure was read")
    parts = [f"nguồn ghi “{word}”" for word in QUALIFIERS if re.search(rf"'{word}\b", note)]
    parts.append(f"{where}, chưa đối chiếu bản gốc")
    if "lower confidence" in note or "inferred" in note:
        parts.append("độ tin cậy thấp hơn")
    return "; ".join(parts)


def convert_row(row):
    """One lfs row → {series column key: cell}."""
    indicator = INDICATORS.get(row["indicator"])
    if indicator is None:
        raise ConversionError(f"indicator “{row['indicator']}” is not mapped")
    unit = UNITS.get(row["unit"])
    if unit is None:
        raise ConversionError(f"unit “{row['unit']}” is not mapped")
    publisher = PUBLISHERS.get(row["source_publisher"])
    if publisher is None:
        raise ConversionError(f"publisher “{row['source_publisher']}” is not mapped")
    cells = dict.fromkeys((column.key for column in SERIES_COLUMNS), "")
    kind, value = row["breakdown_type"], row["breakdown_value"]
    area = "ca-nuoc" if row["area"] == "Viet Nam" else row["area"]
    if kind == "total":
        pass
    elif kind == "occupation":  # “9 Lao động giản đơn (elementary occupations)”
        cells["isco"] = value.split(" ", 1)[0]
    elif kind == "industry":  # “Khai khoáng (B)”
        cells["sector"] = re.search(r"\(([A-U])\)$", value).group(1)
    elif kind == "region":  # “Đông Nam Bộ (South East)”, “total (cả nước)”
        area = "ca-nuoc" if value.startswith("total") else value.split(" (")[0]
    elif kind == "province":
        area = value
    elif kind.split("+")[0] in GROUP_BREAKDOWNS:
        cells["breakdown"] = _group(kind, value)
    else:
        raise ConversionError(f"breakdown type “{kind}” is not mapped")
    cells |= {
        "indicator": indicator,
        "area": area,
        # Provinces are pre-July-2025 units (careers/data/SOURCES.md).
        "structure": "2019" if area != "ca-nuoc" and kind == "province" else "",
        "period": row["period"],
        "value": row["value"].replace(".", ","),
        "unit": unit,
        "preliminary": "không",
        "source": f"{publisher}: {row['source_title']}"[:300],
        "reference_date": _reference_date(row["period"]).strftime("%d/%m/%Y"),
        "sample": "không",
        "note": _note(row),
    }
    return cells


STATISTICS_OFFICES = ("Tổng cục Thống kê (Bộ", "Cục Thống kê (Bộ")
KEY_COLUMNS = ("indicator", "isco", "sector", "area", "breakdown", "period")


def _merge(first, other):
    """One figure published twice: keep the statistics office's value, note the other."""
    primary, second = first, other
    if not first["source"].startswith(STATISTICS_OFFICES) and other["source"].startswith(
        STATISTICS_OFFICES
    ):
        primary, second = other, first
    same = "cùng số" if primary["value"] == second["value"] else f"số {second['value']}"
    note = f"{primary['note']}; {same} trong {second['source']}"
    return primary | {"note": note[:500]}


def convert(directory=LFS_DIR):
    """The series-format CSV text of every row of FILES; raises ConversionError naming the
    file and line of the first row it cannot place."""
    figures = {}
    for name in FILES:
        with (Path(directory) / name).open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                try:
                    cells = convert_row(row)
                except (ConversionError, AttributeError, ValueError) as error:
                    raise ConversionError(f"{name}, dòng {line}: {error}") from error
                key = tuple(cells[column] for column in KEY_COLUMNS)
                figures[key] = _merge(figures[key], cells) if key in figures else cells
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.label for column in SERIES_COLUMNS])
    for cells in figures.values():
        writer.writerow([cells[column.key] for column in SERIES_COLUMNS])
    return buffer.getvalue()


def write_series_file(path=SERIES_FILE):
    text = convert()
    Path(path).write_text(text, encoding="utf-8")
    return text.count("\n") - 1
