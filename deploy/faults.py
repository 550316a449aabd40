"""Faults injected under load into a private copy of the production stack (make faults).

    DATABASE_URL=postgres://…/hn python deploy/faults.py

Copies DATABASE_URL (the demo loaded) into a private PostgreSQL cluster on FAULT_PG_PORT
[5499], starts the stack on it (deploy/stack.py, STACK_DIR [.stack-faults], ports as for
the stack), and with a bounded load on loopback (FAULT_THREADS [4] clients, new connection
per request, 10 s timeout) injects, one after another:

- Elasticsearch configured but refusing (a closed port), and hanging (a socket that accepts
  and never answers): searches must answer within 1 s; publishing is timed per page;
- PostgreSQL restarted: the site must recover by itself, failures only while it is down;
- the page cache (Varnish) stopped: pages keep coming through nginx from gunicorn;
- Redis stopped: pages keep coming and a logged-in editor stays logged in.

Prints one row per fault; exits non-zero when a request failed outside its fault.
"""

import http.client
import itertools
import os
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import privatedb
import stack

THREADS = int(os.environ.get("FAULT_THREADS", "4"))
PG_PORT = os.environ.get("FAULT_PG_PORT", "5499")
HOLD_SECONDS = 6

CREATE_SESSION = """
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
user, _ = get_user_model().objects.get_or_create(username="kiem-tra-su-co", is_staff=True,
                                                 is_superuser=True)
session = SessionStore()
session.update({"_auth_user_id": str(user.pk),
                "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                "_auth_user_hash": user.get_session_auth_hash()})
session.create()
print(session.session_key)
"""
TIME_PUBLISH = """
import time
import website.wsgi  # loaded as a gunicorn worker loads it before serving (warms the URLs)
from website.models import NewsPage
for page in NewsPage.objects.live()[:3]:
    started = time.monotonic()
    page.specific.save_revision().publish()
    print(f"{time.monotonic() - started:.2f}")
"""


@dataclass
class Target:
    """One address the load asks for, and how."""

    scheme: str
    port: int
    path: str
    headers: dict
    expect: int = 200

    def request(self):
        if self.scheme == "https":
            context = ssl._create_unverified_context()  # noqa: S323 - our self-signed certificate
            connection = http.client.HTTPSConnection(
                "127.0.0.1", self.port, timeout=10, context=context
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            connection.request("GET", self.path, headers=self.headers)
            response = connection.getresponse()
            response.read()
            return response.status == self.expect, f"{response.status} {self.path}"
        except (OSError, http.client.HTTPException) as error:
            return False, f"{type(error).__name__} {self.path}"
        finally:
            connection.close()


@dataclass
class Load:
    targets: list
    results: list = field(default_factory=list)  # (start, seconds, ok, detail)
    stopping: threading.Event = field(default_factory=threading.Event)

    def run(self):
        counter = itertools.count()
        lock = threading.Lock()

        def client():
            while not self.stopping.is_set():
                with lock:
                    target = self.targets[next(counter) % len(self.targets)]
                started = time.monotonic()
                ok, detail = target.request()
                self.results.append((started, time.monotonic() - started, ok, detail))

        self.threads = [threading.Thread(target=client) for _ in range(THREADS)]
        for thread in self.threads:
            thread.start()

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def hanging_server():
    """A port that accepts connections and never answers (an Elasticsearch that hangs)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    held = []

    def accept():
        while True:
            held.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    return listener.getsockname()[1]


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def warm_up(targets, seconds=90):
    """Every address answers once as expected (workers booted, caches loaded) before a fault."""
    deadline = time.monotonic() + seconds
    for target in targets:
        while not target.request()[0]:
            if time.monotonic() > deadline:
                sys.exit(f"{target.path} does not answer {target.expect} before the fault")
            time.sleep(0.5)


def under_load(targets, inject, recover):
    """Run the load; inject the fault, hold it, recover. Times are relative to the start."""
    warm_up(targets)
    load = Load(targets)
    load.run()
    origin = time.monotonic()
    time.sleep(2)
    fault_at = time.monotonic() - origin
    note = inject() or ""
    time.sleep(HOLD_SECONDS)
    recover_note = recover() or ""
    recovered_at = time.monotonic() - origin
    time.sleep(4)
    load.stop()
    return (
        origin,
        fault_at,
        recovered_at,
        load.results,
        " ".join(filter(None, [note, recover_note])),
    )


def summary(name, origin, fault_at, recovered_at, results, note, failures_allowed=False):
    seconds = [duration for _, duration, _, _ in results]
    # When a request failed: its end (one already under way when the fault came fails by it).
    failed = [(start + took - origin, detail) for start, took, ok, detail in results if not ok]
    outside = [
        (at, detail)
        for at, detail in failed
        if not (failures_allowed and fault_at <= at <= recovered_at)
    ]
    if failures_allowed and failed:
        last = max(at for at, _ in failed)
        note += f" last failure {last - fault_at:.1f} s after the fault;"
    return {
        "fault": name,
        "requests": len(results),
        "failed": len(failed),
        "failed outside the fault": len(outside),
        "p50": statistics.median(seconds) * 1000,
        "max": max(seconds) * 1000,
        "note": note + (f" e.g. {failed[0][1]}" if failed else ""),
        "examples": outside[:3],
    }


def manage(env, code):
    out = subprocess.run(
        [stack.PYTHON, str(stack.BASE_DIR / "manage.py"), "shell", "-c", code],
        env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return out.split()


def restart_gunicorn(values, elasticsearch_url):
    stack.stop(values, "gunicorn")
    if elasticsearch_url:
        os.environ["ELASTICSEARCH_URL"] = elasticsearch_url
    else:
        os.environ.pop("ELASTICSEARCH_URL", None)
    stack.start(values, "gunicorn")
    time.sleep(1)


def main():
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith("postgres"):
        sys.exit("DATABASE_URL must be a PostgreSQL database with the demo loaded")
    os.environ.setdefault("STACK_DIR", str(stack.BASE_DIR / ".stack-faults"))
    cluster = privatedb.PrivateCluster(PG_PORT)
    cluster.start()
    rows = []
    values = stack.config()
    try:
        cluster.copy_from(source, "huongnghiep")
        os.environ["DATABASE_URL"] = cluster.url("huongnghiep")
        os.environ.pop("ELASTICSEARCH_URL", None)
        Path(values["RUN_DIR"]).mkdir(parents=True, exist_ok=True)
        stack.up(values)
        env = stack.django_env(values)
        session_key = manage(env, CREATE_SESSION)[-1]
        rows = run_faults(values, env, cluster, session_key)
    finally:
        stack.down(values)
        cluster.stop()
    print_rows(rows)
    if any(row["failed outside the fault"] for row in rows):
        sys.exit("requests failed outside their fault")


def run_faults(values, env, cluster, session_key):
    host = values["SERVER_NAME"]
    direct = {"Host": host, "X-Forwarded-Proto": "https"}
    origin_port, front_port = int(values["GUNICORN_PORT"]), int(values["HTTPS_PORT"])
    pages = ["/", "/nghe-nghiep/", "/nghe-nghiep/dien-cong-nghiep/", "/truong/", "/tin-tuc/"]
    searches = [f"/tim-kiem/?q={word}" for word in ("dien", "ke+toan", "co+khi", "may+tinh")]
    searches += [f"/api/search/programmes/?q={word}" for word in ("dien", "han", "oto")]
    uncached = [Target("http", origin_port, path, direct) for path in pages + searches]
    front = [Target("https", front_port, path, {"Host": host}) for path in pages + searches]
    editor = Target(
        "https", front_port, "/admin/", {"Host": host, "Cookie": f"sessionid={session_key}"}
    )
    rows = []

    for name, url in (
        ("Elasticsearch refusing (closed port)", f"http://127.0.0.1:{closed_port()}"),
        ("Elasticsearch hanging (accepts, never answers)", f"http://127.0.0.1:{hanging_server()}"),
    ):
        restart_gunicorn(values, url)
        searched = [Target("http", origin_port, path, direct) for path in searches]
        publish_env = dict(env, ELASTICSEARCH_URL=url)

        def publish(publish_env=publish_env):
            return "publish s per page: " + ", ".join(manage(publish_env, TIME_PUBLISH)[-3:]) + ";"

        rows.append(summary(name, *under_load(searched, publish, lambda: None)))
    restart_gunicorn(values, None)

    rows.append(
        summary(
            "PostgreSQL restarted (private cluster, fast stop)",
            *under_load(
                uncached,
                lambda: f"down and up in {cluster.restart():.1f} s;",
                lambda: None,
            ),
            failures_allowed=True,
        )
    )
    rows.append(
        summary(
            "page cache (Varnish) stopped",
            *under_load(
                [*front, editor],
                lambda: stack.stop(values, "varnish"),
                lambda: stack.start(values, "varnish"),
            ),
        )
    )
    rows.append(
        summary(
            "Redis stopped (logged-in editor in the load)",
            *under_load(
                [*front, *uncached, editor],
                lambda: stack.stop(values, "redis"),
                lambda: stack.start(values, "redis"),
            ),
        )
    )
    return rows


def print_rows(rows):
    print("\n| fault | requests | failed | failed outside the fault | median ms | max ms | notes |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print(
            f"| {row['fault']} | {row['requests']} | {row['failed']} | "
            f"{row['failed outside the fault']} | {row['p50']:.0f} | {row['max']:.0f} | "
            f"{row['note'].strip()} |"
        )
        for at, detail in row["examples"]:
            print(f"    failed at {at:.1f} s: {detail}")


if __name__ == "__main__":
    main()
