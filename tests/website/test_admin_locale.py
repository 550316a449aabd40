"""The admin speaks Vietnamese: the project's catalogs in site/locale_admin complete Wagtail's."""

import ast
import gettext
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from django.conf import settings
from django.contrib.auth.models import User

CATALOG_DIR = Path(settings.PROJECT_DIR) / "locale_admin" / "vi" / "LC_MESSAGES"
DOMAINS = ["django", "djangojs"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdifr]|%[sdif]|\{\w*\}")


def read_po(path):
    """The entries of a .po file as dicts (msgctxt, msgid, msgid_plural, msgstr[N], flags)."""
    entries, entry, field = [], {"flags": set()}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if "msgid" in entry:
                entries.append(entry)
            entry, field = {"flags": set()}, None
        elif line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[field] += ast.literal_eval(line)
        else:
            field, _, value = line.partition(" ")
            entry[field] = ast.literal_eval(value)
    return [e for e in entries if not e.get("obsolete")]


def expected_catalog(entries):
    """What msgfmt should have compiled: the keys and values of gettext's catalog dict."""
    catalog = {}
    for entry in entries:
        if "fuzzy" in entry["flags"] or not entry["msgid"]:
            continue
        msgid = entry["msgid"]
        if "msgctxt" in entry:
            msgid = f"{entry['msgctxt']}\x04{msgid}"
        if "msgid_plural" in entry:
            forms = sorted(k for k in entry if k.startswith("msgstr["))
            if all(entry[k] for k in forms):
                for n, key in enumerate(forms):
                    catalog[(msgid, n)] = entry[key]
        elif entry["msgstr"]:
            catalog[msgid] = entry["msgstr"]
    return catalog


def shows(html, text):
    """The text is in the page, as such or JSON-escaped (the sidebar and JS catalogs are JSON)."""
    return text in html or json.dumps(text)[1:-1] in html


@pytest.mark.parametrize("domain", DOMAINS)
def test_compiled_catalog_matches_po(domain):
    entries = read_po(CATALOG_DIR / f"{domain}.po")
    with open(CATALOG_DIR / f"{domain}.mo", "rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    catalog = {k: v for k, v in compiled._catalog.items() if k != ""}
    assert catalog == expected_catalog(entries), f"recompile {domain}.mo (see the README)"
    info = compiled.info()
    assert info["language"] == "vi"
    assert info["content-type"] == "text/plain; charset=UTF-8"
    assert info["plural-forms"] == "nplurals=1; plural=0;"


@pytest.mark.parametrize("domain", DOMAINS)
def test_translations_keep_placeholders_and_one_plural_form(domain):
    for entry in read_po(CATALOG_DIR / f"{domain}.po")[1:]:
        if not (entry.get("msgstr") or entry.get("msgstr[0]")):
            continue  # untranslated (e.g. just added by update_catalogs.sh): Wagtail's text shows
        source = entry.get("msgid_plural", entry["msgid"])
        if "msgid_plural" in entry:
            assert sorted(k for k in entry if k.startswith("msgstr")) == ["msgstr[0]"], entry
            # msgstr[0] serves every count: it may drop a placeholder, never invent one.
            allowed = set(PLACEHOLDER.findall(entry["msgid"] + source))
            assert set(PLACEHOLDER.findall(entry["msgstr[0]"])) <= allowed, entry
        else:
            assert sorted(PLACEHOLDER.findall(entry["msgstr"])) == sorted(
                PLACEHOLDER.findall(source)
            ), entry


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("domain", DOMAINS)
def test_msgfmt_check_passes(domain, tmp_path):
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--check", "-o", str(tmp_path / "out.mo"), str(CATALOG_DIR / f"{domain}.po")],  # noqa: S607
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_locale_admin_is_a_locale_path():
    assert CATALOG_DIR.parent.parent in [Path(p) for p in settings.LOCALE_PATHS]


@pytest.mark.django_db
def test_dashboard_is_in_vietnamese(admin_client):
    html = admin_client.get("/admin/").text
    for text in ("Đăng xuất", "Trang", "Hình ảnh", "Tài liệu", "Đoạn dùng chung", "Cài đặt"):
        assert shows(html, text), text
    for text in ("Log out", "Snippets", "Documents"):
        assert not shows(html, text), text


@pytest.mark.django_db
def test_page_editor_is_in_vietnamese(admin_client, home_page):
    response = admin_client.get(f"/admin/pages/add/website/standardpage/{home_page.pk}/")
    assert response.status_code == 200
    html = response.text
    for text in ("Xuất bản", "Lưu bản nháp", "Quảng bá", "Tiêu đề trang"):
        assert shows(html, text), text
    for word in ("Save draft", "Publish", "Promote", "Page title"):
        assert not re.search(rf"\b{word}\b", html), word


@pytest.mark.django_db
def test_admin_javascript_catalog_is_in_vietnamese(admin_client):
    js = admin_client.get("/admin/jsi18n/").text
    assert shows(js, "Viết nội dung hoặc gõ ‘/’ để chèn khối")
    assert shows(js, "Đang lưu...")


@pytest.mark.django_db
def test_login_page_and_its_error_are_in_vietnamese(client):
    User.objects.create_superuser("quantri-test", password="mat-khau-thu-nghiem")
    assert "Đăng nhập" in client.get("/admin/login/").text

    response = client.post(
        "/admin/login/", {"username": "quantri-test", "password": "sai-mat-khau"}
    )
    assert response.status_code == 200
    assert "Sai tên đăng nhập hoặc mật khẩu. Vui lòng thử lại." in response.text
    assert "didn" not in response.text


@pytest.mark.django_db
def test_the_tags_help_text_is_in_vietnamese(admin_client, home_page):
    from tests import factories

    news = factories.news_index(home_page)
    html = admin_client.get(f"/admin/pages/add/website/newspage/{news.pk}/").text
    assert "Các thẻ, cách nhau bằng dấu phẩy." in html
    assert "comma-separated" not in html


@pytest.mark.django_db
def test_a_submission_says_how_long_ago_in_vietnamese(admin_client, home_page):
    """The status panel's "Sent to … 50 seconds ago" comes from humanize's naturaltime."""
    import datetime

    from django.contrib.humanize.templatetags.humanize import naturaltime
    from django.utils import timezone, translation

    from tests import factories

    now = timezone.now()
    with translation.override("vi"):
        for delta, text in [
            (datetime.timedelta(seconds=50), "50 giây trước"),
            (datetime.timedelta(seconds=1), "1 giây trước"),
            (datetime.timedelta(days=3, hours=2), "3 ngày, 2 giờ trước"),
            (-datetime.timedelta(days=2, minutes=1), "2 ngày sau"),
        ]:
            assert naturaltime(now - delta).replace("\xa0", " ") == text

    user = User.objects.get(username="admin")
    page = factories.standard(home_page, title="Sau lớp 9")
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    html = admin_client.get(f"/admin/pages/{page.pk}/edit/").text
    assert re.search(r"Đã gửi tới [^<]*(\d+\xa0giây trước|vừa mới đây)", html)
    assert "seconds ago" not in html and "a second ago" not in html


@pytest.mark.django_db
def test_the_labour_figures_list_has_vietnamese_column_headings(admin_client):
    from tests.careers import factories as careers_factories

    careers_factories.figure()
    html = admin_client.get("/admin/snippets/careers/labourfigure/").text
    assert "Địa bàn" in html and "Nghề, ngành" in html
    assert "Area label" not in html and "Subject label" not in html
