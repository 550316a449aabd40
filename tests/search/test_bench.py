"""The benchmark's bulk generator makes real pages: a small run, then searches over them."""

import pytest

from django.db import connection

from wagtail.models import Page

from search import bench
from tests.search.helpers import run

pytestmark = pytest.mark.django_db


def test_paths_follow_treebeard():
    assert bench._path("0001", 1) == "00010001"
    assert bench._path("0001", 36) == "00010010"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the benchmark needs PostgreSQL")
def test_small_generated_set_is_searchable(home_page):
    from institutions.models import ProgramPage
    from search.engines import database_engine

    bench.generate(occupations=18, institutions=2, programmes=10, out=lambda line: None)
    assert ProgramPage.objects.live().count() == 10
    assert Page.find_problems() == ([], [], [], [], [])
    result = run(database_engine(), "", kind="programmes")
    assert result.total == 10
    assert sum(option.count for option in result.facets[0].options) == 10
    # The peer runs on the same pages: Wagtail's search with .facet().
    peer = ProgramPage.objects.live().search("điện")
    assert sum(peer.facet("level").values()) == len(list(peer))


def test_command_refuses_sqlite(db):
    from django.core.management import CommandError, call_command

    if connection.vendor == "postgresql":
        pytest.skip("runs the full benchmark on PostgreSQL")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("search_bench")
