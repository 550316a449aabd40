import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from django.core.management import CommandError, call_command

from careers.gso import import_gso_yearbook
from careers.importers import import_isco, import_series, import_training_fields
from careers.models import IscoGroup, LabourFigure, TrainingField
from tests.careers import factories
from website.models import Structure

pytestmark = pytest.mark.django_db

HEADER = (
    "chỉ tiêu,nhóm nghề,ngành kinh tế,nghề,khu vực,hệ thống,kỳ,giá trị,đơn vị,nguồn,"
    "ngày tham chiếu,dữ liệu mẫu"
)
GOOD_ROWS = [
    'lao-dong-co-viec-lam,7,,,Cả nước,,2016,"6827,0",nghìn người,Niên giám 2016,31/12/2016,không',
    "lao-dong-co-viec-lam,,C,,ca-nuoc,,2016,8866.6,,Niên giám 2016,31/12/2016,",
    'ty-le-qua-dao-tao,,,,Hà Nội,2019,2016,"42,7",%,Niên giám 2016,31/12/2016,không',
    "nhu-cau-lao-dong,,,dien-dan-dung,dong-nam-bo,,2026-Q3,1.250,người,Khảo sát của Sở,"
    "30/09/2026,có",
]


@pytest.fixture
def references(electrician):
    factories.isco_group("7")
    factories.province("Hà Nội", Structure.LEGACY, code="01")
    return electrician


def csv_file(rows, header=HEADER):
    return io.BytesIO(("\ufeff" + "\n".join([header, *rows]) + "\n").encode("utf-8"))


def snapshot():
    return list(
        LabourFigure.objects.order_by("key").values_list(
            "key", "value", "unit", "source", "reference_date", "is_sample", "is_preliminary"
        )
    )


def test_good_file_imports_every_row(references):
    result = import_series(csv_file(GOOD_ROWS), "so-lieu.csv")

    assert result.ok, [str(error) for error in result.errors]
    assert (result.rows, result.created) == (4, 4)
    craft = LabourFigure.objects.get(isco_group__code="7")
    assert craft.value == Decimal("6827.000")
    assert craft.region == "ca-nuoc"
    assert str(craft.reference_date) == "2016-12-31"
    manufacturing = LabourFigure.objects.get(sector__code="C")
    assert manufacturing.unit == "nghìn người"  # the indicator's default unit
    hanoi = LabourFigure.objects.get(province__isnull=False)
    assert hanoi.province.structure == Structure.LEGACY
    demand = LabourFigure.objects.get(occupation=references)
    assert demand.value == Decimal("1250") and demand.is_sample and demand.period == "2026-Q3"


def test_one_bad_row_writes_nothing_and_names_row_and_column(references):
    rows = [*GOOD_ROWS[:2], GOOD_ROWS[2].replace('"42,7"', "abc"), GOOD_ROWS[3]]

    result = import_series(csv_file(rows), "so-lieu.csv")

    assert not result.ok
    assert [str(error) for error in result.errors] == [
        "Dòng 4, cột “giá trị”: “abc” không phải là số."
    ]
    assert LabourFigure.objects.count() == 0


def test_every_bad_cell_is_reported_in_vietnamese(references):
    rows = [
        "khong-co,,,,Cả nước,,2016,1,,Nguồn,31/12/2016,",
        "lao-dong-co-viec-lam,9999,,,Sao Hỏa,,16,1,,,32/13/2016,hmm",
        "lao-dong-co-viec-lam,7,C,,Cả nước,,2016,1,,Nguồn,31/12/2016,",
    ]
    messages = [str(e) for e in import_series(csv_file(rows), "x.csv").errors]

    assert "Dòng 2, cột “chỉ tiêu”: “khong-co” không phải là chỉ tiêu đã khai báo." in messages
    assert "Dòng 3, cột “nhóm nghề”: “9999” không phải là mã ISCO-08." in messages
    assert any(m.startswith("Dòng 3, cột “khu vực”: không có “Sao Hỏa”") for m in messages)
    assert any(m.startswith("Dòng 3, cột “kỳ”") for m in messages)
    assert "Dòng 3, cột “nguồn”: bắt buộc: mỗi số liệu phải có nguồn." in messages
    assert any(m.startswith("Dòng 3, cột “ngày tham chiếu”") for m in messages)
    assert any(m.startswith("Dòng 3, cột “dữ liệu mẫu”") for m in messages)
    assert any(m.startswith("Dòng 4: chỉ điền một trong ba cột") for m in messages)
    assert LabourFigure.objects.count() == 0


def test_duplicate_rows_are_refused(references):
    result = import_series(csv_file([GOOD_ROWS[0], GOOD_ROWS[0]]), "x.csv")
    assert [str(e) for e in result.errors] == [
        "Dòng 3: trùng với dòng 2 (cùng chỉ tiêu, đối tượng, nhóm, khu vực và kỳ)."
    ]


def test_missing_and_unknown_columns_are_named(references):
    header = HEADER.replace("giá trị", "gia tri la gi")
    result = import_series(csv_file(GOOD_ROWS, header=header), "x.csv")
    assert [str(e) for e in result.errors] == [
        "Thiếu cột: “giá trị”. Cột không có trong mẫu: “gia tri la gi”."
    ]


def test_reimporting_the_same_file_changes_nothing(references):
    first = import_series(csv_file(GOOD_ROWS), "x.csv")
    before = snapshot()

    second = import_series(csv_file(GOOD_ROWS), "x.csv")

    assert first.created == 4
    assert (second.created, second.updated, second.unchanged) == (0, 0, 4)
    assert snapshot() == before


def test_reimport_with_a_corrected_value_updates_that_figure(references):
    import_series(csv_file(GOOD_ROWS), "x.csv")
    corrected = [GOOD_ROWS[0].replace('"6827,0"', "6900"), *GOOD_ROWS[1:]]

    result = import_series(csv_file(corrected), "x.csv")

    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    assert LabourFigure.objects.get(isco_group__code="7").value == Decimal("6900")


def test_xlsx_files_import_like_csv(references):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["lao-dong-co-viec-lam", "7", None, None, "Cả nước", None, 2016, 6827.5])
    sheet.append(["lao-dong-co-viec-lam", None, "C", None, "ca-nuoc", None, 2016, 8866.6])
    for row in sheet.iter_rows(min_row=2):
        row[9].value = "Niên giám 2016"
        row[10].value = __import__("datetime").datetime(2016, 12, 31)
    data = io.BytesIO()
    workbook.save(data)
    data.seek(0)

    result = import_series(data, "so-lieu.xlsx")

    assert result.ok, [str(e) for e in result.errors]
    assert LabourFigure.objects.get(isco_group__code="7").value == Decimal("6827.5")


def test_other_file_types_are_refused(references):
    result = import_series(io.BytesIO(b"x"), "so-lieu.pdf")
    assert [str(e) for e in result.errors] == ["Chỉ nhận tệp .csv hoặc .xlsx."]


def test_command_imports_and_reports(references, tmp_path, capsys):
    path = tmp_path / "so-lieu.csv"
    path.write_bytes(csv_file(GOOD_ROWS).getvalue())
    call_command("import_labour_series", str(path))
    assert "Đã nhập 4 dòng: 4 mới, 0 cập nhật, 0 không đổi." in capsys.readouterr().out

    call_command("import_labour_series", str(path))
    assert "0 mới, 0 cập nhật, 4 không đổi." in capsys.readouterr().out


def test_command_with_a_bad_row_writes_nothing(references, tmp_path, capsys):
    path = tmp_path / "so-lieu.csv"
    path.write_bytes(
        csv_file([*GOOD_ROWS, GOOD_ROWS[0].replace("2016,", "năm ngoái,", 1)]).getvalue()
    )
    with pytest.raises(CommandError, match="Không ghi dòng nào: 1 lỗi trong 5 dòng."):
        call_command("import_labour_series", str(path))
    assert "Dòng 6, cột “kỳ”" in capsys.readouterr().err
    assert LabourFigure.objects.count() == 0


def test_import_isco_loads_groups_and_interests_once(db, capsys):
    assert import_isco() == (619, 0)
    electricians = IscoGroup.objects.get(code="7411")
    assert electricians.holland_code == "RCI"
    assert electricians.parent.code == "741"
    assert electricians.parent.parent.parent.code == "7"
    assert IscoGroup.objects.get(code="9").title_vi == "Lao động giản đơn"
    assert import_isco() == (0, 0)

    call_command("import_isco")
    assert "ISCO-08: 0 nhóm mới, 0 cập nhật." in capsys.readouterr().out


def test_isco_groups_used_by_occupations_have_vietnamese_names(db):
    """Public pages name ISCO-08 groups in Vietnamese: every major group, and every group in
    the chain of each demo occupation; the English stays as the secondary label."""
    from careers.demo import CAREERS_DEMO
    from website.demo import pages_of, read_data

    import_isco()
    needed = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
    for occupation in pages_of(read_data(CAREERS_DEMO.folder), "careers.OccupationPage"):
        code = occupation["isco_group"]["code"]
        needed |= {code[:length] for length in range(1, len(code) + 1)}
    groups = IscoGroup.objects.filter(code__in=needed)
    assert groups.count() == len(needed)
    assert [group.code for group in groups if not group.title_vi] == []
    assert IscoGroup.objects.get(code="522").title_vi == "Nhân viên bán hàng tại cửa hàng"
    assert IscoGroup.objects.get(code="522").title_en == "Shop Salespersons"  # not “Aalespersons”
    assert not IscoGroup.objects.filter(title_en__contains="Aalespersons").exists()
    assert IscoGroup.objects.get(code="7").title == (
        "Lao động thủ công và các nghề nghiệp có liên quan khác"
    )


def test_an_editors_vietnamese_isco_name_is_kept_on_reload(db):
    import_isco()
    IscoGroup.objects.filter(code="7411").update(title_vi="Thợ điện xây dựng")
    assert import_isco() == (0, 0)
    assert IscoGroup.objects.get(code="7411").title_vi == "Thợ điện xây dựng"


def test_training_fields_are_there_and_reload_idempotently(db):
    assert TrainingField.objects.count() == 24
    assert import_training_fields() == 0
    assert TrainingField.objects.get(code="48").name == "Máy tính và công nghệ thông tin"


def test_gso_tables_load_national_and_regional_figures(db):
    import_isco()
    results = import_gso_yearbook()

    assert all(result.ok for result in results.values()), {
        name: [str(e) for e in r.errors[:3]] for name, r in results.items()
    }
    craft_2016 = LabourFigure.objects.get(
        indicator__slug="lao-dong-co-viec-lam", isco_group__code="7", period="2016"
    )
    assert craft_2016.value == Decimal("6827.000")
    assert craft_2016.is_preliminary
    assert craft_2016.source == "Tổng cục Thống kê, Niên giám thống kê 2016"
    assert LabourFigure.objects.filter(
        indicator__slug="thu-nhap-khu-vuc-nha-nuoc", sector__code="F", period="2016"
    ).get().value == Decimal("8549.200")
    assert (
        LabourFigure.objects.filter(
            indicator__slug="ty-le-qua-dao-tao", region="tay-nguyen"
        ).count()
        == 9
    )
    again = import_gso_yearbook()
    assert sum(result.created + result.updated for result in again.values()) == 0


def test_gso_sector_spelled_stream_is_imported_not_dropped(db):
    """The yearbook's employment table spells section D “Electricity, gas, stream …”: its 22
    values (employment and its share, 2005–2016) are imported through the alias table."""
    import_isco()
    assert all(result.ok for result in import_gso_yearbook().values())
    electricity = LabourFigure.objects.filter(
        sector__code="D", indicator__slug__in=["lao-dong-co-viec-lam", "co-cau-lao-dong"]
    )
    assert electricity.count() == 22
    assert electricity.get(indicator__slug="lao-dong-co-viec-lam", period="2005").value == (
        Decimal("135.400")
    )
    assert LabourFigure.objects.filter(
        indicator__slug="thu-nhap-khu-vuc-nha-nuoc", sector__code="D"
    ).exists()


def test_gso_label_that_matches_nothing_is_an_error_naming_its_row(db, monkeypatch):
    from careers import gso

    import_isco()
    monkeypatch.setattr(gso, "SECTOR_ALIASES", {})  # without the alias, “stream” is unknown
    result = import_gso_yearbook()["employed_by_economic_activity.csv"]
    assert not result.ok
    assert [str(error) for error in result.errors] == [
        "Dòng 8: nhãn “Electricity, gas, stream and air conditioning supply” không khớp ngành "
        "kinh tế nào; thêm nó vào bảng tên gọi khác trong careers/gso.py nếu đó là cách viết "
        "khác của một ngành kinh tế."
    ]
    assert not LabourFigure.objects.filter(indicator__slug="co-cau-lao-dong").exists()


def test_gso_labels_the_tables_skip_are_listed_explicitly():
    from careers import gso

    assert {"others"} == gso.SKIPPED_LABELS  # GSO's “Others” occupation row, not ISCO-08
    assert gso.SECTOR_ALIASES == {"electricity gas stream and air conditioning supply": "D"}


def test_gso_province_table_refuses_provinces_it_cannot_find(db):
    import_isco()
    factories.province("Hà Nội", Structure.LEGACY, code="01")  # only one of the 63

    result = import_gso_yearbook()["trained_share_by_province.csv"]

    assert not result.ok
    assert any(
        str(error).startswith("Dòng 7, cột “khu vực”: không có “Vinh Phuc”")
        for error in result.errors
    )
    assert not LabourFigure.objects.filter(indicator__slug="ty-le-qua-dao-tao").exists()


def test_command_shows_a_progress_bar_on_long_files(references, tmp_path, capsys):
    rows = [
        f"lao-dong-co-viec-lam,,,,Cả nước,,{year},{year},,Nguồn,31/12/2016,"
        for year in range(1000, 2200)
    ]
    path = tmp_path / "dai.csv"
    path.write_bytes(csv_file(rows).getvalue())

    call_command("import_labour_series", str(path))

    output = capsys.readouterr()
    assert "kiểm tra [" in output.err and "ghi [" in output.err and "1200/1200" in output.err
    assert "Đã nhập 1200 dòng: 1200 mới" in output.out
