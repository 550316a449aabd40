"""The behavioural contract of faceted search, run against every engine: the database engine
always, Elasticsearch when ELASTICSEARCH_URL points at a server (skipped otherwise, and a
failure under REQUIRE_ELASTICSEARCH=1)."""

import pytest

from tests.search.helpers import counts, run, titles

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("dien cong nghiep", "Điện công nghiệp"),
        ("ke toan", "Kế toán doanh nghiệp"),
        ("o to", "Công nghệ ô tô"),
        ("KE TOAN", "Kế toán doanh nghiệp"),
        ("Điện công nghiệp", "Điện công nghiệp"),
    ],
)
def test_without_diacritics_finds_the_accented_title_first(engine, typed, expected):
    assert titles(run(engine, f"q={typed}"))[0] == expected


def test_diacritics_rank_exact_matches_before_what_they_fold_to(engine):
    found = titles(run(engine, "q=điện"))
    assert set(found[:3]) == {"Điện công nghiệp", "Điện dân dụng", "Điện tử công nghiệp"}
    assert found[3:] == ["Diễn viên sân khấu"]
    assert titles(run(engine, "q=diễn"))[0] == "Diễn viên sân khấu"


def test_phrase_before_scattered_words(engine):
    assert titles(run(engine, "q=điện công nghiệp")) == [
        "Điện công nghiệp",
        "Điện tử công nghiệp",
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("CNTT", "Công nghệ thông tin (ứng dụng phần mềm)"),
        ("cntt", "Công nghệ thông tin (ứng dụng phần mềm)"),
        ("thợ điện", "Điện dân dụng"),
        ("tho dien", "Điện dân dụng"),
        ("nấu ăn", "Kỹ thuật chế biến món ăn"),
        ("dau bep", "Kỹ thuật chế biến món ăn"),
    ],
)
def test_abbreviations_and_everyday_names(engine, typed, expected):
    assert titles(run(engine, f"q={typed}"))[0] == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("ke tona", "Kế toán doanh nghiệp"), ("dien dan dugn", "Điện dân dụng")],
)
def test_small_typos_give_near_matches(engine, typed, expected):
    result = run(engine, f"q={typed}")
    assert result.fuzzy
    assert titles(result)[0] == expected


def test_prefix_of_the_last_word_matches_while_typing(engine):
    assert titles(run(engine, "q=ke to"))[0] == "Kế toán doanh nghiệp"


def test_drafts_are_not_found(engine):
    assert "Điện năng lượng mặt trời" not in titles(run(engine, "q=điện"))


def test_facet_counts_exclude_their_own_selection(engine):
    everything = run(engine, "")
    assert everything.total == 8
    assert counts(everything, "level") == {"so-cap": 2, "trung-cap": 5, "cao-dang": 6}

    result = run(engine, "trinh-do=so-cap&so-thich=A")
    assert titles(result) == ["Kỹ thuật chế biến món ăn"]
    # Level counts apply the RIASEC selection, not the level one.
    assert counts(result, "level") == {"so-cap": 1, "trung-cap": 1, "cao-dang": 1}
    # RIASEC counts apply the level selection, not the RIASEC one.
    assert counts(result, "riasec") == {"R": 2, "A": 1, "E": 1, "C": 1, "I": 1}
    # Selected options are shown as selected.
    level = next(f for f in result.facets if f.facet.name == "level")
    assert [o.value for o in level.options if o.selected] == ["so-cap"]


def test_values_of_one_facet_are_ored_facets_are_anded(engine):
    assert run(engine, "trinh-do=so-cap").total == 2
    assert run(engine, "trinh-do=so-cap&trinh-do=cao-dang").total == 8
    assert run(engine, "trinh-do=so-cap&trinh-do=cao-dang&nhom-nganh=52").total == 2
    result = run(engine, "nhom-nganh=52&nhom-nganh=51&trien-vong=tang")
    assert sorted(titles(result)) == ["Điện công nghiệp", "Điện tử công nghiệp"]
    assert counts(result, "field") == {"51": 1, "52": 1, "81": 1}


def test_an_outlook_claim_without_a_source_is_not_counted(engine, catalogue):
    """ "Nhu cầu tăng" with no source and no sample label is not shown as fact on the page,
    so the Triển vọng facet neither counts nor finds it."""
    page = catalogue["dien-cn"]
    page.outlook_source = ""
    page.outlook_is_sample = False
    page.save_revision().publish()
    result = run(engine, "trien-vong=tang")
    assert sorted(titles(result)) == ["Kỹ thuật chế biến món ăn", "Điện tử công nghiệp"]
    assert counts(result, "outlook")["tang"] == 2


def test_text_and_facets_together(engine):
    result = run(engine, "q=dien&trinh-do=cao-dang&thu-nhap=7-10")
    assert sorted(titles(result)) == ["Điện công nghiệp", "Điện tử công nghiệp"]
    assert counts(result, "pay") == {"7-10": 2, "duoi-7": 1}


def test_sorts(engine):
    by_name = titles(run(engine, "sap-xep=ten"))
    assert by_name[0] == "Công nghệ ô tô"
    assert by_name[-1] == "Kỹ thuật chế biến món ăn"
    by_pay = titles(run(engine, "sap-xep=thu-nhap"))
    assert by_pay[0] == "Công nghệ thông tin (ứng dụng phần mềm)"
    assert by_pay[-1] == "Điện dân dụng"


def test_pagination(engine, monkeypatch):
    from search.kinds import get_kind

    monkeypatch.setattr(get_kind("occupations"), "per_page", 3)
    first = run(engine, "sap-xep=ten")
    third = run(engine, "sap-xep=ten&trang=3")
    assert first.total == third.total == 8
    assert len(first.hits) == 3
    assert len(third.hits) == 2
    assert not set(titles(first)) & set(titles(third))
    assert run(engine, "sap-xep=ten&trang=9").hits == []


def test_nothing_found_is_an_ordinary_empty_result(engine):
    for typed in ["zzzzqqq", "中文", "!!!"]:
        result = run(engine, f"q={typed}")
        assert result.total == 0
        assert result.hits == []
