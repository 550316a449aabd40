import csv
import datetime
import io
from decimal import Decimal

import pytest

from django.contrib.auth.models import Group, Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from careers.models import EconomicSector, IscoGroup, LabourFigure
from tests.careers import factories
from tests.careers.conftest import make_electrician
from tests.conftest import default_home_page, fresh_pages, module_content, rolled_back
from website.models import Structure

pytestmark = pytest.mark.django_db


def render(template, **context):
    return Template("{% load website_tags %}" + template).render(Context(context))


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("{{ value|trieu_dong }}", "5,5 triệu đồng/tháng"),
        ("{{ value|trieu_dong:high }}", "5,5–12 triệu đồng/tháng"),
        ("{{ none|trieu_dong:high }}", "đến 12 triệu đồng/tháng"),
        ("{{ none|trieu_dong }}", ""),
        ("{{ big|so }}", "22.315,2"),
    ],
)
def test_money_and_numbers_read_the_vietnamese_way(template, expected):
    values = {"value": Decimal("5.50"), "high": Decimal("12.0"), "none": None}
    assert render(template, big=Decimal("22315.200"), **values) == expected


# The occupation list -------------------------------------------------------------------------


@module_content
def several_pks(django_db_setup, django_db_blocker):
    """The occupation index, the electrician and three more occupations (one a draft), made
    once for the module and rolled back after it; each test reads them afresh."""
    with rolled_back(django_db_blocker):
        index = factories.occupation_index(default_home_page())
        several = make_several(index, make_electrician(index))
        yield {"index": index.pk, **{name: page.pk for name, page in several.items()}}


@pytest.fixture
def index(several_pks):
    return fresh_pages({"index": several_pks["index"]})["index"]


@pytest.fixture
def electrician(several):
    return several["electrician"]


@pytest.fixture
def several(several_pks):
    return fresh_pages({name: several_pks[name] for name in ("electrician", "nurse", "cook")})


def make_several(index, electrician):
    nurse = factories.occupation(
        index,
        title="Điều dưỡng",
        slug="dieu-duong",
        riasec_code="SIC",
        levels=("cao-dang", "dai-hoc"),
        training_field=factories.TrainingField.objects.get(code="72"),
    )
    cook = factories.occupation(
        index,
        title="Nấu ăn",
        slug="nau-an",
        riasec_code="RAE",
        levels=("so-cap",),
        training_field=factories.TrainingField.objects.get(code="81"),
    )
    factories.occupation(index, title="Nghề nháp", slug="nghe-nhap", live=False)
    return {"electrician": electrician, "nurse": nurse, "cook": cook}


def titles(response):
    return [occupation.title for occupation in response.context["occupations_page"]]


def test_index_lists_live_occupations_as_cards(client, several):
    response = client.get("/nghe-nghiep/")
    assert titles(response) == ["Điện dân dụng", "Điều dưỡng", "Nấu ăn"]
    html = response.text
    assert "Đi điện, sửa đồ điện trong nhà." in html
    assert '<span class="badge">Sơ cấp</span>' in html
    assert "5,5–14 triệu đồng/tháng" in html
    assert "dữ liệu mẫu" in html
    assert "Nghề nháp" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nhom-nganh=72", ["Điều dưỡng"]),
        ("so-thich=S", ["Điều dưỡng"]),
        ("so-thich=r", ["Điện dân dụng", "Nấu ăn"]),
        ("trinh-do=so-cap", ["Điện dân dụng", "Nấu ăn"]),
        ("trinh-do=dai-hoc&so-thich=S", ["Điều dưỡng"]),
        ("chu=Đ", ["Điện dân dụng", "Điều dưỡng"]),
        ("chu=N", ["Nấu ăn"]),
    ],
)
def test_index_filters_by_field_interest_level_and_letter(client, several, query, expected):
    assert titles(client.get(f"/nghe-nghiep/?{query}")) == expected


@pytest.mark.parametrize("query", ["nhom-nganh=99", "so-thich=Z", "trinh-do=tien-si", "chu=W"])
def test_index_explains_unknown_filters_and_never_fails(client, several, query):
    response = client.get(f"/nghe-nghiep/?{query}&trang=abc")
    assert response.status_code == 200
    assert response.context["filter_errors"]
    assert len(titles(response)) == 3


def test_index_query_count_does_not_grow(client, several, index):
    client.get("/nghe-nghiep/")
    with CaptureQueriesContext(connection) as before:
        client.get("/nghe-nghiep/")
    for number in range(10):
        factories.occupation(
            index, title=f"Nghề thêm {number}", slug=f"them-{number}", levels=("so-cap", "cao-dang")
        )
    with CaptureQueriesContext(connection) as after:
        client.get("/nghe-nghiep/")
    assert len(after) == len(before)


# The labour-market page ----------------------------------------------------------------------


@pytest.fixture
def gso_like_figures(db):
    employed = factories.indicator("lao-dong-co-viec-lam")
    source = {
        "source": "Tổng cục Thống kê, Niên giám thống kê 2016",
        "unit": "nghìn người",
        "reference_date": datetime.date(2016, 12, 31),
    }
    for code, value in (("7", "6827"), ("9", "20247.8")):
        factories.figure(
            indicator=employed,
            isco_group=factories.isco_group(code),
            region="ca-nuoc",
            period="2016",
            value=value,
            is_preliminary=True,
            **source,
        )
    factories.figure(
        indicator=employed,
        isco_group=IscoGroup.objects.get(code="7"),
        region="ca-nuoc",
        period="2015",
        value="6349.1",
        **source,
    )
    factories.figure(
        indicator=employed,
        sector=EconomicSector.objects.get(code="C"),
        region="ca-nuoc",
        period="2016",
        value="8866.6",
        **source,
    )
    factories.figure(
        indicator=factories.indicator("ty-le-qua-dao-tao"),
        province=factories.province("Hà Nội", Structure.LEGACY, code="01"),
        region="dong-bang-song-hong",
        period="2016",
        value="42.7",
        unit="%",
        source=source["source"],
        reference_date=source["reference_date"],
    )


def test_market_page_shows_charts_with_tables_sources_and_downloads(
    client, market, gso_like_figures
):
    area = factories.province("Bắc Ninh")
    factories.hiring_need(
        None, area, job_title="Thợ điện bảo trì", enterprise="Công ty Mẫu", is_sample=True
    )

    response = client.get("/thi-truong-lao-dong/")

    assert response.status_code == 200
    html = response.text
    assert html.count('<svg class="chart"') == 3
    assert html.count("<details>") == 3
    assert "Lao động có việc làm theo nhóm nghề, 2016 (sơ bộ)" in html
    assert "Nguồn: Tổng cục Thống kê, Niên giám thống kê 2016, số liệu tại 31/12/2016" in html
    assert "20.247,8" in html
    assert "42,7" in html and "Thành phố Hà Nội" not in html  # factory names it “Tỉnh Hà Nội”
    assert 'href="/thi-truong-lao-dong/csv/lao-dong-theo-nhom-nghe/"' in html
    assert "Công ty Mẫu" in html and "Thợ điện bảo trì" in html
    assert "7–9,5 triệu đồng/tháng" in html
    assert "Sàn việc làm tỉnh, 15/12/2026" in html
    assert "style=" not in html.split("<main", 1)[1]


def test_market_page_year_choice_picks_that_year(client, market, gso_like_figures):
    html = client.get("/thi-truong-lao-dong/?nam=2015").text
    assert "Lao động có việc làm theo nhóm nghề, 2015" in html
    assert "6.349,1" in html


def test_chart_csv_has_every_year_and_reimports_unchanged(client, market, gso_like_figures):
    response = client.get("/thi-truong-lao-dong/csv/lao-dong-theo-nhom-nghe/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="lao-dong-theo-nhom-nghe.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["chỉ tiêu", "nhóm nghề", "ngành kinh tế"]
    assert len(rows) == 4
    period = rows[0].index("kỳ")
    assert {row[period] for row in rows[1:]} == {"2015", "2016"}

    from careers.importers import import_series

    result = import_series(io.BytesIO(response.content), "lai.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 0, 3)


def test_hiring_csv_and_unknown_table(client, market, electrician):
    factories.hiring_need(electrician, factories.province("Cần Thơ"), workers=7, is_sample=True)
    response = client.get("/thi-truong-lao-dong/csv/nhu-cau-tuyen-dung/")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:4] == [rows[1][0], "Điện dân dụng", "Điện dân dụng", "7"]
    assert rows[1][-1] == "có"
    assert client.get("/thi-truong-lao-dong/csv/khong-co/").status_code == 404


def test_market_page_query_count_does_not_grow(client, market, gso_like_figures, electrician):
    factories.hiring_need(electrician, factories.province("Cà Mau"))
    client.get("/thi-truong-lao-dong/")
    with CaptureQueriesContext(connection) as before:
        client.get("/thi-truong-lao-dong/")
    for number in range(25):
        factories.hiring_need(electrician, factories.province(f"Tỉnh {number}"))
    with CaptureQueriesContext(connection) as after:
        response = client.get("/thi-truong-lao-dong/")
    assert len(after) == len(before)
    assert response.context["hiring_page"].paginator.num_pages == 2


# Open data -----------------------------------------------------------------------------------


def test_api_lists_published_occupations_only(client, several):
    response = client.get("/api/v2/occupations/?fields=codes,skill_list")
    assert response.status_code == 200
    data = response.json()
    assert [item["title"] for item in data["items"]] == ["Điện dân dụng", "Điều dưỡng", "Nấu ăn"]
    first = data["items"][0]
    assert first["riasec_code"] == "RCI"
    assert first["training_levels"] == ["so-cap", "trung-cap", "cao-dang"]
    assert first["pay"]["is_sample"] is True
    assert first["codes"]["isco08"] == "7411"
    assert first["codes"]["isco08_title"] == "Thợ điện công trình và thợ có liên quan"
    assert first["codes"]["isco08_title_en"] == "Building and Related Electricians"
    assert first["skill_list"] == ["Đi dây đúng kỹ thuật", "Tìm lỗi đồ điện"]

    detail = client.get(f"/api/v2/occupations/{several['electrician'].pk}/").json()
    assert detail["tasks"][0]["type"] == "list"
    draft = factories.OccupationPage.objects.get(slug="nghe-nhap")
    assert client.get(f"/api/v2/occupations/{draft.pk}/").status_code == 404


def test_api_occupations_ignore_other_page_types(client, several, market):
    response = client.get("/api/v2/occupations/?type=careers.LabourMarketPage")
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert {item["meta"]["type"] for item in response.json()["items"]} == {
            "careers.OccupationPage"
        }


def test_api_lists_labour_series_with_source_and_date(client, gso_like_figures):
    response = client.get("/api/v2/labour-series/?period=2016&limit=20")
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 4
    craft = next(item for item in items if item["subject"]["isco08"] == "7")
    assert craft["value_number"] == 6827.0
    assert craft["source"] == "Tổng cục Thống kê, Niên giám thống kê 2016"
    assert craft["reference_date"] == "2016-12-31"
    assert craft["area"]["region"] == "ca-nuoc"
    assert craft["is_sample"] is False
    regional = client.get("/api/v2/labour-series/?region=dong-bang-song-hong").json()
    assert [item["area"]["label"] for item in regional["items"]] == ["Tỉnh Hà Nội"]
    assert client.get("/api/v2/labour-series/?is_sample=true").json()["meta"]["total_count"] == 0


# Admin import --------------------------------------------------------------------------------

IMPORT_URL = "/admin/careers/import/"
CSV_HEADER = "chỉ tiêu,khu vực,kỳ,giá trị,nguồn,ngày tham chiếu\n"


def upload(text):
    return SimpleUploadedFile("so-lieu.csv", ("\ufeff" + CSV_HEADER + text).encode(), "text/csv")


@pytest.fixture
def editor(db):
    user = User.objects.create_user("bientap", password="mat-khau-thu-123")
    group = Group.objects.create(name="Nhập số liệu")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="add_labourfigure"),
        Permission.objects.get(codename="change_labourfigure"),
    )
    user.groups.add(group)
    return user


def test_import_view_requires_the_permission(client, db):
    assert client.get(IMPORT_URL).status_code == 302  # to the login page
    user = User.objects.create_user("xem", password="mat-khau-thu-123")
    user.groups.add(Group.objects.get_or_create(name="Chỉ vào admin")[0])
    user.groups.first().permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code in (302, 403)


def test_import_view_shows_row_errors_and_writes_nothing(client, editor):
    client.force_login(editor)
    response = client.post(
        IMPORT_URL,
        {
            "file": upload(
                "lao-dong-co-viec-lam,ca-nuoc,2016,100,GSO,31/12/2016\n"
                "lao-dong-co-viec-lam,ca-nuoc,2015,nhiều,GSO,31/12/2015\n"
            )
        },
    )
    assert response.status_code == 200
    assert "Dòng 3, cột “giá trị”: “nhiều” không phải là số." in response.text
    assert LabourFigure.objects.count() == 0


def test_import_view_imports_a_good_file(client, editor):
    client.force_login(editor)
    response = client.post(
        IMPORT_URL, {"file": upload("lao-dong-co-viec-lam,ca-nuoc,2016,100,GSO,31/12/2016\n")}
    )
    assert response.status_code == 302
    assert LabourFigure.objects.get().value == Decimal("100")


def test_editor_permissions_list_names_real_permissions(db):
    from careers.permissions import EDITOR_MODEL_PERMISSIONS

    for app_label, codename in EDITOR_MODEL_PERMISSIONS:
        assert Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).exists()


def test_hiring_csv_cells_never_run_as_formulas(client, market, electrician):
    """An officer's `=HYPERLINK(…)` in a field stood raw in the hiring-needs CSV."""
    factories.hiring_need(
        electrician,
        factories.province("Cần Thơ"),
        enterprise='=HYPERLINK("http://x.example","bấm")',
        job_title="+cmd|' /C calc'!A0",
        source="@SUM(1+1)",
    )
    response = client.get("/thi-truong-lao-dong/csv/nhu-cau-tuyen-dung/")
    row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1]
    assert row[0] == '\'=HYPERLINK("http://x.example","bấm")'
    assert row[2] == "'+cmd|' /C calc'!A0"
    assert "'@SUM(1+1)" in row
    assert "7" in row  # numbers stay numbers
