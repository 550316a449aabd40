import re
import subprocess
import sys
import tomllib
from pathlib import Path
from urllib.parse import quote

import pytest

from django.db import connection

from tests import factories

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_pages_and_not_drafts(client, home_page):
    news = factories.news_index(home_page)
    factories.news(news, title="Tin đã đăng")
    factories.news(news, title="Tin nháp", live=False)
    assert "http://testserver/sitemap-tin-tuc.xml" in client.get("/sitemap.xml").text
    response = client.get("/sitemap-tin-tuc.xml")
    assert response.status_code == 200
    assert "/tin-tuc/tin-da-ang/" in response.text or "/tin-tuc/tin-da-dang/" in response.text
    assert "tin-nhap" not in response.text


def test_robots_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Disallow: /admin/" in response.text
    assert "Sitemap: http://testserver/sitemap.xml" in response.text


def test_unknown_address_gives_the_vietnamese_404_page(client, home_page):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang này" in response.text
    assert '<html lang="vi">' in response.text


def test_security_headers_on_every_page(client, home_page):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "default-src 'self'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_public_pages_may_be_cached_by_proxies_but_not_the_admin(client, admin_client, home_page):
    assert "public" in client.get("/")["Cache-Control"]
    assert "s-maxage=300" in client.get("/")["Cache-Control"]
    assert "max-age=0" in client.get("/")["Cache-Control"]
    admin = admin_client.get("/admin/")
    assert "public" not in admin["Cache-Control"]
    logged_in_page = admin_client.get("/")
    assert "private" in logged_in_page["Cache-Control"]


def test_open_graph_tags_for_sharing_on_zalo_and_facebook(client, home_page):
    news = factories.news_index(home_page)
    page = factories.news(news, title="Ngày hội việc làm", lead="Hơn 50 doanh nghiệp tuyển dụng.")
    html = client.get(page.url).text
    assert '<meta property="og:title" content="Ngày hội việc làm">' in html
    assert '<meta property="og:description" content="Hơn 50 doanh nghiệp tuyển dụng.">' in html
    assert f'<meta property="og:url" content="http://testserver{page.url}">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html


def test_footer_links_the_live_pages_kept_out_of_the_menu(client, home_page):
    factories.standard(home_page, title="Giới thiệu", slug="gioi-thieu", show_in_menus=False)
    factories.standard(home_page, title="Sau lớp 9", slug="sau-lop-9", show_in_menus=True)
    factories.standard(home_page, title="Bản nháp", slug="ban-nhap", live=False)
    footer = client.get("/").text.split('<footer class="site-footer">')[1]
    assert '<a href="/gioi-thieu/">Giới thiệu</a>' in footer
    assert "Sau lớp 9" not in footer
    assert "Bản nháp" not in footer


def test_sample_pages_say_so(client, home_page):
    events = factories.event_index(home_page)
    page = factories.event(events, title="Ngày hội mẫu", is_sample=True)
    assert "Dữ liệu mẫu" in client.get(page.url).text
    real = factories.event(events, title="Ngày hội thật")
    assert "Dữ liệu mẫu" not in client.get(real.url).text


def test_templates_have_no_inline_script_or_style():
    """The Content-Security-Policy forbids them: keep every template free of both."""
    offenders = []
    for template in ROOT.glob("**/templates/**/*.html"):
        if ".venv" in template.parts:
            continue
        text = template.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\sstyle=", text):
            offenders.append(str(template.relative_to(ROOT)))
        if re.search(r"\son[a-z]+=", text):
            offenders.append(f"{template.relative_to(ROOT)} (inline event handler)")
    assert offenders == []


def test_every_package_folder_is_listed_in_pyproject():
    """Setuptools cannot discover packages next to the site/ → website rename: list them all."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    renames = {folder: name for name, folder in config["package-dir"].items()}
    found = set()
    for init in ROOT.glob("*/**/__init__.py"):
        folder = init.parent.relative_to(ROOT)
        if folder.parts[0] in {"tests", ".venv"} or "templates" in folder.parts:
            continue
        top = renames.get(folder.parts[0], folder.parts[0])
        found.add(".".join([top, *folder.parts[1:]]))
    assert found == listed


def test_production_settings_pass_the_deployment_checklist(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "SECRET_KEY": "x" * 20 + "a-long-random-looking-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "huongnghiep.example.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "website.settings.production",
        "ALLOWED_HOSTS": "huongnghiep.example.vn",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_server_error_page_is_vietnamese_and_stands_alone(rf):
    """The 500 page renders without a database or context (it is what shows when all fails)."""
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Xin lỗi, hệ thống đang gặp sự cố" in response.content.decode()
    assert "{%" not in response.content.decode()


def production_env(tmp_path, **extra):
    return {
        "PATH": "/usr/bin:/bin",
        "SECRET_KEY": "x" * 20 + "a-long-random-looking-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "huongnghiep.example.vn",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        **extra,
    }


def run_manage(env, *args):
    return subprocess.run(  # noqa: S603 — our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def production_db(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """A migrated database under production settings, shared by this module's tests.

    Under ``make test`` on PostgreSQL, a copy of the migrated template the workers' databases
    are made from (``CREATE DATABASE … TEMPLATE``, a second); otherwise an SQLite database
    migrated for the purpose (a quarter of a minute)."""
    env = production_env(tmp_path_factory.mktemp("production"))
    template = getattr(request.config, "workerinput", {}).get("test_db_template")
    if not template or connection.vendor != "postgresql":
        assert run_manage(env, "migrate", "-v0").returncode == 0
        yield env
        return
    name = f"{template}_production"
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    database = connection.settings_dict
    login = quote(database["USER"])
    if database["PASSWORD"]:
        login += f":{quote(database['PASSWORD'])}"
    url = f"postgres://{login}@{database['HOST']}:{database['PORT']}/{name}"
    yield {**env, "DATABASE_URL": url}
    with django_db_blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_manage_py_defaults_to_production_and_refuses_the_demo(production_db):
    """`manage.py load_demo` on a server used the dev settings and created the README's
    accounts, which then logged in under production settings."""
    env = production_db  # no DJANGO_SETTINGS_MODULE: manage.py's default
    result = run_manage(env, "load_demo")
    assert result.returncode != 0
    assert "chỉ nạp trên máy phát triển" in result.stderr
    assert run_manage(
        env,
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SETTINGS_MODULE)",
    ).stdout.strip() == ("website.settings.production")


def test_the_deploy_check_errors_while_a_demo_password_is_left(production_db):
    env = production_db
    make_demo_account = (
        "from django.contrib.auth.models import User; "
        "User.objects.create_user('truong1', password='truong1@demo')"
    )
    assert run_manage(env, "shell", "--no-imports", "-c", make_demo_account).returncode == 0
    result = run_manage(env, "check", "--deploy")
    assert result.returncode != 0
    assert "website.E001" in result.stderr and "truong1" in result.stderr
    change = (
        "from django.contrib.auth.models import User; u = User.objects.get(username='truong1'); "
        "u.set_password('mot-mat-khau-rieng-rat-dai'); u.save()"
    )
    assert run_manage(env, "shell", "--no-imports", "-c", change).returncode == 0
    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_without_mail_turns_password_reset_off(tmp_path):
    script = (
        "from django.conf import settings; "
        "print(settings.WAGTAIL_PASSWORD_RESET_ENABLED, settings.MAILERS['default']['BACKEND'])"
    )
    without = run_manage(
        production_env(tmp_path), "shell", "--no-imports", "-c", script
    ).stdout.split()
    assert without == ["False", "django.core.mail.backends.dummy.EmailBackend"]
    env = production_env(
        tmp_path, EMAIL_URL="smtp://tai%40khoan:mat%2Fkhau@mail.example.vn:587?tls=1"
    )
    script = (
        "from django.conf import settings; o = settings.MAILERS['default']['OPTIONS']; "
        "print(hasattr(settings, 'WAGTAIL_PASSWORD_RESET_ENABLED'), o['host'], o['port'], "
        "o['username'], o['password'], o['use_tls'])"
    )
    assert run_manage(env, "shell", "--no-imports", "-c", script).stdout.split() == [
        "False",
        "mail.example.vn",
        "587",
        "tai@khoan",
        "mat/khau",
        "True",
    ]
