"""Odd URL parameters get a normal page or a clear 400, never a 500 — cases found by probing
every listing's parameters with a NUL character and a huge number on PostgreSQL."""

import pytest

from django.test import RequestFactory

from tests.institutions import factories as school_factories
from website.middleware import StripNullCharactersMiddleware

pytestmark = pytest.mark.django_db


def test_nul_characters_are_dropped_from_url_parameters():
    seen = {}

    def view(request):
        seen.update({name: request.GET.getlist(name) for name in request.GET})
        return None

    request = RequestFactory().get("/truong/?tinh=can%00tho&q=%00&q=dien&x%00y=1")
    StripNullCharactersMiddleware(view)(request)
    assert seen == {"tinh": ["cantho"], "q": ["", "dien"], "xy": ["1"]}


def test_a_nul_in_a_filter_does_not_fail_the_page(client, home_page):
    """/truong/?tinh=%00 used to reach PostgreSQL, which refuses a NUL: a 500."""
    school_factories.institution(school_factories.index(home_page))
    for params in ("tinh=%00", "tinh=can%00tho", "loai=%00"):
        response = client.get(f"/truong/?{params}")
        assert response.status_code == 200
        assert "Trường Cao đẳng Mẫu A" in response.content.decode()


def test_a_nul_in_a_search_facet_does_not_fail_the_api(client, home_page):
    response = client.get("/api/search/programmes/?xa=%00")
    assert response.status_code == 200


def test_an_api_offset_past_what_the_database_takes_is_a_400(client, home_page):
    for endpoint in ("pages", "occupations", "labour-series"):
        response = client.get(f"/api/v2/{endpoint}/", {"offset": "9" * 30})
        assert response.status_code == 400
        assert "offset" in response.json()["message"]
    assert client.get("/api/v2/occupations/", {"offset": "1000"}).status_code == 200


@pytest.mark.parametrize("odd", ["%E2%91%A0", "%C2%B2", "%D9%A3", "%2B1", "%201"])
def test_odd_digits_in_the_occupation_facet_are_ignored(client, home_page, odd):
    """`nghe=①` and `nghe=²` passed ``str.isdigit()`` and failed ``int()``: a 500."""
    page = client.get(f"/tim-kiem/?loai=chuong-trinh&nghe={odd}")
    assert page.status_code == 200
    api = client.get(f"/api/search/programmes/?nghe={odd}")
    assert api.status_code in (200, 400)
    assert api.json()


@pytest.mark.parametrize("param", ["offset", "limit"])
@pytest.mark.parametrize("odd", ["%C2%B2%C2%B2", "%E2%91%A0", "%D9%A3", "%2B1", "%201", "1_0"])
def test_odd_digits_in_api_paging_are_a_400(client, home_page, param, odd):
    for endpoint in ("pages", "occupations", "labour-series"):
        response = client.get(f"/api/v2/{endpoint}/?{param}={odd}")
        assert response.status_code == 400
        assert param in response.json()["message"]


def test_an_unknown_search_operator_is_a_400(client, home_page):
    for endpoint in ("pages", "occupations"):
        response = client.get(f"/api/v2/{endpoint}/?search=a&search_operator=x")
        assert response.status_code == 400
        assert "search_operator" in response.json()["message"]
    assert client.get("/api/v2/pages/?search=a&search_operator=and").status_code == 200


def test_the_strict_int_parser_takes_ascii_digits_only():
    from website.parsing import strict_int

    assert strict_int("103") == 103 and strict_int("0") == 0
    for odd in (" 103", "+103", "1_03", "١٠٣", "²", "①", "-1", "", "1e3", "9" * 19, None):
        assert strict_int(odd) is None
    assert strict_int("11", maximum=10) is None


def test_programme_codes_take_ascii_digits_only():
    from institutions.models import code_problem

    assert code_problem("6520227", "cao-dang") == ""
    assert code_problem("٦٥٢٠٢٢٧", "cao-dang")  # Arabic-Indic digits
    assert code_problem("６５２０２２７", "cao-dang")  # full-width digits


def test_periods_take_ascii_digits_only():
    from careers.models.labour import PERIOD_PATTERN
    from careers.streaming.models import year_of_period

    assert year_of_period("2024-2025") == 2025
    assert year_of_period("٢٠٢٥") is None
    assert PERIOD_PATTERN.match("2025-Q3") and not PERIOD_PATTERN.match("٢٠٢٥")


def test_market_year_choice_ignores_odd_digits(client, home_page):
    from tests.careers import factories as careers_factories

    careers_factories.labour_market_page(home_page)
    for odd in ("%D9%A2%D9%A0%D9%A2%D9%A5", "%C2%B2%C2%B2%C2%B2%C2%B2"):
        assert client.get(f"/thi-truong-lao-dong/?nam={odd}").status_code == 200


@pytest.mark.parametrize(
    "invisible", ["\u202e", "\u202d", "\u2066", "\u200f", "\x00", "\x1b", "\u200b", "\x85"]
)
def test_control_and_bidi_characters_are_stripped_from_titles(home_page, invisible):
    from website.models import StandardPage

    page = StandardPage(title=f"Sau{invisible} lớp 9", seo_title=f"{invisible}Sau lớp 9")
    home_page.add_child(instance=page)
    page.refresh_from_db()
    assert page.title == "Sau lớp 9" and page.draft_title == "Sau lớp 9"
    assert page.seo_title == "Sau lớp 9"


def test_every_response_sends_a_permissions_policy(client, home_page):
    for url in ("/", "/admin/login/", "/api/v2/pages/"):
        policy = client.get(url)["Permissions-Policy"]
        assert "camera=()" in policy and "geolocation=()" in policy
