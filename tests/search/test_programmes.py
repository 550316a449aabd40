"""The programme kind through the same contract (both engines), plus what ties it to
occupations and institutions."""

import pytest

from tests.search.helpers import counts, titles

pytestmark = pytest.mark.django_db


def run(engine, params=""):
    from tests.search.helpers import run as run_kind

    return run_kind(engine, params, kind="programmes")


def test_folded_text_finds_programmes(programme_engine):
    assert titles(run(programme_engine, "q=dien cong nghiep"))[0] == "Điện công nghiệp"
    assert titles(run(programme_engine, "q=o to")) == ["Công nghệ ô tô"]
    assert titles(run(programme_engine, "q=nấu ăn")) == ["Kỹ thuật chế biến món ăn"]
    # The school's name and place are searchable too.
    assert len(titles(run(programme_engine, "q=can tho"))) == 2


def test_retired_programmes_are_not_found(programme_engine):
    assert "Điện lạnh" not in titles(run(programme_engine, "q=dien"))
    assert run(programme_engine, "").total == 4


def test_every_facet_counts(programme_engine):
    result = run(programme_engine, "")
    assert counts(result, "level") == {"so-cap": 1, "trung-cap": 2, "cao-dang": 1}
    assert counts(result, "ownership") == {"cong-lap": 2, "tu-thuc": 2}
    assert counts(result, "institution_type") == {"cao-dang": 2, "trung-cap": 2}
    assert counts(result, "duration") == {"duoi-12": 1, "12-24": 1, "24-36": 2}
    assert counts(result, "exempted") == {"co": 1}
    assert counts(result, "nine_plus") == {"co": 1}
    assert counts(result, "boarding") == {"co": 2}
    assert counts(result, "admission") == {"co": 1}
    assert sum(counts(result, "province").values()) == 4
    assert sum(counts(result, "commune").values()) == 2
    assert len(counts(result, "occupation")) == 4


def test_admission_open_now_and_multi_select(programme_engine):
    result = run(programme_engine, "dang-tuyen=co&trinh-do=cao-dang&trinh-do=trung-cap")
    assert titles(result) == ["Điện công nghiệp"]
    # Level counts keep the admission filter but not the level one.
    assert counts(result, "level") == {"cao-dang": 1, "trung-cap": 0}  # selected, shown at 0
    # Admission counts keep the level filter but not the admission one.
    assert counts(result, "admission") == {"co": 1}


def test_sort_by_tuition_and_duration(programme_engine):
    assert titles(run(programme_engine, "sap-xep=hoc-phi")) == [
        "Kế toán doanh nghiệp",
        "Công nghệ ô tô",
        "Điện công nghiệp",
        "Kỹ thuật chế biến món ăn",
    ]
    assert titles(run(programme_engine, "sap-xep=thoi-gian"))[0] == "Kỹ thuật chế biến món ăn"


def test_occupation_facet_by_page(programme_engine, catalogue):
    occupation = catalogue["ke-toan"]
    result = run(programme_engine, f"nghe={occupation.pk}")
    assert titles(result) == ["Kế toán doanh nghiệp"]


def test_occupations_know_the_provinces_that_train_them(catalogue, schools):
    from search.models import OccupationSearchRow

    row = OccupationSearchRow.objects.get(page=catalogue["dien-cn"])
    assert f"province={schools['a'].province.slug}" in row.facet_tokens
    schools["dien"].unpublish()
    row.refresh_from_db()
    assert not [token for token in row.facet_tokens if token.startswith("province=")]


def test_institution_changes_reach_its_programmes(schools):
    from search.models import ProgrammeSearchRow

    school = schools["b"]
    school.boarding = True
    school.title = "Trường Trung cấp Bách khoa Đà Nẵng"
    school.save_revision().publish()
    row = ProgrammeSearchRow.objects.get(page=schools["o-to"])
    assert "boarding=co" in row.facet_tokens
    assert row.display["institution"] == "Trường Trung cấp Bách khoa Đà Nẵng"


def test_programme_page_and_api(client, schools):
    html = client.get("/tim-kiem/", {"loai": "chuong-trinh", "q": "ke toan"}).content.decode()
    assert "Kế toán doanh nghiệp" in html
    assert "Trường Cao đẳng Kỹ thuật Cần Thơ" in html
    assert "miễn phí" in html
    everything = client.get("/tim-kiem/", {"loai": "chuong-trinh"}).content.decode()
    assert 'name="dang-tuyen" value="co"' in everything
    data = client.get("/api/search/programmes/", {"q": "o to", "so-huu": "tu-thuc"}).json()
    assert [hit["title"] for hit in data["hits"]] == ["Công nghệ ô tô"]
    assert data["hits"][0]["institution"] == "Trường Trung cấp Tư thục Đà Nẵng"
    assert client.get("/api/search/programmes/", {"xa": "<x>"}).status_code == 400


def test_ethnic_minority_policies_are_a_programme_facet(programme_engine, schools):
    from search.models import ProgrammeSearchRow

    school = schools["a"]
    school.support_policies = [
        (
            "policy",
            {
                "kind": "noi-tru",
                "title": "Học bổng nội trú",
                "who": "Học sinh dân tộc thiểu số",
                "groups": ["dan-toc-thieu-so"],
                "levels": ["trung-cap"],
                "details": "Mẫu.",
            },
        )
    ]
    school.save_revision().publish()
    # Read in Python: SQLite has no JSON ``contains`` lookup (``make test`` without DATABASE_URL).
    rows = ProgrammeSearchRow.objects.order_by("page_id")
    tagged = [row.title for row in rows if "ethnic_minority=co" in row.facet_tokens]
    assert tagged == ["Kế toán doanh nghiệp"]  # its trung-cap programme
    result = run(programme_engine, "")
    assert counts(result, "ethnic_minority") == {"co": 1}
    assert titles(run(programme_engine, "dan-toc-thieu-so=co")) == ["Kế toán doanh nghiệp"]
