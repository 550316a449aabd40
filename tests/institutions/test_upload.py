"""Bulk upload of programmes: good file, bad file (nothing written), XLSX, idempotent."""

import io

import pytest
from openpyxl import Workbook

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import WorkflowState

from institutions import importers
from institutions.models import ProgramPage

pytestmark = pytest.mark.django_db

HEADER = (
    "mã ngành,tên ngành,trình độ,thời gian (tháng),hình thức,9+,điều kiện vào học,chỉ tiêu,"
    "nhận hồ sơ từ,nhận hồ sơ đến,học phí (đồng),học phí tính theo,miễn giảm học phí,nơi học,"
    "nghề,giới thiệu,ngừng tuyển sinh"
)
GOOD = [
    "6520227,Điện công nghiệp,cao đẳng,30,chính quy,không,Tốt nghiệp THPT,60,01/03/2027,"
    "30/09/2027,1.200.000,tháng,Miễn cho học sinh dân tộc thiểu số,Cơ sở 1,dien-cn,,không",
    "5520227,Điện công nghiệp,trung cấp,24,chính quy,có,Tốt nghiệp THCS,80,,,0,năm,"
    "Miễn học phí cho người tốt nghiệp THCS,,Điện công nghiệp,,",
    ",Điện dân dụng,sơ cấp,3,vừa làm vừa học,,Từ đủ 15 tuổi,30,,,2500000,khóa học,,,,,",
]


def csv_file(*rows, name="nganh.csv"):
    return SimpleUploadedFile(name, "\n".join([HEADER, *rows]).encode("utf-8-sig"))


def test_good_file_previews_then_writes_and_submits(client, school_a, staff_a, occupation):
    client.force_login(staff_a)
    url = f"/admin/truong/{school_a.pk}/tai-len/"
    response = client.post(url, {"file": csv_file(*GOOD)})
    assert response.status_code == 200
    check = response.context["check"]
    assert check.ok, [str(error) for error in check.errors]
    assert [row.action for row in check.rows] == ["tạo mới"] * 3
    assert ProgramPage.objects.count() == 0  # the preview writes nothing

    response = client.post(url, {"confirm": "1", "table": response.context["token"]})
    assert response.status_code == 302
    pages = {page.code: page for page in ProgramPage.objects.child_of(school_a).specific()}
    assert set(pages) == {"6520227", "5520227", ""}
    assert len({page.slug for page in pages.values()}) == 3
    college = pages["6520227"]
    assert not college.live
    assert college.training_field.code == "52"
    assert list(college.occupations.all()) == [occupation]
    assert list(pages["5520227"].occupations.all()) == [occupation]  # found by title
    assert pages["5520227"].nine_plus and pages["5520227"].tuition == 0
    assert WorkflowState.objects.filter(status="in_progress").count() == 3

    # The same file again: nothing to change.
    response = client.post(url, {"file": csv_file(*GOOD)})
    assert [row.action for row in response.context["check"].rows] == ["không đổi"] * 3


def test_bad_file_writes_nothing_and_says_why(client, school_a, staff_a, occupation):
    client.force_login(staff_a)
    bad = [
        GOOD[0],
        "12345,Hàn,cao đẳng,24,chính quy,không,Tốt nghiệp THPT,,,,,,,,,,",
        "5480201,Tin học,cao đẳng,abc,ban ngày,có,,,,31/02/2027,nhiều,tuần,,,nghe-khong-co,,",
        GOOD[0],
    ]
    url = f"/admin/truong/{school_a.pk}/tai-len/"
    response = client.post(url, {"file": csv_file(*bad)})
    html = response.content.decode()
    errors = [str(error) for error in response.context["check"].errors]
    assert "Dòng 3, cột “mã ngành”: “12345” không phải mã 7 chữ số." in errors
    assert any(e.startswith("Dòng 4, cột “mã ngành”") and "không khớp" in e for e in errors)
    assert any(e.startswith("Dòng 4, cột “thời gian (tháng)”") for e in errors)
    assert any(e.startswith("Dòng 4, cột “hình thức”") for e in errors)
    assert any(e.startswith("Dòng 4, cột “điều kiện vào học”") for e in errors)
    assert any(e.startswith("Dòng 4, cột “nhận hồ sơ đến”") for e in errors)
    assert any(e.startswith("Dòng 4, cột “học phí (đồng)”") for e in errors)
    assert any(e.startswith("Dòng 4, cột “học phí tính theo”") for e in errors)
    assert any(e.startswith("Dòng 4, cột “nghề”") for e in errors)
    assert any(e.startswith("Dòng 5, cột “mã ngành”") and "trùng" in e for e in errors)
    assert "Không ghi dòng nào" in html
    assert 'name="confirm"' not in html
    assert ProgramPage.objects.count() == 0


def test_apply_rechecks_and_writes_nothing_if_a_row_went_bad(school_a, staff_a, occupation):
    table = importers.read_upload(csv_file(*GOOD), "nganh.csv")
    occupation.unpublish()  # the linked occupation disappeared between preview and confirm
    check, result = importers.apply_programmes(school_a, table, staff_a)
    assert result is None and not check.ok
    assert ProgramPage.objects.count() == 0


def test_tampered_or_stale_token_is_refused(client, school_a, staff_a):
    client.force_login(staff_a)
    response = client.post(
        f"/admin/truong/{school_a.pk}/tai-len/", {"confirm": "1", "table": "gia-mao"}
    )
    assert "hết hạn" in response.content.decode()
    assert ProgramPage.objects.count() == 0


def test_xlsx_upload_and_update(client, school_a, editor, occupation):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(
        ["6520227", "Điện công nghiệp", "Cao đẳng", 30, "Chính quy", "", "Tốt nghiệp THPT", 60]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = importers.read_upload(io.BytesIO(buffer.getvalue()), "nganh.xlsx")
    check, result = importers.apply_programmes(school_a, table, editor)
    assert check.ok, [str(e) for e in check.errors]
    assert result.created == 1 and result.published == 1  # an editor publishes at once
    page = ProgramPage.objects.get(code="6520227")
    assert page.live

    sheet["H2"] = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = importers.read_upload(io.BytesIO(buffer.getvalue()), "nganh.xlsx")
    check = importers.check_programmes(school_a, table)
    changes = [(row.action, [str(change) for change in row.changes]) for row in check.rows]
    assert changes == [("cập nhật", ["chỉ tiêu: 60 → 90"])]


def test_wrong_columns_and_wrong_file_type(school_a):
    from website.tables import ImportFileError

    with pytest.raises(ImportFileError, match="Thiếu cột"):
        importers.read_upload(SimpleUploadedFile("a.csv", b"ten nganh\nX\n"), "a.csv")
    with pytest.raises(ImportFileError, match=r"\.csv hoặc \.xlsx"):
        importers.read_upload(SimpleUploadedFile("a.pdf", b"x"), "a.pdf")


def test_the_template_file_uploads_cleanly(client, school_a, staff_a, occupation):
    client.force_login(staff_a)
    response = client.get("/admin/truong/mau-danh-sach-nganh/")
    assert response["Content-Type"].startswith("text/csv")
    upload = SimpleUploadedFile("mau.csv", response.content)
    response = client.post(f"/admin/truong/{school_a.pk}/tai-len/", {"file": upload})
    assert response.context["check"].ok, [str(e) for e in response.context["check"].errors]


def test_anonymous_and_editors_without_schools(client):
    assert client.get("/admin/truong/mau-danh-sach-nganh/").status_code == 302


def test_a_declared_huge_sheet_is_refused_before_parsing(client, school_a, staff_a):
    """1.8 KB declaring A1:XFD1048576 exhausted a worker's memory on the programme upload."""
    workbook = Workbook()
    workbook.active["A1"] = "mã ngành"
    workbook.active.cell(row=1_048_576, column=16_384, value="x")
    data = io.BytesIO()
    workbook.save(data)
    client.force_login(staff_a)
    upload = SimpleUploadedFile("bom.xlsx", data.getvalue())
    response = client.post(f"/admin/truong/{school_a.pk}/tai-len/", {"file": upload})
    assert response.status_code == 200
    assert "Tệp có quá 500 dòng số liệu: hãy chia nhỏ." in response.content.decode()
    assert ProgramPage.objects.count() == 0


def test_a_nul_in_a_cell_is_an_error_naming_the_cell(client, school_a, staff_a):
    """A NUL reached PostgreSQL and failed the upload with a 500."""
    client.force_login(staff_a)
    bad = GOOD[0].replace("Tốt nghiệp THPT", "Tốt nghiệp\x00THPT")
    response = client.post(f"/admin/truong/{school_a.pk}/tai-len/", {"file": csv_file(bad)})
    assert response.status_code == 200
    assert "Dòng 2, cột G: có ký tự điều khiển" in response.content.decode()
    assert ProgramPage.objects.count() == 0


def test_101_programmes_with_the_same_title_each_get_a_slug(client, school_a, staff_a):
    """The slug search gave up after 100 candidates: a 500 (StopIteration) on confirm."""
    rows = [
        f"{6520000 + n},Điện công nghiệp,cao đẳng,30,chính quy,không,Tốt nghiệp THPT" + ",,,,,,,,,,"
        for n in range(101)
    ]
    client.force_login(staff_a)
    url = f"/admin/truong/{school_a.pk}/tai-len/"
    response = client.post(url, {"file": csv_file(*rows)})
    assert response.context["check"].ok, [str(e) for e in response.context["check"].errors]
    response = client.post(url, {"confirm": "1", "table": response.context["token"]})
    assert response.status_code == 302
    slugs = set(ProgramPage.objects.child_of(school_a).values_list("slug", flat=True))
    assert len(slugs) == 101


def upload(client, url, *rows):
    response = client.post(url, {"file": csv_file(*rows)})
    check = response.context["check"]
    assert check.ok, [str(error) for error in check.errors]
    return response


def test_an_empty_cell_leaves_the_programme_as_it_is(client, school_a, staff_a, occupation):
    client.force_login(staff_a)
    url = f"/admin/truong/{school_a.pk}/tai-len/"
    response = upload(client, url, GOOD[0])
    client.post(url, {"confirm": "1", "table": response.context["token"]})

    # Only the code and the new fee: every other cell is empty, the programme keeps it.
    response = upload(client, url, "6520227,,,,,,,,,,1.350.000,,,,,,")
    (row,) = response.context["check"].rows
    assert row.action == "cập nhật"
    assert [str(change) for change in row.changes] == ["học phí (đồng): 1.200.000 đ → 1.350.000 đ"]
    html = response.content.decode()
    assert "<del>1.200.000 đ</del> → <ins>1.350.000 đ</ins>" in html
    assert "<td>Cao đẳng</td>" in html and "1.350.000 đ" in html
    client.post(url, {"confirm": "1", "table": response.context["token"]})

    page = ProgramPage.objects.get(code="6520227").get_latest_revision_as_object()
    assert page.tuition == 1_350_000
    assert page.title == "Điện công nghiệp" and page.duration_months == 30
    assert page.entry_requirements == "Tốt nghiệp THPT"
    assert page.tuition_exemptions == "Miễn cho học sinh dân tộc thiểu số"
    assert page.campus == "Cơ sở 1" and page.quota == 60
    assert page.admission_start.isoformat() == "2027-03-01"
    assert list(page.occupations.all()) == [occupation]


def test_a_dash_empties_an_optional_value_and_the_preview_shows_old_and_new(
    client, school_a, staff_a, occupation
):
    client.force_login(staff_a)
    url = f"/admin/truong/{school_a.pk}/tai-len/"
    response = upload(client, url, GOOD[0])
    client.post(url, {"confirm": "1", "table": response.context["token"]})

    response = client.post(url, {"file": csv_file("5520228,,,,,,,,,,-,,,-,-,,")})
    errors = [str(error) for error in response.context["check"].errors]
    assert "Dòng 2, cột “tên ngành”: cần có tên ngành." in errors  # a new programme needs it
    assert any(error.startswith("Dòng 2, cột “trình độ”") for error in errors)

    response = upload(client, url, "6520227,,,,,,,,,,-,năm,,-,-,,")
    (row,) = response.context["check"].rows
    assert [str(change) for change in row.changes] == [
        "học phí (đồng): 1.200.000 đ → —",
        "học phí tính theo: tháng → năm",
        "nơi học: Cơ sở 1 → —",
        "nghề: Điện công nghiệp → —",
    ]
