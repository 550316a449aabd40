"""The shared table reader refuses oversized and hostile files before parsing them; the shared
cell rule keeps exported text from running as a formula."""

import io
import re
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from website.tables import ImportFileError, Limits, SafeCsvWriter, read_table, safe_cell

SMALL = Limits(bytes=100_000, rows=5, columns=4, cells=30)


def xlsx(fill):
    workbook = Workbook()
    fill(workbook.active)
    output = io.BytesIO()
    workbook.save(output)
    output.seek(0)
    return output


def refused(file, name, limits=SMALL):
    with pytest.raises(ImportFileError) as error:
        read_table(file, name, limits)
    return str(error.value)


def test_a_good_xlsx_reads_header_and_rows():
    def fill(sheet):
        sheet.append(["mã", "tên"])
        sheet.append(["6520227", "Điện công nghiệp"])

    header, body = read_table(xlsx(fill), "a.xlsx", SMALL)
    assert header == ["mã", "tên"] and body == [(2, ["6520227", "Điện công nghiệp"])]


def test_a_sheet_declaring_a_million_rows_is_refused_before_parsing():
    """1.8 KB that declares A1:XFD1048576 used to exhaust a worker's memory."""

    def fill(sheet):
        sheet["A1"] = "mã"
        sheet.cell(row=1_048_576, column=16_384, value="x")

    file = xlsx(fill)
    assert len(file.getvalue()) < 10_000
    assert "quá 5 dòng" in refused(file, "bom.xlsx")


def test_a_sheet_declaring_too_many_columns_is_refused():
    def fill(sheet):
        sheet.cell(row=1, column=200, value="x")

    assert "quá 4 cột" in refused(xlsx(fill), "rong.xlsx")


def test_rows_past_the_limit_are_refused_even_without_a_declared_dimension():
    def fill(sheet):
        for number in range(10):
            sheet.append([number])

    data = xlsx(fill).getvalue()
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item)
            if item.filename.startswith("xl/worksheets/"):
                content = re.sub(rb"<dimension[^>]*/>", b"", content)
            new.writestr(item, content)
    target.seek(0)
    assert b"dimension" not in zipfile.ZipFile(io.BytesIO(target.getvalue())).read(
        "xl/worksheets/sheet1.xml"
    )
    assert "quá 5 dòng" in refused(target, "khong-kich-thuoc.xlsx")


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it():
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/sharedStrings.xml", b"0" * (20 * 1024 * 1024))
    target.seek(0)
    assert len(target.getvalue()) < 100_000
    assert "bom nén" in refused(target, "bom.xlsx", Limits())


def test_too_many_bytes_is_refused_before_reading_the_rest():
    file = io.BytesIO(b"a,b\n" + b"1,2\n" * 50_000)
    assert "lớn hơn" in refused(file, "to.csv")


def test_csv_rows_columns_and_cells_are_limited():
    assert "quá 5 dòng" in refused(io.BytesIO(b"a\n" + b"1\n" * 6), "dai.csv")
    assert "quá 4 cột" in refused(io.BytesIO(b"a,b,c,d,e\n"), "rong.csv")
    header, body = read_table(io.BytesIO(b"a\n" + b"1\n" * 5), "du.csv", SMALL)
    assert len(body) == 5


def test_a_nul_in_a_cell_names_its_row_and_column():
    message = refused(io.BytesIO(b"a,b\n1,x\x00y\n"), "nul.csv")
    assert message.startswith("Dòng 2, cột B: có ký tự điều khiển")


def test_a_damaged_xlsx_is_a_clear_error():
    assert "tệp hỏng" in refused(io.BytesIO(b"PK\x03\x04 not a zip"), "hong.xlsx")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x","bấm")', '\'=HYPERLINK("http://x","bấm")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("@SUM(1+1)", "'@SUM(1+1)"),
        ("-2+3", "'-2+3"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-5,5", "-5,5"),
        ("=", "="),
        ("-", "-"),
        ("+84", "+84"),
        ("Ghi chú thường", "Ghi chú thường"),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
    ],
)
def test_cells_that_would_run_as_formulas_are_neutralised(value, written):
    assert safe_cell(value) == written


def test_the_safe_csv_writer_neutralises_every_cell():
    output = io.StringIO()
    SafeCsvWriter(output, lineterminator="\n").writerows([["=1+1", "a"], ["@x", 2]])
    assert output.getvalue() == "'=1+1,a\n'@x,2\n"


def test_a_neutralised_cell_is_text_in_xlsx():
    from openpyxl import Workbook as WriteWorkbook

    workbook = WriteWorkbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append([safe_cell("=HYPERLINK(1)"), safe_cell(5)])
    output = io.BytesIO()
    workbook.save(output)
    cells = list(load_workbook(io.BytesIO(output.getvalue())).active.iter_rows())[0]
    assert cells[0].data_type == "s" and cells[0].value == "'=HYPERLINK(1)"
    assert cells[1].data_type == "n" and cells[1].value == 5
