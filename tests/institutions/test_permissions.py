"""Least privilege, proven on real HTTP requests: what each role can do to school B.

Roles: anonymous, staff of school A, a province's data officer, editor, administrator.
Actions against school B's pages, images and documents through the admin pages, the admin
search and choosers, bulk actions, reports, direct URLs and the APIs. Staff of school A are
also checked on their own school (they can edit and submit, never publish).
"""

import io
import json

import pytest

from django.contrib.auth.models import User

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from careers.streaming.access import create_data_officer
from institutions.models import ProgramPage
from tests.conftest import default_home_page, fresh_pages, rolled_back
from tests.institutions import factories
from tests.institutions.conftest import (
    make_administrator,
    make_editor,
    make_school_a,
    make_school_b,
    make_staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def world_ids(django_db_setup, django_db_blocker):
    """Two schools, each with a live programme, school B also with a draft; their files and
    the five roles' users. Made once for the module (it is most of each test's time) and
    rolled back after it; each test's own transaction nests inside, so what an action changed
    is undone before the next one. Keeps primary keys: each test reads fresh objects."""
    with rolled_back(django_db_blocker):
        home = default_home_page()
        index = factories.index(home)
        school_a, school_b = make_school_a(index), make_school_b(index)
        staff = {
            "staff_a": make_staff(school_a, "canbo-a"),
            "staff_b": make_staff(school_b, "canbo-b"),
        }
        b_collection = school_b.access.collection
        yield {
            "index": index.pk,
            "a": school_a.pk,
            "b": school_b.pk,
            "a_programme": factories.programme(school_a, "Điện công nghiệp A", code="6520227").pk,
            "b_programme": factories.programme(
                school_b, "Hàn B", code="5520123", level="trung-cap"
            ).pk,
            "b_draft": factories.programme(
                school_b, "Bản nháp riêng B", code="5520124", level="trung-cap", live=False
            ).pk,
            "b_image": factories.image(b_collection, "Ảnh riêng trường B").pk,
            "b_document": factories.document(b_collection, "Tài liệu riêng trường B").pk,
            "users": {
                **{role: user.pk for role, user in staff.items()},
                "officer": create_data_officer("so-thu", province=factories.province("Cần Thơ"))[
                    0
                ].pk,
                "editor": make_editor().pk,
                "administrator": make_administrator().pk,
            },
        }


@pytest.fixture
def world(world_ids):
    """The module's objects, read afresh for each test (an action may have changed them)."""
    pages = fresh_pages(
        {
            name: world_ids[name]
            for name in ("index", "a", "b", "a_programme", "b_programme", "b_draft")
        }
    )
    b_collection = pages["b"].access.collection
    return {
        **pages,
        "b_image": get_image_model().objects.get(pk=world_ids["b_image"]),
        "b_document": get_document_model().objects.get(pk=world_ids["b_document"]),
        "a_collection": pages["a"].access.collection,
        "b_collection": b_collection,
        "users": {role: User.objects.get(pk=pk) for role, pk in world_ids["users"].items()},
    }


def programme_form(page, **changes):
    latest = page.get_latest_revision_as_object()
    data = {
        "title": latest.title,
        "slug": latest.slug,
        "code": latest.code,
        "level": latest.level,
        "summary": latest.summary,
        "training_field": latest.training_field_id or "",
        "duration_months": latest.duration_months,
        "mode": latest.mode,
        "entry_requirements": latest.entry_requirements,
        "quota": latest.quota or "",
        "admission_start": "",
        "admission_end": "",
        "tuition": latest.tuition if latest.tuition is not None else "",
        "tuition_period": latest.tuition_period,
        "tuition_exemptions": latest.tuition_exemptions,
        "campus": latest.campus,
        "outcomes_text": latest.outcomes_text,
        "outcomes": inline_formset([]),
        "comments": inline_formset([]),
        "seo_title": "",
        "search_description": "",
    }
    data.update(changes)
    return nested_form_data(data)


def institution_form(page, **changes):
    """The edit form of a school's profile as its latest revision fills it, with ``changes``
    (inline rows as lists of dicts)."""
    latest = page.get_latest_revision_as_object()
    data = {
        "title": latest.title,
        "slug": latest.slug,
        "institution_type": latest.institution_type,
        "ownership": latest.ownership,
        "summary": latest.summary,
        "address": latest.address,
        "province": latest.province_id,
        "commune": latest.commune_id or "",
        "legacy_district": "",
        "latitude": "",
        "longitude": "",
        "phone": latest.phone,
        "admissions_zalo": "",
        "email": latest.email,
        "apply_how": "",
        "apply_documents": "",
        "apply_url": "",
        "website": "",
        "admissions": streamfield([]),
        "boarding_details": "",
        "facilities": latest.facilities,
        "support_policies": streamfield([]),
        "seo_title": "",
        "search_description": "",
    }
    for name in ("partnerships", "partners", "outcomes", "comments"):
        data[name] = inline_formset(changes.pop(name, []))
    data.update(changes)
    return nested_form_data(data)


def login(client, world, role):
    if role != "anonymous":
        client.force_login(world["users"][role])
    return client


def shows(response, text):
    """Whether a 200 response shows ``text`` (in HTML, or in a chooser's JSON-wrapped HTML)."""
    if response.status_code != 200:
        return False
    if response["Content-Type"].startswith("application/json"):
        return text in json.dumps(response.json(), ensure_ascii=False)
    return text in response.content.decode()


# Each action tries one thing against school B and says whether it worked.


def see_explorer(client, w):
    return shows(client.get(f"/admin/pages/{w['b'].pk}/"), w["b_draft"].title)


def see_explorer_of_index(client, w):
    return shows(client.get(f"/admin/pages/{w['index'].pk}/"), w["b"].title)


def see_edit_form(client, w):
    return client.get(f"/admin/pages/{w['b_programme'].pk}/edit/").status_code == 200


def see_history(client, w):
    return client.get(f"/admin/pages/{w['b_programme'].pk}/history/").status_code == 200


def see_preview(client, w):
    url = f"/admin/pages/{w['b_draft'].pk}/view_draft/"
    return shows(client.get(url), w["b_draft"].title)


def see_in_admin_search(client, w):
    return shows(client.get("/admin/pages/search/", {"q": "Bản nháp riêng"}), w["b_draft"].title)


def see_in_page_chooser_search(client, w):
    response = client.get("/admin/choose-page/search/", {"q": "Bản nháp riêng"})
    return shows(response, w["b_draft"].title)


def see_in_page_chooser_browse(client, w):
    return shows(client.get(f"/admin/choose-page/{w['index'].pk}/"), w["b"].title)


def see_in_reports(client, w):
    urls = [
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/page-types-usage/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ]
    return any(
        shows(client.get(url), title)
        for url in urls
        for title in (w["b_draft"].title, w["b"].title)
    )


def edit(client, w):
    page = w["b_programme"]
    client.post(f"/admin/pages/{page.pk}/edit/", programme_form(page, title="Sửa bởi người lạ"))
    page.refresh_from_db()
    return page.get_latest_revision_as_object().title == "Sửa bởi người lạ"


def submit(client, w):
    page = w["b_programme"]
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        programme_form(page, title="Gửi duyệt bởi người lạ", **{"action-submit": "1"}),
    )
    page.refresh_from_db()
    return page.workflow_in_progress


def publish(client, w):
    page = w["b_programme"]
    client.post(
        f"/admin/pages/{page.pk}/edit/",
        programme_form(page, tuition="1", **{"action-publish": "1"}),
    )
    page.refresh_from_db()
    return page.specific.tuition == 1


def unpublish(client, w):
    page = w["b_programme"]
    client.post(f"/admin/pages/{page.pk}/unpublish/", {})
    page.refresh_from_db()
    return not page.live


def delete(client, w):
    page = w["b_programme"]
    client.post(f"/admin/pages/{page.pk}/delete/", {})
    return not Page.objects.filter(pk=page.pk).exists()


def move(client, w):
    page = w["b_programme"]
    client.post(f"/admin/pages/{page.pk}/move/{w['a'].pk}/confirm/", {})
    return Page.objects.get(pk=page.pk).get_parent().pk == w["a"].pk


def copy(client, w):
    page = w["b_programme"]
    client.post(
        f"/admin/pages/{page.pk}/copy/",
        {"new_title": "Bản sao", "new_slug": "ban-sao", "new_parent_page": w["a"].pk},
    )
    return ProgramPage.objects.filter(slug="ban-sao").exists()


def add_programme(client, w):
    url = f"/admin/pages/add/institutions/programpage/{w['b'].pk}/"
    client.post(url, programme_form(w["b_programme"], title="Ngành lạ", slug="nganh-la"))
    return ProgramPage.objects.filter(slug="nganh-la").exists()


def upload_programmes(client, w):
    csv = (
        "mã ngành,tên ngành,trình độ,thời gian (tháng),điều kiện vào học\n"
        "6480201,Công nghệ thông tin,cao đẳng,30,Tốt nghiệp THPT\n"
    ).encode()
    upload = io.BytesIO(csv)
    upload.name = "nganh.csv"
    url = f"/admin/truong/{w['b'].pk}/tai-len/"
    response = client.post(url, {"file": upload})
    if response.status_code != 200 or "table" not in response.content.decode():
        return False
    token = response.context["token"]
    client.post(url, {"confirm": "1", "table": token})
    return ProgramPage.objects.child_of(w["b"]).filter(code="6480201").exists()


def see_image(client, w):
    return client.get(f"/admin/images/{w['b_image'].pk}/").status_code == 200


def see_image_in_listing(client, w):
    return shows(client.get("/admin/images/"), w["b_image"].title)


def see_image_in_chooser(client, w):
    return shows(client.get("/admin/images/chooser/"), w["b_image"].title)


def upload_image_into_b(client, w):
    data = io.BytesIO()
    from PIL import Image as PillowImage

    PillowImage.new("RGB", (10, 10)).save(data, "PNG")
    data.seek(0)
    data.name = "la.png"
    client.post(
        "/admin/images/add/",
        {"title": "Ảnh lạ", "file": data, "collection": w["b_collection"].pk, "tags": ""},
    )
    return get_image_model().objects.filter(title="Ảnh lạ", collection=w["b_collection"]).exists()


def delete_image(client, w):
    client.post(f"/admin/images/{w['b_image'].pk}/delete/", {})
    return not get_image_model().objects.filter(pk=w["b_image"].pk).exists()


def see_document(client, w):
    return client.get(f"/admin/documents/edit/{w['b_document'].pk}/").status_code == 200


def see_document_in_listing(client, w):
    return shows(client.get("/admin/documents/"), w["b_document"].title)


def see_document_in_chooser(client, w):
    return shows(client.get("/admin/documents/chooser/"), w["b_document"].title)


def draft_in_api(client, w):
    return client.get(f"/api/v2/pages/{w['b_draft'].pk}/").status_code == 200


def draft_in_api_listing(client, w):
    response = client.get("/api/v2/pages/", {"type": "institutions.ProgramPage"})
    return w["b_draft"].title in response.content.decode()


def draft_on_site(client, w):
    return client.get(w["b"].url + w["b_draft"].slug + "/").status_code == 200


def see_draft_in_page_chooser_parent(client, w):
    """/admin/choose-page/N/ opened any page by id and showed its title."""
    return shows(client.get(f"/admin/choose-page/{w['b_draft'].pk}/"), w["b_draft"].title)


def see_in_bulk_confirmation(client, w):
    """The bulk-action confirmation listed pages one may not act on, by title."""
    urls = [
        f"/admin/bulk/wagtailcore/page/{action}/?id={w['b_draft'].pk}"
        for action in ("delete", "publish", "unpublish", "move")
    ]
    return any(shows(client.get(url), w["b_draft"].title) for url in urls)


def see_files_in_bulk_confirmation(client, w):
    image = client.get(f"/admin/bulk/wagtailimages/image/delete/?id={w['b_image'].pk}")
    document = client.get(f"/admin/bulk/wagtaildocs/document/delete/?id={w['b_document'].pk}")
    return shows(image, w["b_image"].title) or shows(document, w["b_document"].title)


def see_image_in_admin_api(client, w):
    listed = shows(client.get("/admin/api/main/images/"), w["b_image"].title)
    detail = client.get(f"/admin/api/main/images/{w['b_image'].pk}/")
    return listed or shows(detail, w["b_image"].title)


def see_document_in_admin_api(client, w):
    listed = shows(client.get("/admin/api/main/documents/"), w["b_document"].title)
    detail = client.get(f"/admin/api/main/documents/{w['b_document'].pk}/")
    return listed or shows(detail, w["b_document"].title)


def open_reports_by_url(client, w):
    """Reports hidden from the menu opened by typing their address."""
    urls = [
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/reports/site-history/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
    ]
    return any(client.get(url).status_code == 200 for url in urls)


ACTIONS = [
    see_explorer,
    see_explorer_of_index,
    see_edit_form,
    see_history,
    see_preview,
    see_in_admin_search,
    see_in_page_chooser_search,
    see_in_page_chooser_browse,
    see_in_reports,
    edit,
    submit,
    publish,
    unpublish,
    delete,
    move,
    copy,
    add_programme,
    upload_programmes,
    see_image,
    see_image_in_listing,
    see_image_in_chooser,
    upload_image_into_b,
    delete_image,
    see_document,
    see_document_in_listing,
    see_document_in_chooser,
    draft_in_api,
    draft_in_api_listing,
    draft_on_site,
    see_draft_in_page_chooser_parent,
    see_in_bulk_confirmation,
    see_files_in_bulk_confirmation,
    see_image_in_admin_api,
    see_document_in_admin_api,
    open_reports_by_url,
]
PUBLIC_NEVER = {draft_in_api, draft_in_api_listing, draft_on_site}
# What an editor may not do even to school B: nothing of the admin is closed to them, but
# the site and the API show no drafts to anyone.
EXPECTED = {
    "anonymous": set(),
    "staff_a": set(),
    # A province's data officer: streaming figures only; the page chooser (for links in a
    # figure's note) lists live pages, which the public site shows anyway — never drafts.
    "officer": {see_in_page_chooser_browse},
    "editor": set(ACTIONS) - PUBLIC_NEVER,
    "administrator": set(ACTIONS) - PUBLIC_NEVER,
}


@pytest.mark.parametrize("role", list(EXPECTED))
@pytest.mark.parametrize("action", ACTIONS, ids=lambda action: action.__name__)
def test_permission_matrix(client, world, role, action):
    login(client, world, role)
    assert action(client, world) is (action in EXPECTED[role])


def test_documents_of_a_private_collection_are_served_only_after_login(client, world):
    """Documents are served through Wagtail's permission-checked view (serve_view): a
    collection made private keeps its files from anonymous downloads by URL."""
    from wagtail.models import CollectionViewRestriction

    collection = world["b_collection"]
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = factories.document(collection, "Hồ sơ nội bộ trường B")
    response = client.get(document.url)
    assert response.status_code == 302 and "/_util/login/" in response["Location"]
    public = factories.document(collection.get_parent(), "Thông báo chung")
    assert client.get(public.url).status_code == 200
