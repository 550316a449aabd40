"""Vietnamese slugs: the same on the server and in the admin's as-you-type slug field."""

import json
import re
import unicodedata

import pytest
from anyascii import anyascii

from django.contrib.auth.models import Group, User

from wagtail.models import Page, get_page_models
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from tests import factories
from website import slugs
from website.roles import EDITORS

TITLE = "Ngày hội tư vấn tuyển sinh Hà Nội"
TONES = "\u0300\u0301\u0323\u0309\u0303"  # huyền, sắc, nặng, hỏi, ngã
VOWELS = "aăâeêioôơuưy"


def vietnamese_letters():
    """Every lower-case Vietnamese letter with a mark: the 6 marked vowels and 12 × 5 toned."""
    letters = {"đ", *"ăâêôơư"}
    for vowel in VOWELS:
        letters |= {unicodedata.normalize("NFC", vowel + tone) for tone in TONES}
    return letters


def test_slugify_transliterates_the_vietnamese_way():
    assert slugs.slugify(TITLE) == "ngay-hoi-tu-van-tuyen-sinh-ha-noi"
    assert slugs.slugify("Đào tạo Điện – Điện tử") == "dao-tao-dien-dien-tu"
    decomposed = unicodedata.normalize("NFD", "Trường Đắk Lắk")
    assert slugs.slugify(decomposed) == "truong-dak-lak"


def test_the_browser_table_covers_every_letter_and_agrees_with_the_server():
    table = {letter: base for base, letters in slugs.LETTERS.items() for letter in letters}
    assert set(table) == vietnamese_letters()  # 67 letters, none missing, none extra
    for letter, base in table.items():
        assert anyascii(letter) == base, letter
        assert anyascii(letter.upper()) == base.upper(), letter


def test_the_formatters_fold_a_title_as_the_server_does():
    """Apply the formatters as Wagtail's controller does, then its slugify rule."""
    text = TITLE
    for pattern, replacement in slugs.formatters():
        text = re.sub(pattern, replacement, text)
    browser_slug = re.sub(r"[^A-Za-z0-9\-_]", "", re.sub(r"\s+", "-", text)).lower()
    assert browser_slug == slugs.slugify(TITLE)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model", [model for model in get_page_models() if model is not Page], ids=str
)
def test_every_page_type_has_the_vietnamese_slug_field(model):
    form_class = model.get_edit_handler().get_form_class()
    field = form_class.base_fields["slug"]
    assert isinstance(field, slugs.SlugField)
    attrs = field.widget.attrs
    assert attrs["data-controller"] == "w-slug"
    formatters = json.loads(attrs["data-w-slug-formatters-value"])
    assert [["[đ]", "gu"], "d"] in formatters
    assert attrs["data-w-slug-allow-unicode-value"] is False


@pytest.fixture
def editor_client(client, db):
    editor = User.objects.create_user("bientap-slug", password="mat-khau-thu-nghiem")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


def post_news(client, news_index, slug):
    return client.post(
        f"/admin/pages/add/website/newspage/{news_index.pk}/",
        nested_form_data(
            {
                "title": TITLE,
                "slug": slug,
                "date": "02/11/2026",
                "lead": "Các trường nghề gặp học sinh lớp 9.",
                "body": streamfield([("paragraph", rich_text("<p>Nội dung.</p>"))]),
                "tags": "",
                "action-publish": "action-publish",
            }
        ),
    )


@pytest.mark.parametrize("typed", ["Ngày hội tư vấn tuyển sinh Hà Nội", "ngày-hội-tư-vấn"])
def test_a_page_saved_without_javascript_gets_a_vietnamese_slug(editor_client, home_page, typed):
    news_index = factories.news_index(home_page)
    response = post_news(editor_client, news_index, typed)
    assert response.status_code == 302, response.context["form"].errors
    page = Page.objects.child_of(news_index).get(title=TITLE)
    expected = "ngay-hoi-tu-van" if typed.startswith("ngày-") else slugs.slugify(TITLE)
    assert page.slug == expected
    assert page.url.endswith(f"/tin-tuc/{expected}/")


def test_a_page_built_in_code_gets_a_vietnamese_slug(home_page):
    news = factories.news(factories.news_index(home_page), title="Đón Tết ở trường nghề", slug="")
    assert news.slug == "don-tet-o-truong-nghe"
