"""The admin's choosers of administrative units: current units, search without diacritics,
communes of the chosen province, clear errors for old units (over the full load of units)."""

import re

import pytest

from django.contrib.auth.models import Group, User
from django.urls import reverse

from careers.streaming.models import StreamingFigure
from tests import factories
from website.area_choosers import AreaChoiceField
from website.models import Commune, EventPage, Province, Structure
from website.roles import EDITORS

pytestmark = pytest.mark.django_db

PROVINCES = reverse("chon_tinh:choose")
PROVINCE_RESULTS = reverse("chon_tinh:choose_results")
COMMUNES = reverse("chon_xa:choose_results")
DISTRICTS = reverse("chon_huyen:choose_results")


@pytest.fixture
def editor_client(client, admin_units):
    editor = User.objects.create_user("bientap-don-vi", password="mat-khau-thu-nghiem")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


def listed(response):
    """The units a chooser lists, as their link texts."""
    html = response.json()["html"] if "json" in response["Content-Type"] else response.text
    return [
        re.sub(r"\s+", " ", text).strip()
        for text in re.findall(r"data-chooser-modal-choice[^>]*>(.*?)</a>", html, re.S)
    ]


def count(response):
    html = response.json()["html"] if "json" in response["Content-Type"] else response.text
    found = re.search(r"(\d[\d.]*)\s+(?:kết quả|trên|mục)", html)
    return found and found.group(0)


def test_the_province_chooser_lists_the_34_current_provinces_only(editor_client):
    response = editor_client.get(PROVINCE_RESULTS, {"p": 1})
    assert response.status_code == 200
    pages = [listed(editor_client.get(PROVINCE_RESULTS, {"p": n})) for n in (1, 2)]
    names = pages[0] + pages[1]
    assert len(names) == 34 and len(set(names)) == 34
    assert "Tỉnh Long An" not in names and "Tỉnh Tây Ninh" in names


@pytest.mark.parametrize("query", ["can tho", "Cần Thơ", "CAN THO", "cần"])
def test_provinces_are_found_with_or_without_diacritics(editor_client, query):
    assert "Thành phố Cần Thơ" in listed(editor_client.get(PROVINCE_RESULTS, {"q": query}))


def test_communes_are_those_of_the_chosen_province_and_searchable(editor_client):
    can_tho = Province.objects.current().get(slug="can-tho")
    ha_noi = Province.objects.current().get(slug="ha-noi")
    names = listed(editor_client.get(COMMUNES, {"province": can_tho.pk, "q": "ninh kieu"}))
    assert names == ["Phường Ninh Kiều, Cần Thơ"]
    assert listed(editor_client.get(COMMUNES, {"province": ha_noi.pk, "q": "ninh kieu"})) == []
    everywhere = listed(editor_client.get(COMMUNES, {"q": "cau giay"}))
    assert "Phường Cầu Giấy, Hà Nội" in everywhere
    assert all(", " in name for name in everywhere)
    old = Commune.objects.filter(structure=Structure.LEGACY, name="Phường Cầu Giấy")
    assert not old.exists() or all("Quận" not in name for name in everywhere)


def test_the_event_form_links_the_commune_chooser_to_the_province(editor_client, home_page):
    events = factories.event_index(home_page)
    html = editor_client.get(f"/admin/pages/add/website/eventpage/{events.pk}/").text
    assert "Chọn tỉnh, thành phố" in html and "Chọn xã, phường" in html
    assert reverse("chon_xa:choose") in html
    assert "linkedFields" in html and "#id_province" in html
    assert "he=tat-ca" not in html  # an event takes place in a current province


def test_an_old_unit_is_refused_with_a_clear_message(editor_client, home_page):
    events = factories.event_index(home_page)
    long_an = Province.objects.legacy().get(slug="long-an")
    old_commune = Commune.objects.filter(structure=Structure.LEGACY, province=long_an).first()
    response = editor_client.post(
        f"/admin/pages/add/website/eventpage/{events.pk}/",
        {
            "title": "Ngày hội",
            "slug": "ngay-hoi",
            "province": long_an.pk,
            "commune": old_commune.pk,
            **{f"{name}-count": "0" for name in ("body", "report", "gallery")},
            **{f"participants-{key}": "0" for key in ("TOTAL_FORMS", "INITIAL_FORMS")},
            "participants-MIN_NUM_FORMS": "0",
            "participants-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["province"] == [
        "Tỉnh Long An là đơn vị trước 01/7/2025, nay thuộc Tỉnh Tây Ninh: hãy chọn "
        "tỉnh, thành phố hiện nay."
    ]
    (message,) = errors["commune"]
    assert message.startswith(f"{old_commune} là đơn vị trước 01/7/2025, nay thuộc ")
    assert isinstance(
        EventPage.get_edit_handler().get_form_class().base_fields["province"], AreaChoiceField
    )


def test_the_streaming_figure_offers_old_provinces_and_districts_of_the_province(
    editor_client,
):
    form_class = StreamingFigure.snippet_viewset.get_edit_handler().get_form_class()
    widget = form_class.base_fields["province"].widget
    assert widget.get_chooser_modal_url().endswith("?he=tat-ca")
    names = listed(editor_client.get(PROVINCE_RESULTS, {"he": "tat-ca", "q": "long an"}))
    assert names == ["Tỉnh Long An"]
    tay_ninh = Province.objects.current().get(slug="tay-ninh")
    districts = listed(editor_client.get(DISTRICTS, {"province": tay_ninh.pk, "q": "tan an"}))
    assert districts == ["Thành phố Tân An, Long An"]
