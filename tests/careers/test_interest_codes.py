"""Occupations' interest codes come from the sourced O*NET profile of their ISCO-08 group;
an editor's code is shown beside it with the reason, everywhere the code appears."""

import csv

import pytest

from django.core.exceptions import ValidationError

from careers.demo import CAREERS_DEMO
from careers.importers import DATA_DIR
from careers.models import OccupationPage
from search.occupations import build_row
from tests.careers import factories
from website.demo import load_demo
from website.models import Structure

pytestmark = pytest.mark.django_db


def sourced_codes():
    with (DATA_DIR / "riasec_by_isco08_from_onet.csv").open(encoding="utf-8-sig") as handle:
        return {row["isco08_code"]: row["holland_code"] for row in csv.DictReader(handle)}


def test_every_demo_occupation_shows_the_sourced_code_unless_overridden(home_page):
    for name in ("Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Khánh Hòa"):
        factories.province(name, Structure.CURRENT)
    load_demo(CAREERS_DEMO)
    sourced = sourced_codes()
    pages = OccupationPage.objects.select_related("isco_group")
    assert pages.count() >= 40
    for page in pages:
        if page.riasec_overridden:
            assert page.riasec_override_reason.strip(), page.title
        else:
            assert page.interest_code == sourced[page.isco_group.code], page.title


@pytest.fixture
def nurse(index):
    group = factories.isco_group("3221", "Nursing Associate Professionals", "SRC")
    return factories.occupation(
        index, title="Điều dưỡng", slug="dieu-duong", riasec_code="", isco_group=group
    )


def test_the_page_badge_card_and_api_use_the_sourced_code(client, nurse):
    html = client.get(nurse.url).text
    assert "Sở thích SRC" in html
    assert "Mã lấy theo O*NET cho các nghề tương ứng nhóm ISCO-08 3221." in html
    assert "biên tập viên đặt" not in html
    assert "Sở thích SRC" in client.get("/nghe-nghiep/").text
    item = client.get("/api/v2/occupations/?fields=interest").json()["items"][0]
    assert item["riasec_code"] == "SRC"
    assert item["interest"]["code"] == "SRC"
    assert item["interest"]["source"] == "onet"
    assert item["interest"]["onet_scores"]["R"] == 6.5
    assert item["interest"]["editor_code"] is None


def test_an_editors_code_is_shown_beside_the_sourced_one_with_the_reason(client, nurse):
    nurse.riasec_code = "SIC"
    nurse.riasec_override_reason = "Ở Việt Nam điều dưỡng viên tư vấn sức khỏe cho gia đình."
    nurse.save_revision().publish()
    html = client.get(nurse.url).text
    assert "Sở thích SIC" in html
    assert "Biên tập viên đặt mã SIC; theo O*NET, nhóm nghề ISCO-08 3221 có mã SRC." in html
    assert "tư vấn sức khỏe cho gia đình" in html
    interest = client.get("/api/v2/occupations/?fields=interest").json()["items"][0]["interest"]
    assert interest["code"] == "SIC" and interest["onet_code"] == "SRC"
    assert interest["source"] == "editor" and interest["editor_reason"].startswith("Ở Việt Nam")


def test_the_search_facet_and_the_list_filter_read_the_sourced_code(client, nurse):
    nurse = OccupationPage.objects.select_related("isco_group").get(pk=nurse.pk)
    row = build_row(nurse)
    assert {"riasec=S", "riasec=R", "riasec=C"} <= set(row["facet_tokens"])
    assert row["display"]["riasec"] == "SRC"
    assert "Điều dưỡng" in client.get("/nghe-nghiep/?so-thich=R").text
    assert "Điều dưỡng" not in client.get("/nghe-nghiep/?so-thich=A").text


def test_an_editors_code_needs_a_reason_and_no_code_needs_a_sourced_one(index):
    page = OccupationPage(title="Thử", slug="thu", summary="x", riasec_code="sa")
    exclude = ["path", "depth", "tasks", "environment"]
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=exclude)
    assert "riasec_override_reason" in error.value.message_dict
    page.riasec_code = ""
    with pytest.raises(ValidationError) as error:
        page.full_clean(exclude=exclude)
    assert "riasec_code" in error.value.message_dict
    page.isco_group = factories.isco_group()
    page.full_clean(exclude=exclude)
    assert page.interest_code == "RCI" and not page.riasec_overridden


def test_the_migration_clears_unsourced_codes_from_pages_and_their_revisions(index, nurse):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("careers.migrations.0006_quiz_sourced_riasec")
    nurse.riasec_code = "SIC"
    nurse.riasec_override_reason = ""  # as before the migration: a code without a reason
    nurse.save_revision(clean=False)
    OccupationPage.objects.filter(pk=nurse.pk).update(riasec_code="SIC")
    keeps = factories.occupation(index, title="Không có nhóm ISCO", riasec_code="AES")

    migration.use_sourced_codes(apps, None)

    nurse.refresh_from_db()
    assert nurse.riasec_code == "" and nurse.interest_code == "SRC"
    assert nurse.get_latest_revision_as_object().riasec_code == ""
    keeps.refresh_from_db()
    assert keeps.riasec_code == "AES"  # no sourced code to show instead
