"""The real page cache (Varnish, with deploy/varnish.vcl) in front of the live test server."""

import http.client
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import home_page  # noqa: F401 - live-server content

BASE_DIR = Path(__file__).resolve().parents[2]
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"


def load_stack():
    """deploy/stack.py, the script that renders the configuration the stack runs with."""
    spec = importlib.util.spec_from_file_location("deploy_stack", BASE_DIR / "deploy" / "stack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    text: str


@dataclass
class PageCache:
    port: int
    process_group: int = 0  # varnishd's manager and child: SIGSTOP makes a hung cache

    def get(self, path, cookie=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"Host": "localhost", "Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}
        if cookie:
            headers["Cookie"] = cookie
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read().decode())
        finally:
            connection.close()


@pytest.fixture(scope="session")
def varnishd():
    if not os.path.exists(VARNISHD):
        if os.environ.get("CI") or os.environ.get("REQUIRE_PROXY"):
            pytest.fail(f"Varnish is required for the cache tests and missing at {VARNISHD}")
        pytest.skip("Debian's varnish is missing: page-cache tests skipped (apt install varnish)")
    return VARNISHD


@pytest.fixture
def page_cache(varnishd, live_server, home_page, settings):  # noqa: F811
    """Varnish with the stack's VCL in front of the live server; Wagtail purges it."""
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="varnish-test-"))
    work.chmod(0o755)  # varnishd's worker runs as its own user and reads this folder
    vcl = work / "test.vcl"
    vcl.write_text(
        load_stack().render(
            "varnish.vcl",
            {"GUNICORN_PORT": str(urlsplit(live_server.url).port), "SERVER_NAME": "localhost"},
        )
    )
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [varnishd, "-F", "-n", str(work / "n"), "-a", f"127.0.0.1:{port}", "-f", str(vcl),
         "-s", "malloc,32m", "-T", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    # As in production (Redis): routes and content blocks are kept behind the proxy too.
    settings.PAGE_FRAGMENT_CACHE = "default"
    settings.WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": "website.frontendcache.CommittedHTTPBackend",
            "LOCATION": f"http://127.0.0.1:{port}",
        }
    }
    cache = PageCache(port, process.pid)
    deadline = time.monotonic() + 20
    while True:
        try:
            if cache.get("/robots.txt").status == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            pytest.fail("Varnish did not start or never found the live server healthy")
        time.sleep(0.2)
    yield cache
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(10)
    shutil.rmtree(work, ignore_errors=True)
