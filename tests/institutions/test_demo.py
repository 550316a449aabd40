import pytest

from django.db.models import Count

from careers import demo_content
from institutions import demo
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgramPage, code_problem
from tests.careers import factories as careers_factories
from tests.institutions import factories

pytestmark = pytest.mark.django_db


def test_catalogue_matches_the_careers_demo():
    for slug, _name, code6 in demo.CATALOGUE:
        assert slug in demo_content.BY_SLUG, slug
        assert demo_content.BY_SLUG[slug]["field"] == code6[:2], slug
    assert sum(row[6] for row in demo.INSTITUTIONS) >= 150
    assert len(demo.INSTITUTIONS) >= 15
    assert len({row[4] for row in demo.INSTITUTIONS}) >= 5
    for row in demo.INSTITUTIONS:
        assert "Mẫu" in row[1], row[1]  # fictional, and says so


def test_demo_loads_once_links_occupations_and_gives_two_staff_accounts(client, home_page):
    for name in {row[4] for row in demo.INSTITUTIONS}:
        factories.province(name)
    occupations = careers_factories.occupation_index(home_page)
    electrician = careers_factories.occupation(
        occupations, title="Điện công nghiệp", slug="dien-cong-nghiep"
    )

    accounts = demo.load_institutions_demo(home_page)
    counts = (InstitutionPage.objects.count(), ProgramPage.objects.count())
    assert demo.load_institutions_demo(home_page) == accounts
    assert (InstitutionPage.objects.count(), ProgramPage.objects.count()) == counts

    index = InstitutionIndexPage.objects.get()
    assert index.slug == "truong" and index.show_in_menus and index.live
    assert counts[0] >= 15 and counts[1] >= 150
    assert InstitutionPage.objects.values("province").distinct().count() >= 5
    levels = dict(
        ProgramPage.objects.values_list("level").annotate(n=Count("pk")).values_list("level", "n")
    )
    assert set(levels) == {"so-cap", "trung-cap", "cao-dang"}
    assert ProgramPage.objects.values("training_field").distinct().count() >= 10
    assert not ProgramPage.objects.filter(is_sample=False).exists()
    assert not InstitutionPage.objects.filter(is_sample=False).exists()
    for page in ProgramPage.objects.all():
        assert code_problem(page.code, page.level) == "", page
    assert electrician.programmes.count() >= 3

    assert [account.username for account in accounts] == ["truong1", "truong2"]
    school = InstitutionPage.objects.get(slug=demo.INSTITUTIONS[0][0])
    assert "Dữ liệu mẫu" in client.get(school.url).text
    assert client.login(username="truong1", password="truong1@demo")
    assert client.get(f"/admin/pages/{school.pk}/edit/").status_code == 200
    other = InstitutionPage.objects.get(slug=demo.INSTITUTIONS[1][0])
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
