"""Results: counts and shares by route, field and class with the previous year, small-cell
suppression, voiding with its audit trail, the export format, constant queries."""

import csv
import io

import pytest
from openpyxl import load_workbook

from careers.survey import results
from careers.survey.access import Scope
from careers.survey.admin_views import void_answers
from careers.survey.exports import HEADER
from careers.survey.models import AnswerVoid, SurveyAnswer
from tests.survey import factories
from tests.survey.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(survey_round):
    """Class 9A1: 7 answers (4 trung cấp with field 51, 3 THPT công lập); class 9A2: 3
    answers (đi làm); last year's round: 6 answers, 2 of them trung cấp."""
    nine_a1 = factories.survey_class(survey_round, "9A1")
    nine_a2 = factories.survey_class(survey_round, "9A2")
    factories.answers(nine_a1, "trung-cap", 4, extra=[("fields", "51")])
    factories.answers(nine_a1, "thpt-cong-lap", 3)
    factories.answers(nine_a2, "di-lam", 3)
    last = factories.survey_round(survey_round.school, year=2025)
    old_class = factories.survey_class(last, "9A1-cu")
    factories.answers(old_class, "trung-cap", 2)
    factories.answers(old_class, "thpt-cong-lap", 4)
    return nine_a1, nine_a2


def route_row(data, code):
    return next(row for row in data.questions[0].rows if row.code == code)


def test_protect_hides_small_cells_and_their_complement():
    assert results.protect([0, 3, 12, 20], 35, True) == [0, None, None, 20]
    assert results.protect([2, 3, 12], 17, True) == [None, None, 12]
    assert results.protect([5, 12], 17, True) == [5, 12]
    assert results.protect([4], 4, True) == [None]
    assert results.protect([1, 3], 4, False) == [1, 3]


def test_school_level_totals_are_shown_and_class_cells_suppressed(answered, school):
    data = results.compute(
        results_filter(school), factories.template(), 2026, level="school", group_by="survey_class"
    )
    assert data.total.count == 10
    assert data.vocational.count == 4 and data.vocational.share == 40.0
    assert data.previous_total.count == 6 and data.previous_vocational.count == 2
    assert route_row(data, "trung-cap").cell.count == 4
    assert route_row(data, "trung-cap").previous.count == 2
    fields = data.questions[1]
    assert (fields.kind, fields.rows[0].code, fields.rows[0].label) == (
        "fields",
        "51",
        "Công nghệ kỹ thuật",
    )
    by_class = {group.label: group for group in data.groups}
    assert by_class["9A1"].total.count == 7
    cells = dict(
        zip([code for code, _label in data.breakdown_options], by_class["9A1"].cells, strict=True)
    )
    assert cells["thpt-cong-lap"].suppressed and cells["trung-cap"].suppressed  # 3 and 4
    assert cells["gdtx"].count == 0
    assert by_class["9A1"].vocational.suppressed
    assert by_class["9A2"].total.suppressed  # 3 answers: nothing shown
    assert all(cell.suppressed for cell in by_class["9A2"].cells)


def test_area_level_suppresses_every_small_cell(answered, school):
    data = results.compute(
        results_filter(school), factories.template(), 2026, level="area", group_by="school"
    )
    assert data.total.count == 10
    assert route_row(data, "trung-cap").cell.suppressed  # 4
    assert route_row(data, "thpt-cong-lap").cell.suppressed  # 3
    assert route_row(data, "di-lam").cell.suppressed  # 3
    assert data.vocational.suppressed
    assert route_row(data, "trung-cap").previous.suppressed  # 2 last year
    [row] = data.groups
    assert row.label == school.name and row.total.count == 10
    assert all(cell.count in (None, 0) for cell in row.cells)


def results_filter(school):
    return Scope(school_id=school.pk)


def test_voided_answers_are_not_counted_and_leave_an_audit_trail(answered, counsellor):
    nine_a1, _nine_a2 = answered
    junk = SurveyAnswer.objects.filter(survey_class=nine_a1, route="thpt-cong-lap")
    assert void_answers(junk, counsellor, "Gửi dồn dập lúc 02:00") == 3
    assert void_answers(junk, counsellor, "lần hai") == 0  # already voided
    voids = AnswerVoid.objects.all()
    assert voids.count() == 3
    assert {(v.voided_by, v.voided_by_name, v.reason) for v in voids} == {
        (counsellor, "gvtv-a", "Gửi dồn dập lúc 02:00")
    }
    nine_a1.refresh_from_db()
    assert nine_a1.answers_count == 4  # the places are free again
    data = results.compute(
        results_filter(nine_a1.round.school),
        factories.template(),
        2026,
        level="school",
        group_by="survey_class",
    )
    assert data.total.count == 7
    assert route_row(data, "thpt-cong-lap").cell.count == 0


def test_the_round_owner_voids_through_the_admin(client, answered, counsellor):
    nine_a1, _nine_a2 = answered
    survey_round = nine_a1.round
    client.login(username="gvtv-a", password=PASSWORD)
    answer = SurveyAnswer.objects.filter(survey_class=nine_a1).first()
    url = f"/admin/khao-sat/dot/{survey_round.pk}/"
    response = client.post(url, {"action": "void", "answers": [answer.pk], "reason": ""})
    assert response.status_code == 400
    assert "Ghi lý do loại phiếu." in response.content.decode()
    response = client.post(url, {"action": "void", "answers": [answer.pk], "reason": "Phiếu thử"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Phiếu thử" in page and "gvtv-a" in page
    assert SurveyAnswer.objects.get(pk=answer.pk).voided


def test_the_csv_and_xlsx_exports_follow_the_published_format(client, answered, counsellor, school):
    client.login(username="gvtv-a", password=PASSWORD)
    response = client.get("/admin/khao-sat/ket-qua/?mau=nguyen-vong-sau-thcs&nam=2026&xuat=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0] == HEADER
    by_key = {(row[0], row[3], row[4], row[5]): row for row in rows[1:]}
    total = by_key[("2025-2026", "", "tong", "")]
    assert total[7] == "10" and total[2] == school.name
    assert by_key[("2025-2026", "", "route", "trung-cap")][7:9] == ["4", "40,0"]
    assert by_key[("2024-2025", "", "route", "trung-cap")][7:9] == ["2", "33,3"]
    class_cell = by_key[("2025-2026", "9A1", "route", "trung-cap")]
    assert class_cell[7:9] == ["", ""] and class_cell[10] == "ẩn: dưới 5 phiếu"
    assert by_key[("2025-2026", "9A1", "tong", "")][7] == "7"

    response = client.get("/admin/khao-sat/ket-qua/?mau=nguyen-vong-sau-thcs&nam=2026&xuat=xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    xlsx_rows = [
        [cell if cell is not None else "" for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]
    assert xlsx_rows[0] == HEADER
    assert len(xlsx_rows) == len(rows)
    assert [
        "2025-2026",
        "nguyen-vong-sau-thcs",
        school.name,
        "",
        "route",
        "trung-cap",
    ] == xlsx_rows[rows.index(by_key[("2025-2026", "", "route", "trung-cap")])][:6]


def test_the_export_is_safe_against_formula_injection(client, answered, counsellor, school):
    school.name = '=HYPERLINK("http://x")'
    school.save()
    client.login(username="gvtv-a", password=PASSWORD)
    text = client.get("/admin/khao-sat/ket-qua/?xuat=csv&nam=2026").content.decode()
    assert "'=HYPERLINK" in text
    assert "\n=HYPERLINK" not in text and ",=HYPERLINK" not in text


def test_the_results_page_makes_a_constant_number_of_queries(
    client, answered, counsellor, survey_round, django_assert_max_num_queries
):
    client.login(username="gvtv-a", password=PASSWORD)
    url = "/admin/khao-sat/ket-qua/?mau=nguyen-vong-sau-thcs&nam=2026"
    client.get(url)
    with django_assert_max_num_queries(30) as few:
        assert client.get(url).status_code == 200
    for number in range(6):
        more = factories.survey_class(survey_round, f"9B{number}")
        factories.answers(more, "gdtx", 6, extra=[("fields", "34"), ("factors", "chi-phi")])
    with django_assert_max_num_queries(len(few)):
        page = client.get(url).content.decode()
    assert "9B5" in page


def test_a_mistaken_void_is_restored_through_the_admin(client, answered, counsellor):
    nine_a1, _nine_a2 = answered
    url = f"/admin/khao-sat/dot/{nine_a1.round.pk}/"
    client.login(username="gvtv-a", password=PASSWORD)
    answer = SurveyAnswer.objects.filter(survey_class=nine_a1, route="trung-cap").first()
    client.post(url, {"action": "void", "answers": [answer.pk], "reason": "Nhầm phiếu"})
    school = results_filter(nine_a1.round.school)
    data = results.compute(school, factories.template(), 2026, level="school", group_by="school")
    assert route_row(data, "trung-cap").cell.count == 3
    assert 'value="restore"' in client.get(url).content.decode()

    response = client.post(url, {"action": "restore", "answer": str(answer.pk)}, follow=True)
    page = response.content.decode()
    assert "Đã khôi phục 1 phiếu." in page
    assert "gvtv-a khôi phục lúc" in page and "Nhầm phiếu" in page  # the trail stays
    data = results.compute(school, factories.template(), 2026, level="school", group_by="school")
    assert route_row(data, "trung-cap").cell.count == 4
    nine_a1.refresh_from_db()
    assert nine_a1.answers_count == 7
    response = client.post(url, {"action": "restore", "answer": "abc"}, follow=True)
    assert "Không có phiếu đã loại này trong đợt." in response.content.decode()
