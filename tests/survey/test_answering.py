"""Answering through a class link: the form, the one-answer rule, the class-size cap, the
rate limit, closed rounds, and what an answer stores."""

import datetime

import pytest

from django.test import override_settings
from django.utils import timezone

from careers.survey.models import AnswerChoice, SurveyAnswer
from tests.survey import factories

pytestmark = pytest.mark.django_db

ANSWER = {"route": "trung-cap", "fields": ["51"], "factors": ["chi-phi", "gia-dinh"]}


def post(client, survey_class, data=None):
    return client.post(survey_class.get_absolute_url(), data or ANSWER)


def test_the_form_shows_the_questions_and_the_privacy_notice(client, survey_class):
    response = client.get(survey_class.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Sau khi tốt nghiệp THCS, em dự định làm gì?" in html
    assert "Học trung cấp kèm văn hoá THPT (9+)" in html
    assert "Công nghệ kỹ thuật" in html  # the portal's training fields
    assert "Thông tin của em được dùng thế nào" in html
    assert "Nhóm dưới 5 phiếu không bao giờ hiện ngoài trường" in html
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "<script>" not in html and "style=" not in html


def test_an_answer_is_stored_anonymously_and_thanks_with_links(client, survey_class):
    response = post(client, survey_class)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cảm ơn em đã trả lời!" in html
    assert 'href="/trac-nghiem-so-thich/"' in html
    assert 'href="/sau-lop-9/"' in html
    assert "/tim-kiem/?loai=chuong-trinh&amp;nhom-nganh=51" in html
    answer = SurveyAnswer.objects.get()
    assert (answer.route, answer.vocational, answer.year) == ("trung-cap", True, 2026)
    assert answer.school_id == survey_class.round.school_id
    assert answer.province_id == survey_class.round.school.province_id
    assert answer.district_id == survey_class.round.school.district_id
    assert sorted(AnswerChoice.objects.values_list("question", "code")) == [
        ("factors", "chi-phi"),
        ("factors", "gia-dinh"),
        ("fields", "51"),
        ("route", "trung-cap"),
    ]
    survey_class.refresh_from_db()
    assert survey_class.answers_count == 1


def test_one_answer_per_device_per_round(client, survey_class):
    client.get(survey_class.get_absolute_url())  # the device gets its token
    assert post(client, survey_class).status_code == 200
    again = client.get(survey_class.get_absolute_url())
    assert "Em đã gửi phiếu cho đợt khảo sát này" in again.content.decode()
    assert post(client, survey_class).status_code == 200  # the same page, nothing stored
    assert SurveyAnswer.objects.count() == 1
    # Another class of the same round is the same round: still one answer.
    other = factories.survey_class(survey_class.round, name="9A2")
    post(client, other)
    assert SurveyAnswer.objects.count() == 1


def test_the_same_token_cannot_answer_twice_even_racing(client, survey_class):
    """Two posts with one token that both pass the early check: the unique hash refuses one."""
    from careers.survey import answering
    from careers.survey.forms import AnswerForm

    survey_round = survey_class.round
    choices = answering.form_choices(survey_round)
    form = AnswerForm(survey_round.template, choices, ANSWER)
    assert form.is_valid(), form.errors
    answering.take_answer(survey_class, form, "token", {})
    with pytest.raises(answering.AnswerRefused, match="đã gửi phiếu"):
        answering.take_answer(survey_class, form, "token", {})
    survey_class.refresh_from_db()
    assert survey_class.answers_count == 1  # the refused answer did not count


def test_answers_are_capped_at_the_class_size(client, survey_round):
    small = factories.survey_class(survey_round, name="9B", size=2)
    for _number in range(2):
        client.cookies.clear()
        assert post(client, small).status_code == 200
    client.cookies.clear()
    response = post(client, small)
    assert response.status_code == 409
    assert "đã đủ 2 phiếu (bằng sĩ số)" in response.content.decode()
    assert SurveyAnswer.objects.filter(survey_class=small).count() == 2


def test_missing_and_bad_choices_get_vietnamese_errors(client, survey_class):
    response = post(client, survey_class, {"fields": ["51", "34", "xx"], "factors": ["a"]})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Em chưa chọn câu này." in html
    assert "Lựa chọn không có trong danh sách." in html
    assert SurveyAnswer.objects.count() == 0


def test_too_many_choices_are_refused(client, survey_class):
    data = {**ANSWER, "factors": ["chi-phi", "gia-dinh", "hoc-luc", "so-thich"]}
    response = post(client, survey_class, data)
    assert response.status_code == 400
    assert "Chọn tối đa 3 mục." in response.content.decode()


@override_settings(SURVEY_ANSWER_LIMIT=2)
def test_answers_from_one_address_are_rate_limited(client, survey_round):
    survey_class = factories.survey_class(survey_round, size=10)
    statuses = []
    for _number in range(3):
        client.cookies.clear()
        statuses.append(post(client, survey_class).status_code)
    assert statuses == [200, 200, 429]
    assert SurveyAnswer.objects.count() == 2


def test_a_closed_round_refuses_its_class_code(client, school):
    today = timezone.localdate()
    past = factories.survey_round(
        school,
        year=2025,
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today - datetime.timedelta(days=1),
        retention_date=today + datetime.timedelta(days=10),
    )
    survey_class = factories.survey_class(past)
    response = post(client, survey_class)
    assert response.status_code == 410
    assert "đã đóng" in response.content.decode()
    assert SurveyAnswer.objects.count() == 0


def test_an_unknown_or_odd_code_is_a_404(client, db):
    assert client.get("/khao-sat/khongco2/").status_code == 404
    assert client.get("/khao-sat/%C4%91%C3%A2y/").status_code == 404


def test_the_form_makes_a_constant_number_of_queries(
    client, survey_round, django_assert_max_num_queries
):
    survey_class = factories.survey_class(survey_round)
    with django_assert_max_num_queries(10):
        client.get(survey_class.get_absolute_url())
    for number in range(5):
        factories.survey_class(survey_round, name=f"9C{number}")
    with django_assert_max_num_queries(10):
        client.get(survey_class.get_absolute_url())
    with django_assert_max_num_queries(16):
        post(client, survey_class)


def test_the_form_of_a_class_costs_one_query_once_its_round_is_cached(
    client, survey_class, settings, django_assert_num_queries
):
    """Every student of a round gets the same blank form and the same site header: only the
    class is read (the lists, the rendered form, the site and its settings are cached)."""
    settings.PAGE_FRAGMENT_CACHE = "default"  # one process: local memory is shared by all
    client.get(survey_class.get_absolute_url())  # creates the site settings (a change)
    client.get(survey_class.get_absolute_url())
    client.cookies.clear()  # the next student, on another phone
    with django_assert_num_queries(1):
        html = client.get(survey_class.get_absolute_url()).content.decode()
    assert "Sau khi tốt nghiệp THCS, em dự định làm gì?" in html
    assert "Công nghệ kỹ thuật" in html
