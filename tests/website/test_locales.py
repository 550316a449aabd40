"""A page in a second content language (Xơ Đăng): its own address, hreflang links both
ways and a language switch, the sample label while its text awaits a translator — and
every Vietnamese address, the interface and the admin unchanged."""

import pytest

from django.contrib.auth.models import Group, User

from wagtail.models import Locale

from tests import factories
from website.models import PlainSummaryPage
from website.roles import EDITORS

pytestmark = pytest.mark.django_db


@pytest.fixture
def sedang(db):
    return Locale.objects.get_or_create(language_code="sed")[0]


@pytest.fixture
def summary(home_page):
    page = PlainSummaryPage(
        title="Học gì sau lớp 9",
        slug="hoc-gi-sau-lop-9",
        intro="Ba con đường sau lớp 9, nói ngắn gọn.",
        body=[("paragraph", "<p>Học tiếp THPT, học nghề, hoặc vừa học nghề vừa học văn hóa.</p>")],
    )
    return factories.publish(home_page, page)


def translate(page, locale, **fields):
    """What "Dịch trang này" (wagtail.contrib.simple_translation) makes, then published."""
    copy = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save_revision().publish()
    copy.refresh_from_db()
    return copy


@pytest.fixture
def sedang_summary(home_page, summary, sedang):
    translate(home_page, sedang)
    return translate(summary, sedang, awaiting_translation=True)


def test_the_translation_has_its_own_address(client, summary, sedang_summary):
    assert summary.url == "/hoc-gi-sau-lop-9/"
    assert sedang_summary.url == "/sed/hoc-gi-sau-lop-9/"
    response = client.get("/sed/hoc-gi-sau-lop-9/")
    assert response.status_code == 200
    assert response.context["page"].pk == sedang_summary.pk


def test_each_version_links_to_the_other(client, summary, sedang_summary):
    vietnamese, sedang = summary.full_url, sedang_summary.full_url
    assert sedang.endswith("/sed/hoc-gi-sau-lop-9/")
    for url in ("/hoc-gi-sau-lop-9/", "/sed/hoc-gi-sau-lop-9/"):
        html = client.get(url).text
        assert f'<link rel="alternate" hreflang="vi" href="{vietnamese}">' in html
        assert f'<link rel="alternate" hreflang="sed" href="{sedang}">' in html
        assert f'hreflang="x-default" href="{vietnamese}"' in html
        assert 'aria-label="Ngôn ngữ"' in html
        assert ">Xơ Đăng</a>" in html and ">Tiếng Việt</a>" in html


def test_a_page_without_translation_has_no_switch(client, summary):
    html = client.get(summary.url).text
    assert 'aria-label="Ngôn ngữ"' not in html
    assert 'hreflang="sed"' not in html


def test_an_untranslated_copy_says_it_is_still_vietnamese(client, sedang_summary):
    html = client.get(sedang_summary.url).text
    assert "Bản mẫu, chưa được dịch" in html
    assert "văn bản dưới đây vẫn là tiếng Việt cho đến khi có người dịch" in html
    assert '<article lang="vi">' in html  # the text is Vietnamese, and says so to screen readers


def test_a_translated_page_is_marked_in_its_language(client, home_page, summary, sedang):
    translate(home_page, sedang)
    page = translate(summary, sedang, awaiting_translation=False)
    html = client.get(page.url).text
    assert '<article lang="sed">' in html
    assert "Bản mẫu, chưa được dịch" not in html


def test_the_home_of_the_language_lists_its_pages(client, sedang_summary):
    html = client.get("/sed/").text
    assert "Trang bằng tiếng Xơ Đăng" in html
    assert 'href="/sed/hoc-gi-sau-lop-9/"' in html


def test_a_draft_translation_is_not_served(client, home_page, summary, sedang):
    translate(home_page, sedang)
    summary.copy_for_translation(sedang)  # a draft, as "Dịch trang này" leaves it
    assert client.get("/sed/hoc-gi-sau-lop-9/").status_code == 404
    assert 'hreflang="sed"' not in client.get(summary.url).text


def test_vietnamese_addresses_are_unchanged(client, home_page, sedang_summary):
    news = factories.news_index(home_page)
    item = factories.news(news, title="Tin tuyển sinh", slug="tin-tuyen-sinh")
    assert item.url == "/tin-tuc/tin-tuyen-sinh/"
    for url in ("/", "/tin-tuc/", "/tin-tuc/tin-tuyen-sinh/", "/hoc-gi-sau-lop-9/"):
        assert client.get(url).status_code == 200, url
    for url in ("/vi/", "/vi/tin-tuc/"):
        assert client.get(url).status_code == 404, url


def test_the_language_comes_from_the_address_not_a_header_or_cookie(client, sedang_summary):
    client.cookies["django_language"] = "sed"
    response = client.get("/", headers={"accept-language": "sed, bdq;q=0.8"})
    assert response.status_code == 200
    assert response.context["page"].locale.language_code == "vi"
    assert "Trang bằng tiếng" not in response.text
    assert response["Content-Language"] == "vi"
    assert "public" in response["Cache-Control"]


def test_the_admin_stays_in_vietnamese(client, sedang_summary):
    user = User.objects.create_user("bientap-ngon-ngu", password="mat-khau-thu-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    response = client.get(f"/admin/pages/{sedang_summary.pk}/edit/")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert 'lang="vi"' in response.text
    # Editors may copy a page into another language ("Dịch trang này").
    assert user.has_perm("simple_translation.submit_translation")


def test_the_translation_screens_are_in_vietnamese(client, summary, sedang):
    from django.urls import reverse

    client.force_login(User.objects.create_superuser("quantri-ngon-ngu", password="mat-khau-123"))
    locales = client.get("/admin/locales/")
    assert locales.status_code == 200 and "Thêm một ngôn ngữ" in locales.text
    url = reverse("simple_translation:submit_page_translation", args=[summary.pk])
    translate = client.get(url)
    assert translate.status_code == 200 and "Dịch trang" in translate.text
