import pytest

from careers.demo import CAREERS_DEMO
from careers.models import (
    HiringNeed,
    LabourFigure,
    LabourMarketPage,
    OccupationIndexPage,
    OccupationPage,
    TrainingField,
)
from tests.careers import factories
from website.demo import load_demo, pages_of, read_data
from website.models import Structure

pytestmark = pytest.mark.django_db


def counts():
    return (
        OccupationPage.objects.count(),
        LabourFigure.objects.count(),
        HiringNeed.objects.count(),
        OccupationIndexPage.objects.count(),
        LabourMarketPage.objects.count(),
    )


OCCUPATIONS = pages_of(read_data(CAREERS_DEMO.folder), "careers.OccupationPage")


def test_demo_content_covers_the_brief():
    occupations = OCCUPATIONS
    paths = {f"/nghe-nghiep/{o['slug']}/" for o in occupations}
    assert len(occupations) >= 40
    assert {o["training_field"]["code"] for o in occupations} == {
        "14", "21", "22", "31", "32", "34", "38", "42", "44", "46", "48", "51",
        "52", "54", "58", "62", "64", "72", "76", "81", "84", "85", "86", "90",
    }  # fmt: skip
    for occupation in occupations:
        assert occupation["isco_group"] and occupation["routes"] and occupation["tasks"]
        assert occupation["environment"] and occupation["working_hours"] and occupation["safety"]
        for path in occupation.get("related_occupations", ()):
            assert path in paths, (occupation["slug"], path)


@pytest.mark.slow
def test_demo_loads_once_and_a_second_run_creates_nothing(home_page):
    for name in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Khánh Hòa"):
        factories.province(name, Structure.CURRENT)

    load_demo(CAREERS_DEMO)
    first = counts()
    assert load_demo(CAREERS_DEMO).created == {}

    assert counts() == first
    assert first[0] == len(OCCUPATIONS)
    assert first[2] > 0 and first[3:] == (1, 1)
    index = OccupationIndexPage.objects.get()
    assert index.slug == "nghe-nghiep" and index.show_in_menus and index.live
    assert LabourMarketPage.objects.get().slug == "thi-truong-lao-dong"
    assert set(OccupationPage.objects.values_list("training_field", flat=True)) == set(
        TrainingField.objects.values_list("pk", flat=True)
    )
    welder = OccupationPage.objects.get(slug="han")
    assert welder.pay_is_sample and welder.isco_group.code == "7212"
    assert welder.related_occupations.count() == 2
    assert not HiringNeed.objects.filter(is_sample=False).exists()
    assert LabourFigure.objects.filter(is_sample=False, source__contains="Niên giám").exists()
