"""End-to-end tests in Debian's Chromium, driven by Playwright (never `playwright install`)."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") or os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium is required for the browser tests and missing at {CHROMIUM}")
        pytest.skip(
            "Debian's chromium is not installed: browser tests skipped (apt install chromium)"
        )
    from playwright.sync_api import sync_playwright

    # Playwright runs an event loop in this thread; the live server's database is in another.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


def new_page(browser, base_url, viewport, **options):
    """A fresh browser context and page whose console errors (CSP violations too) are kept."""
    context = browser.new_context(viewport=viewport, locale="vi-VN", base_url=base_url, **options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    return context, page


@pytest.fixture
def phone(browser, live_server):
    context, page = new_page(browser, live_server.url, PHONE)
    yield page
    context.close()


@pytest.fixture
def phone_without_javascript(browser, live_server):
    context, page = new_page(browser, live_server.url, PHONE, java_script_enabled=False)
    yield page
    context.close()


@pytest.fixture
def desktop(browser, live_server):
    context, page = new_page(browser, live_server.url, {"width": 1280, "height": 900})
    yield page
    context.close()


PASSWORD = "mat-khau-thu-nghiem"


def log_in(page, username, password=PASSWORD):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/admin/")


def axe_violations(page):
    """WCAG 2.1 A/AA violations axe-core finds on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


@pytest.fixture
def home_page(live_server):
    """The migration-made home page, for a live-server test (each one ends with the migrated
    content put back: tests/conftest.py ``migrated_content``)."""
    from tests.conftest import default_home_page

    return default_home_page()
