"""Data officers change streaming figures only in their own area (real HTTP requests)."""

import io
import re
from decimal import Decimal

import pytest

from django.core.management import call_command
from django.urls import reverse

from careers.streaming.access import create_data_officer, find_area
from careers.streaming.models import StreamingFigure
from tests.conftest import module_content, rolled_back

pytestmark = pytest.mark.django_db

VOCATIONAL = "pct_graduates_to_vocational_so_cap_trung_cap"
HEADER = (
    "scope_level,scope,province,period,education_level,indicator,kind,value,comparator,"
    "document,note\n"
)


def url(action, figure):
    return reverse(f"wagtailsnippets_streaming_streamingfigure:{action}", args=[figure.pk])


def district_target(name):
    return StreamingFigure.objects.get(
        district__short_name=name,
        district__province__short_name="Long An",
        education_level="THCS",
        kind="target",
        indicator__slug=VOCATIONAL,
    )


def officer(username, **area):
    province, district = find_area(**area)
    return create_data_officer(username, province=province, district=district)[0]


@module_content
def officer_pks(real_streaming, django_db_blocker):
    """A district's officer and two provinces', made once for the module over the real
    figures and rolled back after it; each test reads them afresh."""
    with rolled_back(django_db_blocker):
        yield {
            "tan_an": officer("phongtanan", district_code="794").pk,
            "tay_ninh": officer("sotayninh", province_slug="tay-ninh").pk,
            "can_tho": officer("socantho", province_slug="can-tho").pk,
        }


@pytest.fixture
def tan_an(officer_pks, django_user_model):
    return django_user_model.objects.get(pk=officer_pks["tan_an"])


@pytest.fixture
def tay_ninh(officer_pks, django_user_model):
    return django_user_model.objects.get(pk=officer_pks["tay_ninh"])


@pytest.fixture
def can_tho(officer_pks, django_user_model):
    return django_user_model.objects.get(pk=officer_pks["can_tho"])


def form_data(figure, **changes):
    data = {
        "scope_level": figure.scope_level,
        "province": figure.province_id or "",
        "district": figure.district_id or "",
        "commune": figure.commune_id or "",
        "school_name": figure.school_name,
        "place": figure.place,
        "period": figure.period,
        "education_level": figure.education_level,
        "indicator": figure.indicator_id,
        "kind": figure.kind,
        "comparator": figure.comparator,
        "value": str(figure.value),
        "document": figure.document,
        "note": figure.note,
    }
    data.update(changes)
    return data


def test_district_officer_lists_only_their_district(client, tan_an):
    client.force_login(tan_an)
    response = client.get(reverse("wagtailsnippets_streaming_streamingfigure:list"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thành phố Tân An" in html
    assert "Huyện Châu Thành" not in html and "Cần Thơ" not in html


@pytest.mark.parametrize("action", ["edit", "history", "delete", "usage", "unpublish"])
def test_district_officer_cannot_reach_another_districts_figure(client, tan_an, action):
    other = district_target("Châu Thành")
    client.force_login(tan_an)
    assert client.get(url(action, other)).status_code == 404


def test_district_officer_cannot_change_another_districts_figure(client, tan_an):
    other = district_target("Châu Thành")
    client.force_login(tan_an)
    response = client.post(url("edit", other), form_data(other, value="1"))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.value == Decimal("39.97")
    assert other.revisions.count() == 1  # the import's only


def test_district_officer_cannot_add_a_figure_for_another_district(client, tan_an):
    other = district_target("Châu Thành")
    client.force_login(tan_an)
    before = StreamingFigure.objects.count()
    response = client.post(
        reverse("wagtailsnippets_streaming_streamingfigure:add"),
        form_data(other, kind="actual", value="20", document="Báo cáo của huyện khác"),
    )
    assert response.status_code == 200  # the form again, with the error
    assert StreamingFigure.objects.count() == before


def test_district_draft_waits_for_the_province(client, tan_an, tay_ninh, streaming_page):
    own = district_target("Tân An")
    client.force_login(tan_an)
    response = client.post(
        url("edit", own), form_data(own, value="41.5", **{"action-publish": "action-publish"})
    )
    assert response.status_code in (302, 200)
    own.refresh_from_db()
    assert own.value == Decimal("40.21")  # published value unchanged: a draft
    assert own.has_unpublished_changes
    latest = own.latest_revision
    assert latest.user == tan_an and Decimal(latest.content["value"]) == Decimal("41.5")
    public = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025}).content.decode()
    assert "41,5" not in public and "40,21" in public

    # The province reviews and publishes; the history keeps who changed what.
    client.force_login(tay_ninh)
    assert client.get(url("edit", own)).status_code == 200
    response = client.post(
        url("edit", own), form_data(own, value="41.5", **{"action-publish": "action-publish"})
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.value == Decimal("41.5") and own.live and not own.has_unpublished_changes
    history = client.get(url("history", own)).content.decode()
    assert "phongtanan" in history or tan_an.get_full_name() in history
    assert own.revisions.filter(user=tan_an).exists()
    public = client.get(streaming_page.url, {"tinh": "tay-ninh", "nam": 2025}).content.decode()
    assert "41,5" in public


def test_province_officer_sees_the_legacy_districts_it_took_over(client, tay_ninh, can_tho):
    client.force_login(tay_ninh)
    assert client.get(url("edit", district_target("Châu Thành"))).status_code == 200
    client.force_login(can_tho)
    assert client.get(url("edit", district_target("Châu Thành"))).status_code == 404
    html = client.get(reverse("wagtailsnippets_streaming_streamingfigure:list")).content.decode()
    assert "Long An" not in html and "Cần Thơ" in html


def test_bulk_delete_refuses_another_provinces_figure(client, can_tho):
    other = district_target("Tân An")
    client.force_login(can_tho)
    bulk = reverse("wagtail_bulk_action", args=["streaming", "streamingfigure", "delete"])
    response = client.post(f"{bulk}?id={other.pk}")
    assert response.status_code == 403
    assert StreamingFigure.objects.filter(pk=other.pk).exists()


def test_bulk_confirmation_does_not_list_another_areas_figures(client, tan_an):
    own, other = district_target("Tân An"), district_target("Châu Thành")
    client.force_login(tan_an)
    bulk = reverse("wagtail_bulk_action", args=["streaming", "streamingfigure", "delete"])
    refused = client.get(f"{bulk}?id={own.pk}&id={other.pk}")
    assert refused.status_code == 403
    assert "Châu Thành" not in refused.content.decode()
    assert client.get(f"{bulk}?id=all").status_code == 403
    assert client.get(f"{bulk}?id={own.pk}").status_code != 403


def test_import_refuses_rows_outside_the_area_and_writes_nothing(client, tan_an):
    client.force_login(tan_an)
    text = HEADER + (
        f"district,Tân An,Long An,2025,THCS,{VOCATIONAL},actual,38.2,=,Báo cáo Tân An,\n"
        f"district,Châu Thành,Long An,2025,THCS,{VOCATIONAL},actual,30,=,Báo cáo Tân An,\n"
    )
    file = io.BytesIO(text.encode())
    file.name = "tan-an.csv"
    before = StreamingFigure.objects.count()
    response = client.post(reverse("streaming_import"), {"file": file})
    html = response.content.decode()
    assert "Dòng 3: địa bàn này nằm ngoài địa bàn bạn phụ trách." in html
    assert StreamingFigure.objects.count() == before


def test_district_import_is_a_draft(client, tan_an):
    client.force_login(tan_an)
    text = HEADER + (
        f"district,Tân An,Long An,2025,THCS,{VOCATIONAL},actual,38.2,=,Báo cáo Tân An,\n"
    )
    file = io.BytesIO(text.encode())
    file.name = "tan-an.csv"
    response = client.post(reverse("streaming_import"), {"file": file})
    assert response.status_code == 302
    figure = StreamingFigure.objects.get(document="Báo cáo Tân An")
    assert not figure.live and figure.latest_revision.user == tan_an


def test_users_without_an_area_see_nothing(client, real_streaming, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("khongdiaban", password="x")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_streamingfigure", "change_streamingfigure"]
        )
    )
    client.force_login(user)
    assert client.get(url("edit", district_target("Tân An"))).status_code == 404
    response = client.get(reverse("streaming_import"))
    assert response.status_code == 302 and response["Location"] == "/admin/"  # refused


def test_command_creates_a_data_officer(real_streaming, capsys):
    call_command("create_data_officer", "phongbenluc", "--district", "803")
    out = capsys.readouterr().out
    assert "phongbenluc" in out and "Bến Lức" in out
    with pytest.raises(Exception, match="không-có"):
        call_command("create_data_officer", "x", "--province", "không-có")


def test_officer_admin_pages_render(client, tan_an, tay_ninh):
    client.force_login(tan_an)
    add = client.get(reverse("wagtailsnippets_streaming_streamingfigure:add"))
    assert add.status_code == 200
    html = add.content.decode()
    assert "Thành phố Tân An" in html and "Huyện Châu Thành" not in html
    assert client.get(reverse("streaming_import")).status_code == 200
    client.force_login(tay_ninh)
    html = client.get(reverse("wagtailsnippets_streaming_streamingfigure:add")).content.decode()
    assert "Huyện Châu Thành" in html and "Kon Rẫy" not in html


def test_the_chooser_lists_only_the_officers_area(client, tan_an):
    client.force_login(tan_an)
    html = client.get("/admin/snippets/choose/streaming/streamingfigure/").json()["html"]
    assert "Thành phố Tân An" in html and "Huyện Châu Thành" not in html
    other = district_target("Châu Thành")
    response = client.get(f"/admin/snippets/choose/streaming/streamingfigure/chosen/{other.pk}/")
    assert response.status_code == 404


def test_province_import_publishes_a_district_draft(client, tan_an, tay_ninh):
    text = HEADER + (
        f"district,Tân An,Long An,2025,THCS,{VOCATIONAL},actual,38.2,=,Báo cáo Tân An,\n"
    )
    for user in (tan_an, tay_ninh):
        client.force_login(user)
        file = io.BytesIO(text.encode())
        file.name = "tan-an.csv"
        assert client.post(reverse("streaming_import"), {"file": file}).status_code == 302
    figure = StreamingFigure.objects.get(document="Báo cáo Tân An")
    assert figure.live and not figure.has_unpublished_changes
    assert figure.value == Decimal("38.2")


def test_province_reviews_a_district_submission_in_the_workflow(client, tan_an, tay_ninh, can_tho):
    own = district_target("Tân An")
    client.force_login(tan_an)
    response = client.post(
        url("edit", own), form_data(own, value="42", **{"action-submit": "action-submit"})
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.workflow_in_progress and own.value == Decimal("40.21")
    state = own.current_workflow_task_state
    task = state.task.specific

    # Only the province that covers Tân An may review it.
    assert list(task.get_task_states_user_can_moderate(tay_ninh)) == [state]
    assert not task.get_task_states_user_can_moderate(can_tho).exists()
    assert not task.get_task_states_user_can_moderate(tan_an).exists()
    approve = reverse(
        "wagtailsnippets_streaming_streamingfigure:workflow_action",
        args=[own.pk, "approve", state.pk],
    )
    client.force_login(can_tho)
    assert client.post(approve).status_code == 404
    client.force_login(tan_an)
    client.post(approve)
    own.refresh_from_db()
    assert own.value == Decimal("40.21") and own.workflow_in_progress

    client.force_login(tay_ninh)
    assert client.post(approve).status_code == 302
    own.refresh_from_db()
    assert own.value == Decimal("42") and not own.workflow_in_progress


def test_district_import_is_submitted_for_review(client, tan_an):
    client.force_login(tan_an)
    text = HEADER + (
        f"district,Tân An,Long An,2025,THCS,{VOCATIONAL},actual,38.2,=,Báo cáo Tân An,\n"
    )
    file = io.BytesIO(text.encode())
    file.name = "tan-an.csv"
    client.post(reverse("streaming_import"), {"file": file})
    figure = StreamingFigure.objects.get(document="Báo cáo Tân An")
    assert figure.workflow_in_progress


def test_approving_with_another_areas_task_is_refused(client, tan_an, tay_ninh, can_tho):
    """The workflow action URL of one's own figure with another province's task id used to
    approve and publish the other province's figure: the area check looked at the figure only."""
    from careers.streaming.access import submit_for_review

    own = StreamingFigure.objects.filter(current_province__short_name="Cần Thơ").first()
    other = district_target("Tân An")
    for figure in (own, other):
        figure.value = Decimal("12")
        figure.save_revision(user=tan_an)
        submit_for_review(figure, tan_an)
    other_state = other.current_workflow_task_state
    approve = reverse(
        "wagtailsnippets_streaming_streamingfigure:workflow_action",
        args=[own.pk, "approve", other_state.pk],
    )
    client.force_login(can_tho)
    assert client.post(approve).status_code == 404
    other.refresh_from_db()
    assert other.workflow_in_progress and other.value == Decimal("40.21")


@pytest.mark.parametrize("odd", ["%20{pk}", "%2B{pk}", "{pk}%20", "{half}_{rest}", "ALL", "%D9%A3"])
def test_bulk_ids_that_are_not_plain_digits_are_a_400(client, tan_an, odd):
    """`?id=%20103` passed the area guard (not digits, so not checked) and Django then read it
    as 103: the confirmation listed other areas' figures. `?id=ALL` was a 500."""
    other = district_target("Châu Thành")
    pk = str(other.pk)
    client.force_login(tan_an)
    bulk = reverse("wagtail_bulk_action", args=["streaming", "streamingfigure", "delete"])
    query = odd.format(pk=pk, half=pk[:1], rest=pk[1:])
    response = client.get(f"{bulk}?id={query}")
    assert response.status_code == 400
    assert "Châu Thành" not in response.content.decode()
    assert "chỉ gồm chữ số 0–9" in response.content.decode()


def test_site_history_is_closed_to_officers_without_the_menu_item(client, tan_an):
    client.force_login(tan_an)
    for url in ("/admin/reports/site-history/", "/admin/reports/site-history/results/"):
        response = client.get(url)
        assert response.status_code == 403
        assert "Châu Thành" not in response.content.decode()


def status_of(html, figure):
    """The status tag in the list row that links to ``figure``'s edit view."""
    row = re.search(
        rf"<tr[^>]*>(?:(?!</tr>).)*?{re.escape(url('edit', figure))}.*?</tr>", html, re.S
    )
    assert row, "the figure is not listed"
    tag = re.search(r'class="w-status[^"]*"[^>]*>\s*([^<]+?)\s*<', row.group(0))
    return tag.group(1)


def test_the_district_officers_list_says_draft_under_review_or_published(client, tan_an):
    own = district_target("Tân An")
    list_url = reverse("wagtailsnippets_streaming_streamingfigure:list")
    client.force_login(tan_an)
    html = client.get(list_url).content.decode()
    assert "Trạng thái" in html and "Địa bàn" in html and "Area label" not in html
    assert status_of(html, own) == "đã đăng"

    client.post(url("edit", own), form_data(own, value="41"))  # saved as a draft
    assert status_of(client.get(list_url).content.decode(), own) == "đã đăng, có bản nháp"

    client.post(url("edit", own), form_data(own, value="42", **{"action-submit": "1"}))
    own.refresh_from_db()
    assert own.workflow_in_progress and own.live
    assert status_of(client.get(list_url).content.decode(), own) == "đã đăng, bản sửa chờ duyệt"

    text = HEADER + f"district,Tân An,Long An,2024,THCS,{VOCATIONAL},actual,37.9,=,Báo cáo 2024,\n"
    file = io.BytesIO(text.encode())
    file.name = "tan-an.csv"
    client.post(reverse("streaming_import"), {"file": file})
    new = StreamingFigure.objects.get(document="Báo cáo 2024")
    assert not new.live and new.workflow_in_progress
    html = client.get(list_url).content.decode()
    assert status_of(html, new) == "chờ duyệt"


def test_the_list_keeps_its_query_count_with_the_status_column(
    client, tan_an, django_assert_max_num_queries
):
    client.force_login(tan_an)
    list_url = reverse("wagtailsnippets_streaming_streamingfigure:list")
    client.get(list_url)
    with django_assert_max_num_queries(40) as queries:
        client.get(list_url)
    few = len(queries)
    for figure in StreamingFigure.objects.filter(district__short_name="Tân An")[:3]:
        figure.get_workflow().start(figure, tan_an)
    with django_assert_max_num_queries(few):
        client.get(list_url)


def test_approving_a_district_figure_says_so(client, tan_an, tay_ninh):
    own = district_target("Tân An")
    client.force_login(tan_an)
    client.post(url("edit", own), form_data(own, value="42", **{"action-submit": "1"}))
    state = StreamingFigure.objects.get(pk=own.pk).current_workflow_task_state
    client.force_login(tay_ninh)
    approve = reverse(
        "wagtailsnippets_streaming_streamingfigure:workflow_action",
        args=[own.pk, "approve", state.pk],
    )
    response = client.post(approve, {"next": "/admin/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/admin/"
    html = response.content.decode()
    assert "Đã duyệt và đăng “" in html
