import pytest

from django.db.models import Count

from careers.demo import CAREERS_DEMO
from institutions.demo import INSTITUTIONS_DEMO
from institutions.models import InstitutionIndexPage, InstitutionPage, ProgramPage, code_problem
from tests.careers import factories as careers_factories
from tests.institutions import factories
from website.demo import load_demo, pages_of, read_data
from website.models import Commune, Structure

pytestmark = pytest.mark.django_db

DATA = read_data(INSTITUTIONS_DEMO.folder)
SCHOOLS = pages_of(DATA, "institutions.InstitutionPage")
PROGRAMMES = pages_of(DATA, "institutions.ProgramPage")


def test_programmes_match_the_careers_demo():
    occupations = {
        f"/nghe-nghiep/{page['slug']}/": page
        for page in pages_of(read_data(CAREERS_DEMO.folder), "careers.OccupationPage")
    }
    for programme in PROGRAMMES:
        (path,) = programme["occupations"]
        assert path in occupations, programme["slug"]
        assert occupations[path]["training_field"] == programme["training_field"], path
    assert len(PROGRAMMES) >= 150
    assert len(SCHOOLS) >= 15
    assert len({school["province"]["short_name"] for school in SCHOOLS}) >= 5
    for school in SCHOOLS:
        assert "Mẫu" in school["title"], school["title"]  # fictional, and says so


@pytest.mark.slow
def test_demo_loads_once_links_occupations_and_gives_two_staff_accounts(client, home_page):
    for school in SCHOOLS:
        province = factories.province(school["province"]["short_name"])
        Commune.objects.get_or_create(
            structure=Structure.CURRENT,
            code=school["commune"]["code"],
            defaults={
                "name": school["summary"],
                "short_name": school["slug"],
                "province": province,
            },
        )
    occupations = careers_factories.occupation_index(home_page)
    electrician = careers_factories.occupation(
        occupations, title="Điện công nghiệp", slug="dien-cong-nghiep"
    )

    accounts = load_demo(INSTITUTIONS_DEMO).accounts
    counts = (InstitutionPage.objects.count(), ProgramPage.objects.count())
    assert load_demo(INSTITUTIONS_DEMO).accounts == accounts
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
    # Each school is in the commune its name places it in, in its province.
    for page in InstitutionPage.objects.select_related("commune"):
        assert page.commune.province_id == page.province_id, page.slug

    assert [account.username for account in accounts] == ["truong1", "truong2"]
    school = InstitutionPage.objects.get(slug=SCHOOLS[0]["slug"])
    assert "Dữ liệu mẫu" in client.get(school.url).text
    assert client.login(username="truong1", password="truong1@demo")
    assert client.get(f"/admin/pages/{school.pk}/edit/").status_code == 200
    other = InstitutionPage.objects.get(slug=SCHOOLS[1]["slug"])
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
