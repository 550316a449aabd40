"""The teachers' library: filters, search with and without diacritics, the summary page,
restricted downloads, upload validation, and a constant number of queries per page."""

import datetime

import pytest

from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.documents import get_document_model

from tests import factories
from website.context import DOCUMENTS_PER_PAGE
from website.models import DocumentKind
from website.roles import EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(home_page):
    return factories.library_index(home_page)


@pytest.fixture
def shelf(library):
    """Three documents that differ in type, grades and topic."""
    market = factories.library_topic("Thị trường lao động", "thi-truong-lao-dong")
    return {
        "training": factories.library_document(
            library, "Tài liệu tập huấn giáo viên hướng nghiệp", grade_from=6, grade_to=9
        ),
        "lesson": factories.library_document(
            library,
            "Kế hoạch bài dạy: Nghề điện công nghiệp",
            kind=DocumentKind.LESSON_PLAN,
            grade_from=9,
            grade_to=9,
        ),
        "slides": factories.library_document(
            library,
            "Bài trình chiếu về việc làm của thanh niên",
            kind=DocumentKind.SLIDES,
            topic=market,
            grade_from=10,
            grade_to=12,
        ),
    }


def titles(response):
    return [page.title for page in response.context["documents_page"]]


def test_library_lists_documents_with_their_facts(client, library, shelf):
    html = client.get(library.url).text
    assert "Kế hoạch bài dạy: Nghề điện công nghiệp" in html
    assert "Kế hoạch bài dạy · Lớp 9 · Chọn nghề · " in html
    assert "Bài trình chiếu · Lớp 10–12 · Thị trường lao động" in html
    assert "15/08/2025" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"loai": "giao-an"}, {"lesson"}),
        ({"loai": "trinh-chieu"}, {"slides"}),
        ({"lop": "9"}, {"training", "lesson"}),
        ({"lop": "7"}, {"training"}),
        ({"lop": "11"}, {"slides"}),
        ({"chu-de": "thi-truong-lao-dong"}, {"slides"}),
        ({"lop": "9", "loai": "tap-huan"}, {"training"}),
        ({"q": "điện công nghiệp"}, {"lesson"}),
        ({"q": "dien cong nghiep"}, {"lesson"}),
        ({"q": "DIEN"}, {"lesson"}),
        ({"q": "thanh nien"}, {"slides"}),
        ({"q": "thị trường"}, {"slides"}),  # the topic's name is searched too
        ({"q": "huong nghiep giao vien"}, {"training"}),  # every word, in any order
        ({"q": "hướng nghiệp thợ hàn"}, set()),
    ],
)
def test_filters_and_search(client, library, shelf, params, expected):
    response = client.get(library.url, params)
    assert set(titles(response)) == {shelf[key].title for key in expected}
    assert not response.context["filter_errors"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lop": "13"}, "Lớp “13” không hợp lệ"),
        ({"lop": "٩"}, "không hợp lệ"),
        ({"loai": "video"}, "Không có loại tài liệu “video”"),
        ({"chu-de": "khong-co"}, "Không có chủ đề “khong-co”"),
    ],
)
def test_a_bad_filter_says_so_and_lists_everything(client, library, shelf, params, message):
    response = client.get(library.url, params)
    assert response.status_code == 200
    assert message in response.text
    assert len(titles(response)) == 3


def test_drafts_are_not_listed(client, library, shelf):
    factories.library_document(library, "Bản nháp chưa đăng", live=False)
    assert "Bản nháp chưa đăng" not in client.get(library.url).text


def test_the_list_is_paginated(client, library):
    for number in range(DOCUMENTS_PER_PAGE + 1):
        factories.library_document(library, f"Tài liệu số {number}")
    first = client.get(library.url)
    assert len(titles(first)) == DOCUMENTS_PER_PAGE
    assert "Trang 1/2" in first.text
    assert len(titles(client.get(library.url, {"trang": "2"}))) == 1


def _count_queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "tai lieu", "lop": "8", "chu-de": "chon-nghe"}])
def test_queries_per_page_do_not_grow_with_the_library(client, library, params):
    factories.library_document(library, "Tài liệu đầu tiên")
    client.get(library.url)  # warm the site and menu caches
    before = _count_queries(client, library.url, params)
    topics = [factories.library_topic(f"Chủ đề {n}", f"chu-de-{n}") for n in range(5)]
    for number in range(30):
        factories.library_document(library, f"Tài liệu {number}", topic=topics[number % 5])
    assert _count_queries(client, library.url, params) == before
    assert before <= 14


def test_summary_page_shows_every_fact(client, library):
    page = factories.library_document(
        library,
        "Tài liệu tham khảo về nghề",
        kind=DocumentKind.REFERENCE,
        grade_from=10,
        grade_to=12,
        issuer="Bộ Giáo dục và Đào tạo",
        issued_on=datetime.date(2024, 3, 5),
        licence="CC BY 4.0",
        summary="Giới thiệu các nhóm nghề cho học sinh trung học phổ thông.",
    )
    html = client.get(page.url).text
    for text in (
        "Tài liệu tham khảo",
        "Lớp 10–12",
        "Chọn nghề",
        "Bộ Giáo dục và Đào tạo",
        "05/03/2024",
        "CC BY 4.0",
        "Giới thiệu các nhóm nghề cho học sinh trung học phổ thông.",
        page.document.url,
    ):
        assert text in html


def test_grades_must_run_upwards(library):
    from django.core.exceptions import ValidationError

    page = factories.library_document(library)
    page.grade_from, page.grade_to = 10, 8
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "“Đến lớp” phải từ “Từ lớp” trở lên." in str(error.value)


# Restricted documents ------------------------------------------------------------------

SECRET = b"%PDF-1.4 noi dung chi cho giao vien"


@pytest.fixture
def restricted(library):
    file = factories.library_file("Đề cương tập huấn nội bộ", content=SECRET)
    return factories.library_document(
        library, "Đề cương tập huấn nội bộ", document=file, restricted=True
    )


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_anonymous_download_of_a_restricted_file_is_refused(client, restricted):
    response = client.get(restricted.document.url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]
    assert SECRET not in body(response)
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_summary_page_of_a_restricted_file_stays_public(client, library, restricted):
    html = client.get(restricted.url).text
    assert "Đề cương tập huấn nội bộ" in html
    assert "chỉ tải được khi đã đăng nhập" in html
    assert "Cần đăng nhập để tải" in client.get(library.url).text


def test_a_logged_in_account_downloads_a_restricted_file(client, restricted):
    client.force_login(User.objects.create_user("giaovien", password="mat-khau-thu-123"))
    response = client.get(restricted.document.url)
    assert response.status_code == 200
    assert body(response) == SECRET


def test_a_public_file_downloads_without_login(client, library):
    page = factories.library_document(library, "Tài liệu công khai")
    response = client.get(page.document.url)
    assert response.status_code == 200
    assert body(response).startswith(b"%PDF")


def test_a_draft_that_restricts_a_file_restricts_it_already(client, library):
    page = factories.library_document(library, "Sắp đăng", restricted=True, live=False)
    assert client.get(page.document.url).status_code == 302


def test_restricted_file_is_not_leaked_by_the_media_folder_or_the_api(client, restricted):
    file_path = restricted.document.file.url  # /media/documents/…, never served by Django
    assert client.get(file_path).status_code == 404
    for url in (
        f"/api/v2/pages/{restricted.pk}/",
        "/api/v2/pages/?type=website.LibraryDocumentPage&fields=*",
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert restricted.document.filename not in response.text
    assert client.get("/api/v2/documents/").status_code == 404
    response = client.get(f"/api/v2/pages/{restricted.pk}/?fields=document")
    assert response.status_code == 400
    assert client.get("/admin/api/main/documents/").status_code in (302, 403)


# Uploads ---------------------------------------------------------------------------------


@pytest.fixture
def editor_client(client, db):
    user = User.objects.create_user("bientap-thu-vien", password="mat-khau-thu-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def upload(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": "Tài liệu tải lên", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def test_an_upload_of_a_wrong_type_gets_a_vietnamese_error(editor_client):
    response = upload(editor_client, "chuong-trinh.exe", b"MZ\x90\x00")
    assert response.status_code == 200
    assert "Không cho phép phần mở rộng tệp “exe”" in response.text
    assert not get_document_model().objects.exists()


@pytest.mark.parametrize("name", ["bai-giang.pptx", "bai-giang.odp", "ke-hoach.pdf"])
def test_slides_and_lesson_plans_upload(editor_client, name):
    response = upload(editor_client, name, b"PK\x03\x04 noi dung")
    assert response.status_code == 302, response.text
    assert get_document_model().objects.get().file_extension == name.rsplit(".", 1)[1]


def test_a_too_large_upload_gets_a_vietnamese_error(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    response = upload(editor_client, "lon.pdf", b"%PDF-1.4 " + b"x" * 100)
    assert "Tệp này quá lớn" in response.text
    assert not get_document_model().objects.exists()
