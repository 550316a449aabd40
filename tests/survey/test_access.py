"""Each role sees only its own: a counsellor their school, a district officer their district,
a province officer their province, a vocational school its own contact requests."""

import pytest

from careers.streaming.access import create_data_officer
from careers.survey.access import create_counsellor
from tests.survey import factories
from tests.survey.conftest import PASSWORD

pytestmark = pytest.mark.django_db

RESULTS = "/admin/khao-sat/ket-qua/?mau=nguyen-vong-sau-thcs&nam=2026"


@pytest.fixture
def two_districts(area, survey_round):
    """School A (district Tân An, the ``survey_round``'s school) with 6 answers; school B of
    another district of the same province with 7; school C in another province with 8."""
    school_a = survey_round.school
    factories.answers(factories.survey_class(survey_round, "9A1"), "trung-cap", 6)
    school_b = factories.school(
        area, "Trường THCS Mẫu B", district=factories.district(area, "Bến Lức")
    )
    round_b = factories.survey_round(school_b)
    factories.answers(factories.survey_class(round_b, "9B1"), "gdtx", 7)
    elsewhere = factories.province("Cần Thơ", "can-tho")
    school_c = factories.school(elsewhere, "Trường THCS Mẫu C")
    round_c = factories.survey_round(school_c)
    factories.answers(factories.survey_class(round_c, "9C1"), "di-lam", 8)
    return school_a, school_b, school_c, round_b, round_c


def login(client, user):
    client.force_login(user)
    return client


def test_a_counsellor_sees_only_their_own_school(client, counsellor, two_districts):
    _a, _b, _c, round_b, _round_c = two_districts
    login(client, counsellor)
    page = client.get(RESULTS).content.decode()
    assert "Trường THCS Mẫu A" in page and "9A1" in page
    assert "9B1" not in page and "Mẫu B" not in page and "Mẫu C" not in page
    assert client.get(f"/admin/khao-sat/dot/{round_b.pk}/").status_code == 404
    assert client.get(f"/admin/khao-sat/dot/{round_b.pk}/in-ma-qr/").status_code == 404
    rounds = client.get("/admin/khao-sat/").content.decode()
    assert "Mẫu B" not in rounds
    csv_text = client.get(RESULTS + "&xuat=csv").content.decode()
    assert "9B1" not in csv_text and "Mẫu B" not in csv_text


def test_a_district_officer_sees_only_their_district_and_no_class(client, school, two_districts):
    _a, school_b, _c, round_b, _round_c = two_districts
    officer, _group, _created = create_data_officer("pgd-tan-an", district=school.district)
    login(client, officer)
    page = client.get(RESULTS).content.decode()
    assert "Trường THCS Mẫu A" in page
    assert "Mẫu B" not in page and "Mẫu C" not in page
    assert "9A1" not in page  # schools, never classes
    assert client.get(f"/admin/khao-sat/dot/{round_b.pk}/").status_code in (302, 403, 404)
    csv_text = client.get(RESULTS + "&xuat=csv").content.decode()
    assert "Mẫu A" in csv_text and "Mẫu B" not in csv_text and "9A1" not in csv_text


def test_a_province_officer_sees_their_province_only(client, area, two_districts):
    officer, _group, _created = create_data_officer("so-tay-ninh", province=area)
    login(client, officer)
    page = client.get(RESULTS).content.decode()
    assert "Trường THCS Mẫu A" in page and "Trường THCS Mẫu B" in page
    assert "Mẫu C" not in page
    assert "13" in page  # 6 + 7 answers


def test_anybody_else_sees_nothing(client, two_districts, django_user_model):
    plain = django_user_model.objects.create_user("khach", password=PASSWORD)
    login(client, plain)
    assert client.get(RESULTS).status_code in (302, 403)
    assert client.get("/admin/khao-sat/").status_code in (302, 403)


def test_a_counsellor_can_open_rounds_only_for_their_own_school(client, counsellor, school):
    factories.fields()
    login(client, counsellor)
    data = {
        "template": factories.template().pk,
        "year": 2026,
        "opens_on": "2026-03-01",
        "closes_on": "2026-03-31",
        "retention_date": "2026-08-31",
    }
    response = client.post("/admin/khao-sat/", data)
    assert response.status_code == 302
    survey_round = school.rounds.get()
    assert survey_round.created_by == counsellor
    again = client.post("/admin/khao-sat/", data)
    assert "Trường đã có đợt khảo sát theo mẫu này cho năm học này." in again.content.decode()
    thpt = client.post(
        "/admin/khao-sat/", {**data, "template": factories.template("nguyen-vong-sau-thpt").pk}
    )
    assert "dành cho học sinh cấp của trường" in thpt.content.decode()
    late = client.post("/admin/khao-sat/", {**data, "year": 2027, "retention_date": "2028-08-31"})
    assert "tối đa một năm" in late.content.decode()

    url = f"/admin/khao-sat/dot/{survey_round.pk}/"
    assert client.post(url, {"action": "class", "name": "9A1", "size": "0"}).status_code == 400
    assert client.post(url, {"action": "class", "name": "9A1", "size": "38"}).status_code == 302
    duplicate = client.post(url, {"action": "class", "name": "9A1", "size": "30"})
    assert "Đợt này đã có lớp tên này." in duplicate.content.decode()
    survey_class = survey_round.classes.get()
    assert len(survey_class.code) == 8
    sheet = client.get(f"{url}in-ma-qr/").content.decode()
    assert "<svg" in sheet and f"/khao-sat/{survey_class.code}/" in sheet
    assert "Lớp 9A1" in sheet
    assert "style=" not in sheet and "<script" not in sheet


def test_another_counsellor_cannot_void_or_add_classes(client, survey_round, area):
    other_school = factories.school(area, "Trường THCS Khác")
    other, _created = create_counsellor("gvtv-khac", other_school)
    survey_class = factories.survey_class(survey_round)
    [answer] = factories.answers(survey_class, "trung-cap", 1)
    login(client, other)
    url = f"/admin/khao-sat/dot/{survey_round.pk}/"
    response = client.post(url, {"action": "void", "answers": [answer.pk], "reason": "phá phiếu"})
    assert response.status_code == 404
    answer.refresh_from_db()
    assert not answer.voided
    # Their own round's form refuses another round's answer.
    own_round = factories.survey_round(other_school)
    response = client.post(
        f"/admin/khao-sat/dot/{own_round.pk}/",
        {"action": "void", "answers": [answer.pk], "reason": "phá phiếu"},
    )
    assert response.status_code == 400
    answer.refresh_from_db()
    assert not answer.voided
