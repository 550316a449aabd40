import io
import re

import pytest

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db.models import Count, Q
from django.urls import reverse

from website.adminunits import load_admin_units
from website.models import Commune, CommuneSuccession, District, Province, Structure
from website.roles import EDITORS

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("admin_units")]


def totals():
    return {
        "provinces": Province.objects.current().count(),
        "legacy_provinces": Province.objects.legacy().count(),
        "districts": District.objects.count(),
        "communes": Commune.objects.filter(structure=Structure.CURRENT).count(),
        "legacy_communes": Commune.objects.filter(structure=Structure.LEGACY).count(),
        "successions": CommuneSuccession.objects.count(),
    }


def test_counts(admin_units):
    expected = {
        "provinces": 34,
        "legacy_provinces": 63,
        "districts": 696,
        "communes": 3321,
        # The package lists 10,040 legacy rows; five are island districts without communes.
        "legacy_communes": 10035,
        "successions": 10597,
    }
    assert totals() == expected
    assert {name: admin_units[name] for name in expected} == expected
    assert admin_units["unmapped"] == []


def test_island_districts_without_communes_are_reported(admin_units):
    islands = admin_units["districts_without_communes"]
    assert len(islands) == 5
    assert "Huyện Côn Đảo, Tỉnh Bà Rịa - Vũng Tàu → Đặc khu Côn Đảo, Hồ Chí Minh" in islands
    assert District.objects.get(name="Huyện Côn Đảo").communes.count() == 0


def test_loading_again_changes_nothing():
    before = totals()
    counts = load_admin_units()
    assert (counts["created"], counts["updated"], counts["deleted"]) == (0, 0, 0)
    assert totals() == before


def test_loading_again_repairs_edits_and_removes_stale_successions():
    Province.objects.current().filter(code="01").update(name="Hà Nội sửa tay")
    phuc_xa = Commune.objects.get(structure=Structure.LEGACY, code="00001")
    CommuneSuccession.objects.filter(legacy=phuc_xa).delete()
    CommuneSuccession.objects.create(
        legacy=phuc_xa, current=Commune.objects.get(structure=Structure.CURRENT, code="00004")
    )

    counts = load_admin_units()

    assert (counts["created"], counts["updated"], counts["deleted"]) == (1, 1, 1)
    assert Province.objects.current().get(code="01").name == "Thành phố Hà Nội"
    assert list(phuc_xa.successors.values_list("code", flat=True)) == ["00097"]


@pytest.mark.parametrize(
    ("legacy", "current"),
    [
        ("long-an", "tay-ninh"),
        ("kon-tum", "quang-ngai"),
        ("ba-ria-vung-tau", "ho-chi-minh"),
        ("ha-giang", "tuyen-quang"),
        ("ha-noi", "ha-noi"),
    ],
)
def test_legacy_province_successor(legacy, current):
    assert Province.objects.legacy().get(slug=legacy).successor.slug == current


def test_every_legacy_province_has_a_current_successor():
    assert not Province.objects.legacy().filter(successor=None).exists()
    assert not Province.objects.legacy().exclude(successor__structure=Structure.CURRENT).exists()


def successions(legacy_code):
    return {
        (row.current.code, row.current.name, row.current.province.short_name, row.is_main)
        for row in CommuneSuccession.objects.filter(
            legacy__structure=Structure.LEGACY, legacy__code=legacy_code
        ).select_related("current__province")
    }


def test_merged_commune_maps_to_its_new_ward():
    phuc_xa = Commune.objects.get(structure=Structure.LEGACY, code="00001")
    assert (phuc_xa.name, phuc_xa.district.name) == ("Phường Phúc Xá", "Quận Ba Đình")
    assert successions("00001") == {("00097", "Phường Hồng Hà", "Hà Nội", True)}


def test_commune_of_a_merged_province_maps_into_the_new_province():
    quang_trung = Commune.objects.get(structure=Structure.LEGACY, code="23281")
    assert (quang_trung.district.name, quang_trung.province.name) == (
        "Thành phố Kon Tum",
        "Tỉnh Kon Tum",
    )
    assert successions("23281") == {("23293", "Phường Kon Tum", "Quảng Ngãi", True)}


def test_divided_commune_maps_to_several_wards_with_one_main():
    assert Commune.objects.get(structure=Structure.LEGACY, code="31268").name == "Xã Tân Thạnh"
    assert successions("31268") == {
        ("31288", "Xã Trường Thành", "Cần Thơ", True),
        ("31666", "Xã Tân Thạnh", "Cần Thơ", False),
    }


def test_every_legacy_commune_has_exactly_one_main_successor():
    main_counts = (
        Commune.objects.filter(structure=Structure.LEGACY)
        .annotate(
            main=Count("successions_as_legacy", filter=Q(successions_as_legacy__is_main=True))
        )
        .exclude(main=1)
    )
    assert not main_counts.exists()
    assert not CommuneSuccession.objects.exclude(
        legacy__structure=Structure.LEGACY, current__structure=Structure.CURRENT
    ).exists()


def test_every_current_commune_but_five_island_zones_took_over_some_legacy_commune():
    without = Commune.objects.filter(structure=Structure.CURRENT, predecessors=None)
    assert sorted(without.values_list("short_name", flat=True)) == [
        "Bạch Long Vĩ",
        "Côn Đảo",
        "Cồn Cỏ",
        "Hoàng Sa",
        "Lý Sơn",
    ]


def test_slugs_are_ascii_and_unique_per_structure():
    for structure in Structure.values:
        slugs = list(Province.objects.filter(structure=structure).values_list("slug", flat=True))
        assert len(set(slugs)) == len(slugs)
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert {"ha-noi", "ho-chi-minh", "can-tho", "dak-lak", "hue"} <= set(
        Province.objects.current().values_list("slug", flat=True)
    )
    assert {"long-an", "ba-ria-vung-tau", "dak-nong"} <= set(
        Province.objects.legacy().values_list("slug", flat=True)
    )


def test_command_prints_a_vietnamese_summary():
    out = io.StringIO()
    call_command("load_admin_units", stdout=out)
    assert out.getvalue().splitlines() == [
        "Đã nạp 34 tỉnh (từ 01/7/2025), 3.321 xã phường; 63 tỉnh, 696 quận huyện, "
        "10.035 xã phường (trước 01/7/2025); 10.597 liên kết sáp nhập.",
        "Dữ liệu đã đầy đủ, không có gì thay đổi.",
    ]


def test_administrator_browses_units_but_cannot_edit_them(
    admin_client, django_assert_max_num_queries
):
    communes = reverse("wagtailsnippets_website_commune:list")
    assert communes in admin_client.get(reverse("wagtailadmin_home")).text

    with django_assert_max_num_queries(10):
        listing = admin_client.get(communes, {"structure": Structure.CURRENT, "q": "Hồng Hà"})
    assert listing.status_code == 200
    assert "00097" in listing.text
    assert "04264" not in listing.text

    province = Province.objects.current().get(code="01")
    inspect = reverse("wagtailsnippets_website_province:inspect", args=[province.pk])
    assert admin_client.get(inspect).status_code == 200
    for url in (
        reverse("wagtailsnippets_website_province:add"),
        reverse("wagtailsnippets_website_province:edit", args=[province.pk]),
        reverse("wagtailsnippets_website_province:delete", args=[province.pk]),
    ):
        assert admin_client.get(url).url == reverse("wagtailadmin_home")


def test_editor_sees_no_administrative_units(client, django_user_model):
    editor = django_user_model.objects.create_user("bientap", password="x")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)

    communes = reverse("wagtailsnippets_website_commune:list")
    assert communes not in client.get(reverse("wagtailadmin_home")).text
    assert client.get(communes).url == reverse("wagtailadmin_home")
