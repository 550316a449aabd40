"""The home page finds the page an address names in one query for the whole path
(HomePage.route), and answers exactly as Wagtail's walk down the tree does."""

import pytest

from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from wagtail.models import Page

from tests import factories
from tests.conftest import default_home_page, fresh_pages, module_content, rolled_back
from website.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def standard(parent, title, slug, live=True):
    page = StandardPage(title=title, slug=slug, body=[("paragraph", "<p>Nội dung.</p>")])
    return factories.publish(parent, page, live=live)


@module_content
def tree_pks(django_db_setup, django_db_blocker):
    """/a/b/c/ live, /a/nhap/ a draft, /x/b/ (the same slug in another branch), /nhap/con/
    (a live page under a draft); made once for the module, rolled back after it."""
    with rolled_back(django_db_blocker):
        home_page = default_home_page()
        a = standard(home_page, "A", "a")
        b = standard(a, "B", "b")
        c = standard(b, "C", "c")
        draft = standard(a, "Nháp", "nhap", live=False)
        x = standard(home_page, "X", "x")
        other_b = standard(x, "B khác", "b")
        hidden_parent = standard(home_page, "Cha nháp", "cha-nhap", live=False)
        under_draft = standard(hidden_parent, "Con", "con")
        yield {"c": c.pk, "draft": draft.pk, "other_b": other_b.pk, "under_draft": under_draft.pk}


@pytest.fixture
def tree(tree_pks):
    return fresh_pages(tree_pks)


def wagtail_walk(path):
    """What Wagtail's own route answers for the same address (its walk, not ours)."""
    home = HomePage.objects.get()
    components = [part for part in path.split("/") if part]
    try:
        return Page.route(home, RequestFactory().get(path), components)[0].pk
    except Http404:
        return None


@pytest.mark.parametrize(
    "path",
    ["/a/b/c/", "/a/b/", "/x/b/", "/a/nhap/", "/cha-nhap/con/", "/a/c/", "/a/b/c/d/", "/khong/"],
)
def test_same_answer_as_wagtails_walk(client, tree, path):
    response = client.get(path)
    expected = wagtail_walk(path)
    if expected is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert response.context["page"].pk == expected


def test_the_same_slug_in_two_branches_is_told_apart(client, tree):
    assert "B khác" in client.get("/x/b/").text
    assert "<h1>B</h1>" in client.get("/a/b/").text or ">B<" in client.get("/a/b/").text


def test_routable_pages_keep_their_sub_addresses(client, home_page):
    from careers.streaming.models import StatisticsIndexPage, StreamingDashboardPage

    index = factories.publish(home_page, StatisticsIndexPage(title="Thống kê", slug="thong-ke"))
    factories.publish(index, StreamingDashboardPage(title="Phân luồng", slug="phan-luong"))
    assert client.get("/thong-ke/phan-luong/").status_code == 200
    assert client.get("/thong-ke/phan-luong/csv/")["Content-Type"].startswith("text/csv")
    assert client.get("/thong-ke/phan-luong/khong-co/").status_code == 404


def test_a_deep_page_is_found_in_four_queries_whatever_its_depth(client, tree):
    def routing_queries(path):
        request = RequestFactory().get(path)
        with CaptureQueriesContext(connection) as queries:
            Page.route_for_request(request, path)
        return [query for query in queries if "wagtailcore_site" not in query["sql"]]

    # the locale of the address's language (Wagtail i18n: which home page to start from),
    # the home page as its class, the pages on the path, the last one as its class
    assert len(routing_queries("/a/")) == 4
    assert len(routing_queries("/a/b/c/")) == 4
    parts = "/".join(["a"] * 12)
    assert client.get(f"/{parts}/").status_code == 404  # past any depth: Wagtail's walk
