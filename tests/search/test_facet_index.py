"""The in-memory facet index of the database engine: bitsets, reloading when the rows change
(including in another process and after a rolled-back write), scoring only the rows that pass
the filters, and the database setting that lets PostgreSQL read matches through the index."""

import pytest

from django.db import connection, transaction

from search import facetindex
from search.database import DatabaseEngine
from search.facetindex import positions_of
from search.kinds import get_kind
from search.models import ProgrammeSearchRow, SearchState
from tests.search.helpers import counts, random_changes, titles

pytestmark = pytest.mark.django_db


def run(params=""):
    from tests.search.helpers import run as run_kind

    return run_kind(DatabaseEngine(), params, kind="programmes")


def test_positions_of_a_bitset():
    assert positions_of(0) == []
    assert positions_of(0b101001) == [0, 3, 5]
    assert positions_of((1 << 900) | 1, limit=1) == [0]
    assert positions_of((1 << 900) | 2) == [1, 900]


def test_publishing_reloads_the_index(schools):
    before = run("q=o to")
    assert titles(before) == ["Công nghệ ô tô"]
    version = SearchState.objects.get(kind="programmes").version
    school = schools["b"]
    school.ownership = "cong-lap"
    school.save_revision().publish()
    assert SearchState.objects.get(kind="programmes").version != version
    after = run("q=o to&so-huu=cong-lap")
    assert titles(after) == ["Công nghệ ô tô"]
    assert counts(after, "ownership") == {"cong-lap": 1}


def test_a_change_made_by_another_process_is_seen(schools):
    """Another process writes the rows and a new version; this one's cached index must not
    answer from the old rows."""
    assert counts(run(""), "boarding") == {"co": 2}  # loads and caches the index
    row = ProgrammeSearchRow.objects.get(page=schools["o-to"])
    ProgrammeSearchRow.objects.filter(pk=row.pk).update(
        facet_tokens=[*row.facet_tokens, "boarding=co"]
    )
    assert counts(run(""), "boarding") == {"co": 2}  # same version: the cache answers
    SearchState.objects.filter(kind="programmes").update(version="another-process")
    assert counts(run(""), "boarding") == {"co": 3}


def test_a_rolled_back_write_leaves_no_trace(schools):
    assert run("").total == 4
    with pytest.raises(RuntimeError), transaction.atomic():
        schools["o-to"].unpublish()
        assert run("").total == 3  # seen inside the transaction
        raise RuntimeError("roll back")
    assert run("").total == 4
    assert "Công nghệ ô tô" in titles(run(""))


def test_without_a_recorded_version_the_rows_are_read_every_time(schools):
    SearchState.objects.all().delete()
    assert run("").total == 4
    ProgrammeSearchRow.objects.filter(page=schools["o-to"]).delete()
    assert run("").total == 3


@pytest.mark.parametrize(
    "params",
    [
        "q=dien&trinh-do=cao-dang&trinh-do=trung-cap",
        "q=ke toan&so-huu=cong-lap",
        "q=ke tona doanh&ky-tuc-xa=co",  # the near-match search, with a filter
        "q=can tho&sap-xep=hoc-phi&so-huu=cong-lap",
    ],
)
def test_scoring_only_the_filtered_rows_changes_nothing(schools, monkeypatch, params):
    from search import database

    def outcome():
        result = run(params)
        return (
            [(hit.title, hit.score) for hit in result.hits],
            result.total,
            result.fuzzy,
            {facet.facet.name: counts(result, facet.facet.name) for facet in result.facets},
        )

    monkeypatch.setattr(database, "MAX_CANDIDATES", 0)
    every_row_scored = outcome()
    monkeypatch.setattr(database, "MAX_CANDIDATES", 5000)
    assert outcome() == every_row_scored
    assert every_row_scored[1] > 0


def test_the_index_holds_each_row_once_in_name_order(schools):
    index = facetindex.facet_index(get_kind("programmes"))
    assert index.size == 4
    assert [ProgrammeSearchRow.objects.get(pk=pk).title for pk in index.ids] == [
        "Công nghệ ô tô",
        "Điện công nghiệp",
        "Kế toán doanh nghiệp",
        "Kỹ thuật chế biến món ăn",
    ]
    assert index.totals["boarding"] == {"co": 2}
    assert index.memory() > 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_is_told_random_reads_are_cheap():
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


def test_renaming_an_occupation_reaches_the_programmes_that_train_for_it(schools, catalogue):
    occupation = catalogue["o-to"]
    occupation.title = "Kỹ thuật sửa chữa xe hơi"
    occupation.save_revision().publish()
    row = ProgrammeSearchRow.objects.get(page=schools["o-to"])
    assert "xe hơi" in row.text_exact
    assert titles(run("q=xe hoi")) == ["Công nghệ ô tô"]


def test_a_removed_link_leaves_the_occupation_s_provinces(schools, catalogue):
    from search.models import OccupationSearchRow

    def provinces():
        row = OccupationSearchRow.objects.get(page=catalogue["o-to"])
        return [token for token in row.facet_tokens if token.startswith("province=")]

    assert provinces() == [f"province={schools['b'].province.slug}"]
    programme = schools["o-to"]
    programme.occupations.set([catalogue["dien-cn"]])
    programme.save_revision().publish()
    assert provinces() == []


def _index_state(index):
    return (
        index.ids,
        index.titles,
        {name: values for name, values in index.values.items() if values},
        {name: totals for name, totals in index.totals.items() if totals},
        index.columns,
        index.windows,
        index.size,
        index.all,
        index.position,
    )


def test_updating_in_place_gives_the_index_a_reload_would(db):
    """Random writes — new rows, rows leaving, renamed rows that move in name order, changed
    facets, sort columns and admission dates — applied in place equal a fresh load."""
    import datetime
    import random

    from search.facetindex import FacetIndex, _columns

    kind = get_kind("programmes")
    rng = random.Random(4)
    titles = ["an", "ba", "bay", "cong", "dien", "ha", "ke", "o to", "xe"]

    def row(pk):
        start = datetime.date(2026, 1, rng.randint(1, 28))
        tokens = {f"level={rng.choice(['so-cap', 'trung-cap', 'cao-dang'])}"}
        tokens |= {f"province=p{rng.randint(1, 5)}" for _ in range(rng.randint(0, 2))}
        if rng.random() < 0.3:
            tokens.add("boarding=co")
        return {
            "page_id": pk,
            "sort_title": rng.choice(titles),
            "facet_tokens": sorted(tokens),
            "tuition": rng.choice([None, 0, 500, 900]),
            "duration_months": rng.choice([None, 6, 24]),
            "admission_start": start,
            "admission_end": start + datetime.timedelta(days=rng.randint(0, 90)),
        }

    assert set(row(1)) == set(_columns(kind))
    rows = {pk: row(pk) for pk in range(1, 60)}
    index = FacetIndex(kind, rows.values())
    for _ in range(40):
        updated = index.updated(*random_changes(rng, rows, row, 80))
        assert _index_state(updated) == _index_state(FacetIndex(kind, rows.values()))
        today = datetime.date(2026, 2, 1)
        assert updated.facet_values("admission", today) == FacetIndex(
            kind, rows.values()
        ).facet_values("admission", today)
        index = updated


def test_a_publish_updates_every_process_s_index_in_place(schools, monkeypatch):
    from search.facetindex import FacetIndex

    assert counts(run(""), "ownership") == {"cong-lap": 2, "tu-thuc": 2}  # loaded
    loads = []
    monkeypatch.setattr(FacetIndex, "load", classmethod(lambda cls, kind: loads.append(kind)))
    school = schools["b"]
    school.ownership = "cong-lap"
    school.save_revision().publish()
    programme = schools["o-to"]
    programme.title = "A Công nghệ ô tô"  # moves to the front in name order
    programme.save_revision().publish()
    result = run("sap-xep=ten")
    assert loads == []
    assert counts(result, "ownership") == {"cong-lap": 4}
    assert titles(result)[0] == "A Công nghệ ô tô"
    programme.unpublish()
    assert run("").total == 3
    assert loads == []
    monkeypatch.undo()
    fresh = FacetIndex.load(get_kind("programmes"))
    assert _index_state(facetindex.facet_index(get_kind("programmes"))) == _index_state(fresh)


def test_an_index_that_saw_a_rolled_back_write_is_reloaded(schools, monkeypatch):
    from search.facetindex import FacetIndex

    assert run("").total == 4
    with pytest.raises(RuntimeError), transaction.atomic():
        schools["o-to"].unpublish()
        assert run("").total == 3  # this process's index saw the write
        raise RuntimeError("roll back")
    school = schools["b"]
    school.ownership = "cong-lap"
    school.save_revision().publish()  # the same seq as the rolled-back write, another version
    programme = schools["ke-toan"]
    programme.title = "Kế toán"
    programme.save_revision().publish()
    loads = []
    real = FacetIndex.load.__func__
    monkeypatch.setattr(
        FacetIndex, "load", classmethod(lambda cls, kind: loads.append(1) or real(cls, kind))
    )
    result = run("")
    assert loads == [1]
    assert result.total == 4
    assert counts(result, "ownership") == {"cong-lap": 4}


def rows_of(kind):
    model = get_kind(kind).row_model
    return sorted(model.objects.values_list("page_id", "title", "facet_tokens"))


def test_deferred_rows_are_those_written_at_each_publish(schools, catalogue):
    """The demo loader publishes its pages inside ``search.signals.deferred()``: the rows at
    its end are the ones publishing each page at once gives, dependents included (a school's
    programmes carry its ownership; an occupation's programmes its title)."""
    from search.signals import deferred

    def fresh(page):  # as the database holds it (the first edit is rolled back)
        return type(page).objects.get(pk=page.pk)

    def edit():
        school = fresh(schools["b"])
        school.ownership = "cong-lap"
        school.save_revision().publish()
        occupation = fresh(catalogue["o-to"])
        occupation.title = "Sửa chữa ô tô"
        occupation.save_revision().publish()
        fresh(schools["nau-an"]).unpublish()

    with transaction.atomic():
        edit()
        at_once = rows_of("programmes"), rows_of("occupations")
        transaction.set_rollback(True)
    before = rows_of("programmes"), rows_of("occupations")
    assert at_once != before

    with deferred():
        edit()
        assert (rows_of("programmes"), rows_of("occupations")) == before  # nothing yet
    assert (rows_of("programmes"), rows_of("occupations")) == at_once


def test_a_failed_deferred_block_writes_nothing(schools):
    from search.signals import deferred

    before = rows_of("programmes")
    with pytest.raises(RuntimeError), deferred():
        schools["nau-an"].unpublish()
        raise RuntimeError
    assert rows_of("programmes") == before  # the unpublished page keeps its row: not written
