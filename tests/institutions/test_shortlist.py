"""The shortlist and the comparison: kept on the device, carried in the URL, shared as a
link, printable, and working without JavaScript."""

import datetime
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from institutions.shortlist import COOKIE
from tests.careers import factories as careers_factories
from tests.conftest import default_home_page, fresh_pages, module_content, rolled_back
from tests.institutions import factories
from tests.institutions.conftest import make_occupation, make_school_a, make_school_b

pytestmark = pytest.mark.django_db


PROGRAMMES = ("dien", "han", "co-dien-tu", "ke-toan")


@module_content
def shortlist_pks(django_db_setup, django_db_blocker):
    """Two schools, an occupation and four programmes, made once for the module and rolled
    back after it; each test reads them afresh."""
    with rolled_back(django_db_blocker):
        home_page = default_home_page()
        index = factories.index(home_page)
        school_a, school_b = make_school_a(index), make_school_b(index)
        occupation = make_occupation(home_page)
        programmes = [
            factories.programme(
                school_a,
                title="Điện công nghiệp",
                tuition=0,
                tuition_exemptions="Miễn học phí cho học sinh tốt nghiệp THCS.",
                admission_start=datetime.date(2026, 3, 1),
                admission_end=datetime.date(2026, 9, 30),
                with_outcome=True,
                occupations=[occupation],
            ),
            factories.programme(
                school_b, title="Hàn", level="trung-cap", nine_plus=True, tuition=900_000
            ),
            factories.programme(school_a, title="Cơ điện tử", duration_months=36),
            factories.programme(school_b, title="Kế toán doanh nghiệp", level="trung-cap"),
        ]
        yield {
            "school_a": school_a.pk,
            "occupation": occupation.pk,
            **{name: page.pk for name, page in zip(PROGRAMMES, programmes, strict=True)},
        }


@pytest.fixture
def shortlist(shortlist_pks):
    return fresh_pages(shortlist_pks)


@pytest.fixture
def school_a(shortlist):
    return shortlist["school_a"]


@pytest.fixture
def occupation(shortlist):
    return shortlist["occupation"]


@pytest.fixture
def programmes(shortlist):
    return [shortlist[name] for name in PROGRAMMES]


def test_keeping_without_javascript_puts_the_list_in_the_url_and_on_the_device(
    client, programmes, occupation
):
    first, second = programmes[:2]
    response = client.get(f"/danh-sach-cua-toi/them/?ct={first.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/danh-sach-cua-toi/?ct={first.pk}"
    cookie = response.cookies[COOKIE]
    assert cookie["path"] == "/danh-sach-cua-toi/" and cookie["samesite"] == "Lax"
    client.get(f"/danh-sach-cua-toi/them/?ct={second.pk}")
    response = client.get(f"/danh-sach-cua-toi/them/?nghe={occupation.pk}")
    assert response["Location"] == (
        f"/danh-sach-cua-toi/?ct={first.pk}&ct={second.pk}&nghe={occupation.pk}"
    )
    # The bare address shows the device's list, through the URL that carries it.
    assert client.get("/danh-sach-cua-toi/")["Location"] == response["Location"]
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "private" in page["Cache-Control"]
    assert "Điện công nghiệp" in page.text and "Hàn" in page.text
    assert "Lưu danh sách này vào máy của em" not in page.text
    # A compare form that needs no script: the first three are ticked.
    assert page.text.count('name="ct"') == 2 and 'action="/so-sanh/"' in page.text
    response = client.get(f"/danh-sach-cua-toi/bo/?ct={first.pk}")
    assert response["Location"] == f"/danh-sach-cua-toi/?ct={second.pk}&nghe={occupation.pk}"


def test_a_shared_list_opens_on_another_device_and_can_be_saved_there(client, programmes):
    query = f"ct={programmes[0].pk}&ct={programmes[2].pk}"
    page = client.get(f"/danh-sach-cua-toi/?{query}")
    assert "Cơ điện tử" in page.text
    assert "Lưu danh sách này vào máy của em" in page.text
    saved = client.get(f"/danh-sach-cua-toi/luu/?{query}")
    assert saved.cookies[COOKIE].value == f"ct-{programmes[0].pk}.ct-{programmes[2].pk}"


def test_script_keeps_in_place_and_gets_the_count(client, programmes):
    response = client.get(
        f"/danh-sach-cua-toi/them/?ct={programmes[0].pk}", headers={"X-Requested-With": "fetch"}
    )
    assert response.status_code == 200 and response.json() == {"count": 1}
    assert COOKIE in response.cookies


def test_the_compare_table_shows_what_families_weigh(client, programmes):
    first, second = programmes[:2]
    html = client.get(f"/so-sanh/?ct={first.pk}&ct={second.pk}").text
    table = re.search(r'<table class="compare">.*?</table>', html, re.S).group(0)
    rows = dict(re.findall(r'<th scope="row">(.*?)</th>(.*?)</tr>', table, re.S))
    cells = {name: re.findall(r"<td>(.*?)</td>", value, re.S) for name, value in rows.items()}
    assert cells["Trình độ"] == ["Cao đẳng", "Trung cấp"]
    assert cells["Học phí"] == ["Miễn học phí", "900.000 đồng/tháng"]
    assert cells["Miễn, giảm cho ai"][0] == "Miễn học phí cho học sinh tốt nghiệp THCS."
    assert cells["Học kèm văn hóa THPT (9+)"] == ["Không", "Có"]
    assert cells["Thời gian học"] == ["2,5 năm", "2,5 năm"]
    assert cells["Tỉnh, thành phố"] == ["Cần Thơ", "Đà Nẵng"]
    assert cells["Nhận hồ sơ"][0].startswith("01/03/2026 – 30/09/2026")
    assert cells["Có việc làm sau tốt nghiệp"] == [
        "92% (tốt nghiệp 2025, đã xác minh)",
        "Chưa công bố",
    ]
    assert cells["Ký túc xá"][0].startswith("Có")


def test_at_most_three_are_compared_and_bad_ids_are_said_not_failed(client, programmes):
    ids = "&".join(f"ct={p.pk}" for p in programmes)
    response = client.get(f"/so-sanh/?{ids}&ct=abc&ct=99999999")
    assert response.status_code == 200
    assert len(response.context["programmes"]) == 3
    assert "chỉ so sánh 3 mục đầu tiên" in response.text
    response = client.get("/so-sanh/?ct=99999999")
    assert "1 mục trong đường dẫn không còn trên trang" in response.text


def test_the_comparison_share_link_gives_the_same_comparison(client, programmes):
    query = f"ct={programmes[1].pk}&ct={programmes[0].pk}"
    html = client.get(f"/so-sanh/?{query}").text
    link = re.search(r'id="share-url" type="url" value="([^"]+)"', html).group(1)
    assert link == f"http://testserver/so-sanh/?{query.replace('&', '&amp;')}"
    shared = client.__class__().get(link.replace("&amp;", "&").replace("http://testserver", ""))
    assert [p.pk for p in shared.context["programmes"]] == [programmes[1].pk, programmes[0].pk]
    assert "fb-messenger://share/?link=http%3A%2F%2Ftestserver%2Fso-sanh%2F%3Fct%3D" in html
    assert 'data-share="http://testserver/so-sanh/' in html


def test_occupations_compare_with_pay_source_and_the_students_fit(client, occupation, home_page):
    index = careers_factories.occupation_index(home_page)
    nurse = careers_factories.occupation(
        index,
        title="Điều dưỡng",
        slug="dieu-duong",
        isco_group=careers_factories.isco_group("3221", "Nurses", "SRC"),
    )
    html = client.get(f"/so-sanh/?nghe={occupation.pk}&nghe={nurse.pk}&ma=RCI").text
    assert "So sánh nghề" in html and "Hợp với mã RCI của em" in html
    assert "Rất hợp" in html
    assert "Học ở trình độ" in html and "Sở thích (RIASEC)" in html


def test_the_print_view_has_the_table_and_the_link_but_no_page_chrome(client, programmes):
    html = client.get(f"/so-sanh/ban-in/?ct={programmes[0].pk}").text
    assert 'class="print-view"' in html and '<table class="compare">' in html
    assert f"Xem trên mạng: http://testserver/so-sanh/?ct={programmes[0].pk}" in html


def test_the_pages_make_a_fixed_number_of_queries(client, school_a, programmes):
    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        return len(queries)

    few = "&".join(f"ct={p.pk}" for p in programmes[:2])
    before = (count(f"/so-sanh/?{few}"), count(f"/danh-sach-cua-toi/?{few}"))
    more = [factories.programme(school_a, title=f"Ngành {n}", with_outcome=True) for n in range(8)]
    every = "&".join(f"ct={p.pk}" for p in programmes + more)
    assert (count(f"/so-sanh/?{every}"), count(f"/danh-sach-cua-toi/?{every}")) == before


@pytest.mark.parametrize(
    "query", ["ct=%00", "ct=-1", "ct=1e9", "nghe=" + "9" * 40, "ct=" + "&ct=".join("1" * 200)]
)
def test_odd_input_is_never_a_500(client, query):
    for url in ("/so-sanh/?", "/danh-sach-cua-toi/?", "/danh-sach-cua-toi/them/?"):
        assert client.get(url + query).status_code in (200, 302)
    client.cookies[COOKIE] = "ct-x.nghe-.ct-" + "1" * 30
    assert client.get("/danh-sach-cua-toi/").status_code == 200


def test_the_tools_need_only_a_few_kilobytes_of_script_and_no_framework():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    scripts = [Path(finders.find(f"website/js/{name}.js")) for name in ("site", "tools")]
    assert sum(len(path.read_bytes()) for path in scripts) < 4096
    assert "import " not in scripts[1].read_text()  # one plain file, no modules or bundles


def test_crawlers_are_kept_out_of_the_keep_links(client):
    assert "Disallow: /danh-sach-cua-toi/" in client.get("/robots.txt").text
