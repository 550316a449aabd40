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
