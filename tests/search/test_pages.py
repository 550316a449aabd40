"""/tim-kiem/ and the JSON API: rendering without JavaScript, accessibility hooks, state in
the URL, constant query counts, and bad input answered without a 500."""

import json
import logging

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.careers import factories
from tests.search.conftest import _occupation

pytestmark = pytest.mark.django_db

PAGE = "/tim-kiem/"
API = "/api/search/occupations/"


def test_page_renders_results_facets_and_chips(client, catalogue):
    response = client.get(PAGE, {"q": "dien", "trinh-do": "cao-dang", "sap-xep": "ten"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html
    assert 'method="get"' in html
    assert 'aria-live="polite"' in html
    assert "Điện công nghiệp" in html
    # Every checkbox has a label; the selected one is checked.
    assert 'id="trinh-do-3" name="trinh-do" value="cao-dang" checked' in html
    assert '<label for="trinh-do-3">' in html
    # The chip removes its filter and keeps the rest of the state.
    assert 'href="?loai=nghe&amp;q=dien&amp;sap-xep=ten"' in html
    assert "search/js/search.js" in html
    assert "search/css/search.css" in html
    assert response["Cache-Control"].startswith("public")


def test_results_first_filters_behind_loc_and_one_search_box(client, catalogue):
    html = client.get(PAGE, {"q": "dien", "trinh-do": "cao-dang"}).content.decode()
    # The header's search box is not repeated on the search page.
    assert html.count('type="search"') == 1
    assert 'id="site-search-q"' not in html
    # The count, then the chips, then the "Lọc" panel (closed <details>), then the results.
    assert '<details class="search-filters" data-search-filters>' in html
    marks = ("search-count", "search-chips", "<summary", "search-hits")
    order = [html.index(mark) for mark in marks]
    assert order == sorted(order)
    assert "(1 đang chọn)" in html
    other = client.get("/").content.decode()
    assert 'id="site-search-q"' in other  # every other page keeps the header's box


def test_page_without_query_lists_everything(client, catalogue):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert response.context["result"].total == 8


def test_empty_result_suggests_what_to_change(client, catalogue):
    html = client.get(PAGE, {"q": "zzzz qqq", "nhom-nganh": "52"}).content.decode()
    assert "Không tìm thấy kết quả nào" in html
    assert "bỏ hết bộ lọc" in html
    assert "Kiểm tra chính tả" in html
    assert 'href="?loai=nghe&amp;nhom-nganh=52"' in html


def test_typo_says_the_results_are_near_matches(client, catalogue):
    html = client.get(PAGE, {"q": "ke tona"}).content.decode()
    assert "Kết quả gần đúng" in html
    assert "(gần đúng)" in html
    assert "Kế toán doanh nghiệp" in html


def test_pagination_keeps_the_state(client, catalogue, monkeypatch):
    from search.kinds import get_kind

    monkeypatch.setattr(get_kind("occupations"), "per_page", 3)
    html = client.get(PAGE, {"trinh-do": "cao-dang"}).content.decode()
    assert 'href="?trinh-do=cao-dang&amp;trang=2"' in html
    beyond = client.get(PAGE, {"trinh-do": "cao-dang", "trang": "99"})
    assert beyond.status_code == 200
    assert beyond.context["page_obj"].number == 2


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [PAGE, API])
def test_query_count_does_not_grow_with_the_data(client, catalogue, url):
    params = {"q": "dien", "trinh-do": ["cao-dang", "trung-cap"], "so-thich": "R"}
    client.get(url)  # warm the site and settings caches
    before = [_queries(client, url, params), _queries(client, url, {})]
    index = factories.occupation_index(catalogue["dien-cn"].get_parent().get_parent().specific)
    for number in range(12):
        _occupation(
            index, f"Điện lạnh {number}", "52", ("trung-cap", "cao-dang"), "RIC", "tang", "9"
        )
    client.get(url)  # the first search after a change reloads the facet index
    after = [_queries(client, url, params), _queries(client, url, {})]
    assert before == after
    assert max(after) <= 9  # labels, index version, matches, cards; site, settings, menu


def test_api_answers_with_the_same_parameters(client, catalogue):
    response = client.get(API, {"q": "ke toan", "trinh-do": "cao-dang"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 1
    assert data["hits"][0]["title"] == "Kế toán doanh nghiệp"
    assert data["hits"][0]["url"] == catalogue["ke-toan"].url
    assert data["filters"] == {"trinh-do": ["cao-dang"]}
    level = next(facet for facet in data["facets"] if facet["name"] == "trinh-do")
    assert {"value": "cao-dang", "label": "Cao đẳng", "count": 1, "selected": True} in level[
        "options"
    ]
    assert data["engine"] == "database"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"trinh-do": "tien-si"}, "Không có lựa chọn “tien-si”"),
        ({"mau": "do"}, "Tham số không được hỗ trợ: mau"),
        ({"sap-xep": "gia"}, "Không sắp xếp được"),
        ({"trang": "0"}, "Số trang phải từ 1"),
        ({"trang": "99999999999999999999"}, "Số trang phải từ 1"),
        ({"trang": "abc"}, "Số trang phải là một số nguyên dương"),
        ({"q": "x" * 10_000}, "Từ khóa dài quá"),
        ({"nhom-nganh": "<script>"}, "Không có lựa chọn"),
    ],
)
def test_api_rejects_bad_parameters_with_a_clear_400(client, catalogue, params, message):
    response = client.get(API, params)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert any(message in error for error in errors), errors


def test_unknown_kind_is_a_404(client, db):
    assert client.get("/api/search/khac/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\"'\\ <b>x</b> AND OR NOT ( ) [ ] { } ~ * ? : ^ /"},
        {"q": "<script>alert(1)</script>"},
        {"q": "x" * 10_000},
        {"trinh-do": "<img src=x onerror=alert(1)>", "trang": "-5"},
        {"loai": "<b>bad</b>", "sap-xep": "<i>", "trang": "9" * 30},
        {"q": "\x00\x01"},
    ],
)
def test_page_survives_hostile_input_and_escapes_it(client, catalogue, params):
    response = client.get(PAGE, params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "<b>bad</b>" not in html
    assert "<b>x</b>" not in html


def test_page_explains_dropped_filters(client, catalogue):
    html = client.get(PAGE, {"trinh-do": "tien-si", "so-thich": "R"}).content.decode()
    assert "Không có lựa chọn “tien-si” trong “Trình độ đào tạo”" in html
    assert 'role="alert"' in html


def test_suggestions(client, catalogue):
    data = client.get("/api/search/suggest/", {"q": "dien c", "loai": "nghe"}).json()
    assert data["suggestions"][0] == {
        "title": "Điện công nghiệp",
        "url": catalogue["dien-cn"].url,
    }
    assert client.get("/api/search/suggest/", {"q": "%_\\"}).json() == {"suggestions": []}


def test_openapi_document_describes_the_endpoints(client, db):
    response = client.get("/api/search/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    operation = document["paths"]["/api/search/occupations/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"q", "trinh-do", "nhom-nganh", "so-thich", "trien-vong", "thu-nhap", "tinh"} <= names
    assert {"sap-xep", "trang"} <= names
    assert set(operation["responses"]) == {"200", "400"}


def test_index_follows_publish_unpublish_move_and_delete(
    client, catalogue, django_capture_on_commit_callbacks
):
    from search.models import OccupationSearchRow

    page = catalogue["ke-toan"]
    page.title = "Kế toán tổng hợp"
    page.save_revision().publish()
    assert OccupationSearchRow.objects.get(page=page).title == "Kế toán tổng hợp"

    page.unpublish()
    assert not OccupationSearchRow.objects.filter(page=page).exists()
    page.save_revision().publish()
    assert OccupationSearchRow.objects.filter(page=page).exists()

    index = page.get_parent().specific
    index.slug = "nganh-nghe"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals slugs on commit
        index.save_revision().publish()
    assert OccupationSearchRow.objects.get(page=page).url.startswith("/nganh-nghe/")

    page.delete()
    assert not OccupationSearchRow.objects.filter(page_id=page.pk).exists()


def test_rebuild_command_writes_every_live_page(catalogue, capsys):
    from django.core.management import call_command

    from search.models import OccupationSearchRow

    OccupationSearchRow.objects.all().delete()
    call_command("search_index", "--rebuild")
    assert OccupationSearchRow.objects.count() == 8
    assert "8" in capsys.readouterr().out


def test_no_warning_when_elasticsearch_is_not_configured(client, catalogue, caplog):
    with caplog.at_level(logging.WARNING):
        client.get(PAGE, {"q": "dien"})
    assert not [r for r in caplog.records if r.name.startswith("search")]
