"""The front door of ``make stack``: nginx with deploy/nginx.conf, in front of the real page
cache (Varnish) and the live test server. TLS, static files and media from disk, pages
through the cache."""

import http.client
import os
import shutil
import signal
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .conftest import Response, free_port, load_stack

pytestmark = pytest.mark.proxy

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HASHED_CSS = "css/site.0123456789ab.css"  # collectstatic's manifest names carry a hash
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


@dataclass
class Front:
    https_port: int
    http_port: int
    context: ssl.SSLContext

    def get(self, path, method="GET", port=None):
        if port:  # plain HTTP
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        else:
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.https_port, timeout=10, context=self.context
            )
        try:
            connection.request(method, path, headers={"Host": "localhost"})
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
            return Response(response.status, response.headers, text)
        finally:
            connection.close()


@pytest.fixture
def nginx():
    if not os.path.exists(NGINX):
        if os.environ.get("CI") or os.environ.get("REQUIRE_PROXY"):
            pytest.fail(f"nginx is required for the front-door tests and missing at {NGINX}")
        pytest.skip("Debian's nginx is missing: front-door tests skipped (apt install nginx-light)")
    return NGINX


@pytest.fixture
def front(nginx, page_cache, live_server, settings):
    """nginx rendered from deploy/nginx.conf as ``make stack`` does, on ports of its own."""
    stack = load_stack()
    work = Path(tempfile.mkdtemp(prefix="nginx-test-"))
    work.chmod(0o755)  # nginx's workers run as their own user and read the files here
    static, media = work / "static", work / "media"
    (static / "css").mkdir(parents=True)
    (static / HASHED_CSS).write_text("body { color: #123; }\n" * 50)
    (static / "css" / "site.css").write_text("body { color: #123; }\n")
    (media / "images").mkdir(parents=True)
    (media / "images" / "anh.png").write_bytes(PNG)
    (media / "documents").mkdir()
    (media / "documents" / "ke-hoach.pdf").write_bytes(b"%PDF-1.4 private")
    for path in work.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    values = {
        "RUN_DIR": str(work),
        "HTTPS_PORT": str(free_port()),
        "HTTP_PORT": str(free_port()),
        "VARNISH_PORT": str(page_cache.port),
        "GUNICORN_PORT": str(urlsplit(live_server.url).port),
        "SERVER_NAME": "localhost",
        "STATIC_ROOT": str(static),
        "MEDIA_ROOT": str(media),
        "TLS_CERT": str(work / "tls.crt"),
        "TLS_KEY": str(work / "tls.key"),
        "PAGE_TIMEOUT": "2s",
    }
    stack.make_certificate(values)
    (work / "nginx.conf").write_text(stack.render("nginx.conf", values))
    process = subprocess.Popen(  # noqa: S603 - fixed arguments
        [nginx, "-c", str(work / "nginx.conf"), "-p", str(work)],
        stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    context = ssl.create_default_context(cafile=values["TLS_CERT"])
    front = Front(int(values["HTTPS_PORT"]), int(values["HTTP_PORT"]), context)
    deadline = time.monotonic() + 20
    while True:
        try:
            if front.get("/robots.txt").status == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            log = work / "nginx-error.log"
            pytest.fail("nginx did not start: " + (log.read_text() if log.exists() else ""))
        time.sleep(0.2)
    yield front
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(10)
    shutil.rmtree(work, ignore_errors=True)


def test_pages_come_over_tls_through_the_page_cache(front, home_page):
    # The handshake verified the certificate made for the stack.
    first = front.get("/")
    assert first.status == 200
    assert first.headers["Content-Type"].startswith("text/html")
    # Varnish answered behind nginx: the second view is a hit.
    assert front.get("/").headers["X-Cache"] == "HIT"
    # Plain HTTP only redirects to HTTPS, on the TLS port.
    redirect = front.get("/nghe-nghiep/?q=dien", port=front.http_port)
    assert redirect.status == 301
    assert redirect.headers["Location"] == (
        f"https://localhost:{front.https_port}/nghe-nghiep/?q=dien"
    )
    # Only this machine may purge the cache: PURGE from outside stops at nginx.
    assert front.get("/", method="PURGE").status == 405
    assert front.get("/").headers["X-Cache"] == "HIT"


def test_static_files_and_media_come_from_disk(front, home_page):
    hashed = front.get(f"/static/{HASHED_CSS}")
    assert hashed.status == 200
    assert "color: #123" in hashed.text
    assert hashed.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert hashed.headers["X-Content-Type-Options"] == "nosniff"
    assert "X-Cache" not in hashed.headers  # nginx, not the cache nor Django
    plain = front.get("/static/css/site.css")
    assert plain.status == 200
    assert plain.headers["Cache-Control"] == "public, max-age=3600"

    image = front.get("/media/images/anh.png")
    assert image.status == 200
    assert image.headers["Content-Type"] == "image/png"
    assert "sandbox" in image.headers["Content-Security-Policy"]
    assert "X-Cache" not in image.headers
    # Documents go through Django (privacy, collections), never from the folder by name.
    assert front.get("/media/documents/ke-hoach.pdf").status == 404
    assert front.get("/static/khong-co.css").status == 404


def test_a_hung_cache_costs_one_wait_then_pages_come_from_gunicorn(front, page_cache, home_page):
    """Varnish stopped in its tracks (SIGSTOP): the kernel still accepts connections for it,
    nothing answers. The first page waits PAGE_TIMEOUT once, then nginx asks gunicorn; the
    pages after it skip the cache at once; the admin never went through it."""
    assert front.get("/").status == 200
    os.killpg(page_cache.process_group, signal.SIGSTOP)
    try:
        started = time.monotonic()
        first = front.get("/robots.txt")
        waited = time.monotonic() - started
        assert first.status == 200 and "X-Cache" not in first.headers  # from gunicorn
        assert 1.9 < waited < 6
        started = time.monotonic()
        paths = ("/", "/sitemap.xml", "/admin/login/")
        assert [front.get(path).status for path in paths] == [200, 200, 200]
        assert time.monotonic() - started < 1.9  # no second wait
    finally:
        os.killpg(page_cache.process_group, signal.SIGCONT)
    # Back, the cache answers again once nginx tries it (after fail_timeout, 5 s).
    deadline = time.monotonic() + 20
    while front.get("/").headers.get("X-Cache") != "HIT":
        assert time.monotonic() < deadline, "nginx never went back to the cache"
        time.sleep(0.5)
