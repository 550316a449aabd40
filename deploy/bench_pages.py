"""Our public pages against a fresh ``wagtail start`` home page, served the same way.

    python deploy/bench_pages.py     (make bench-pages: loads the demo, starts the stack first)

Needs the production stack running (deploy/stack.py up) on DATABASE_URL with the demo
loaded. Creates a fresh Wagtail project in a temporary folder (deleted afterwards), on its
own PostgreSQL database (DATABASE_URL's name + "_bare"), served by gunicorn with the same
configuration (deploy/gunicorn.conf.py: 2 workers) on BARE_PORT [8002]. Then, in
BENCH_ROUNDS [3] interleaved rounds of BENCH_SECONDS [3] per measurement, wrk on loopback:
requests per second at 50 connections and the median latency at 1 connection, for the bare
page and each of our page types, uncached (gunicorn directly) and through the cache (the
front door: nginx with TLS -> Varnish). Prints the medians of the rounds as a table with the
ratio to the bare page; any failed or non-2xx request is counted and reported.
"""

import http.client
import json
import os
import re
import shutil
import ssl
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import stack

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
BARE_PORT = os.environ.get("BARE_PORT", "8002")

# One page of each public type, as the demo content has them (found in the database).
PAGE_TYPES = [
    ("home", "HomePage"),
    ("occupation list", "OccupationIndexPage"),
    ("occupation", "OccupationPage"),
    ("school list", "InstitutionIndexPage"),
    ("school", "InstitutionPage"),
    ("programme", "ProgramPage"),
    ("news list", "NewsIndexPage"),
    ("news item", "NewsPage"),
    ("events list", "EventIndexPage"),
    ("event", "EventPage"),
    ("streaming dashboard", "StreamingDashboardPage"),
    ("labour market", "LabourMarketPage"),
    ("statistics index", "StatisticsIndexPage"),
    ("standard page", "StandardPage"),
    ("enterprise list", "EnterpriseIndexPage"),
    ("enterprise", "EnterprisePage"),
    ("library", "LibraryIndexPage"),
    ("library document", "LibraryDocumentPage"),
    ("guide", "GuidePage"),
    ("plain summary", "PlainSummaryPage"),
    ("schools' policies", "SupportPolicyIndexPage"),
]
SEARCH = ("search page", "/tim-kiem/?q=dien+cong+nghiep")
FIND_PAGES = """
import json
from wagtail.models import Page
found = {}
for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
    found.setdefault(type(page).__name__, page.url)
print(json.dumps(found))
"""


def wrk(url, connections, headers):
    """(requests per second, median latency in ms, failed or non-2xx requests)."""
    args = ["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{SECONDS}s", "--latency"]
    args += ["--timeout", "10s"]  # a slow answer is slow, not an error
    for name, value in headers.items():
        args += ["-H", f"{name}: {value}"]
    out = subprocess.run([*args, url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)]
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rate, float(median.group(1)) * scale, errors + (int(non_2xx.group(1)) if non_2xx else 0)


def fetch(url, headers):
    parts = urlsplit(url)
    if parts.scheme == "https":
        context = ssl._create_unverified_context()  # noqa: S323 - our own self-signed certificate
        connection = http.client.HTTPSConnection(parts.hostname, parts.port, context=context)
    else:
        connection = http.client.HTTPConnection(parts.hostname, parts.port)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = response.read().decode(errors="replace")
    connection.close()
    return response.status, response.headers, body


def settle(url, headers, seconds=30):
    """Wait until the server is idle again: a tiny request answers within 50 ms."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        started = time.monotonic()
        fetch(url, headers)
        if time.monotonic() - started < 0.05:
            return
        time.sleep(0.2)


def cache_problems(url, headers):
    """What would make this page wrong or useless to cache; empty when it is fine."""
    fetch(url, headers)
    status, response_headers, body = fetch(url, headers)
    problems = []
    if status != 200:
        problems.append(f"status {status}")
    if response_headers.get("Set-Cookie"):
        problems.append("Set-Cookie")
    if "csrfmiddlewaretoken" in body:
        problems.append("CSRF token")
    if response_headers.get("X-Cache") != "HIT":
        problems.append(f"not from the cache ({response_headers.get('Cache-Control')})")
    return problems


def bare_environment():
    """A virtual environment with our versions of Wagtail, Django and gunicorn, and nothing of
    ours (our ``search`` package would shadow the generated project's ``search`` app)."""
    venv = Path(os.environ.get("BARE_VENV", stack.BASE_DIR / ".bench-bare-venv"))
    names = ("wagtail", "django", "gunicorn", "psycopg", "psycopg-binary", "dj-database-url")
    wanted = [f"{name}=={metadata.version(name)}" for name in names]
    marker = venv / "requirements.txt"
    if not marker.exists() or marker.read_text() != "\n".join(wanted):
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", *wanted]
        subprocess.run(pip, check=True)
        marker.write_text("\n".join(wanted))
    return venv / "bin"


def start_bare_project(work, database_url, env):
    """A fresh `wagtail start` project on its own database, under gunicorn like ours."""
    bin_dir = bare_environment()
    subprocess.run([str(bin_dir / "wagtail"), "start", "bare", str(work)], check=True)
    database = urlsplit(database_url)
    bare_url = urlunsplit(database._replace(path=database.path + "_bare"))
    admin_url = urlunsplit(database._replace(path="/postgres"))
    name = database.path[1:] + "_bare"
    subprocess.run(["psql", admin_url, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", admin_url, "-qc", f"CREATE DATABASE {name}"], check=True)
    (work / "bare" / "settings" / "local.py").write_text(
        "import dj_database_url\n"
        "from .base import INSTALLED_APPS\n"
        "INSTALLED_APPS += ['django.contrib.postgres']  # Wagtail's search on PostgreSQL needs it\n"
        f"DATABASES = {{'default': dj_database_url.parse({bare_url!r}, conn_max_age=60)}}\n"
        "SECRET_KEY = 'bench-only-not-secret'\n"
        "ALLOWED_HOSTS = ['127.0.0.1', 'localhost']\n"
    )
    bare_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "bare.settings.production",
        "GUNICORN_PORT": BARE_PORT,
        "GUNICORN_APP": "bare.wsgi:application",
    }
    for command in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        manage = [bin_dir / "python", "manage.py", *command]
        subprocess.run(manage, cwd=work, env=bare_env, check=True)
    gunicorn = [str(bin_dir / "gunicorn"), "--config", str(stack.DEPLOY_DIR / "gunicorn.conf.py")]
    process = subprocess.Popen(gunicorn, cwd=work, env=bare_env, stdout=subprocess.DEVNULL)
    if not stack.wait_for_port(int(BARE_PORT), 30):
        sys.exit("the bare Wagtail project did not start")
    return process


def find_pages(env):
    out = subprocess.run(
        [stack.PYTHON, str(stack.BASE_DIR / "manage.py"), "shell", "-c", FIND_PAGES],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    found = json.loads(out.strip().splitlines()[-1])
    missing = [name for _, name in PAGE_TYPES if name not in found]
    if missing:
        sys.exit(f"no live page of type {', '.join(missing)}: load the demo (make demo)")
    return [(label, found[name]) for label, name in PAGE_TYPES] + [SEARCH]


def main():
    values = stack.config()
    env = stack.django_env(values)
    host = values["SERVER_NAME"]
    direct = {"Host": host, "X-Forwarded-Proto": "https"}
    browser = {"Accept-Encoding": "gzip", "Accept-Language": "vi-VN,vi;q=0.9"}
    origin = f"http://127.0.0.1:{values['GUNICORN_PORT']}"
    front = f"https://{host}:{values['HTTPS_PORT']}"
    pages = find_pages(env)

    print(f"load before: {os.getloadavg()}", flush=True)
    for label, path in pages:
        if problems := cache_problems(front + path, browser):
            sys.exit(f"{label} {path} cannot be cached: {', '.join(problems)}")
    print(f"every page type: no Set-Cookie, no CSRF token, served from the cache ({len(pages)})")

    work = Path(tempfile.mkdtemp(prefix="bare-wagtail-"))
    bare = start_bare_project(work, env["DATABASE_URL"], env)
    bare_url = f"http://127.0.0.1:{BARE_PORT}/"
    try:
        if fetch(bare_url, {})[0] != 200:
            sys.exit("the bare Wagtail home page does not answer 200")
        results = {}
        started = time.monotonic()
        for round_number in range(1, ROUNDS + 1):
            targets = [("bare Wagtail home page", bare_url, {}, None)]
            targets += [(label, origin + path, direct, front + path) for label, path in pages]
            for label, url, headers, cached_url in targets:
                row = results.setdefault(label, {"errors": 0})
                # One connection first: after 50, gunicorn still works through their backlog.
                measures = [("median", url, 1, headers), ("rate", url, 50, headers)]
                if cached_url:
                    measures += [("cached median", cached_url, 1, browser)]
                    measures += [("cached rate", cached_url, 50, browser)]
                for key, target, connections, measure_headers in measures:
                    rate, median, errors = wrk(target, connections, measure_headers)
                    row.setdefault(key, []).append(rate if "rate" in key else median)
                    row["errors"] += errors
                    settle(origin + "/robots.txt", direct)
            print(f"round {round_number}/{ROUNDS} done ({time.monotonic() - started:.0f} s)")
    finally:
        bare.terminate()
        bare.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    print(f"load after: {os.getloadavg()}")
    print_table(results)
    if any(row["errors"] for row in results.values()):
        sys.exit("some requests failed (see the errors column)")


def print_table(results):
    bare_rate = statistics.median(results["bare Wagtail home page"]["rate"])
    print(
        "\n| page | uncached req/s at 50 | × bare | uncached median at 1 | "
        "cached req/s at 50 | cached median at 1 | errors |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for label, row in results.items():
        rate = statistics.median(row["rate"])
        cells = [
            label,
            f"{rate:,.0f}",
            f"{rate / bare_rate:.2f}×",
            f"{statistics.median(row['median']):.1f} ms",
            f"{statistics.median(row['cached rate']):,.0f}" if "cached rate" in row else "—",
            f"{statistics.median(row['cached median']):.1f} ms" if "cached median" in row else "—",
            str(row["errors"]),
        ]
        print("| " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
