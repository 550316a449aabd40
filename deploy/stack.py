"""Start, stop and inspect the production stack on this machine (docs/operations.md).

    python deploy/stack.py run            # everything, in the foreground; Ctrl-C stops it all
    python deploy/stack.py up | down      # the same in the background (benchmarks, fault tests)
    python deploy/stack.py stop NAME      # stop or start one service: redis, gunicorn,
    python deploy/stack.py start NAME     #   varnish, nginx, scheduler
    python deploy/stack.py status

The services, all on 127.0.0.1 (ports from the environment, defaults in brackets):
nginx (TLS on STACK_HTTPS_PORT [8443], plain HTTP redirecting on STACK_HTTP_PORT [8080]:
static files, media, the front door) -> Varnish (VARNISH_PORT [6081]: the page cache,
purged by Wagtail on publish) -> gunicorn (GUNICORN_PORT [8001]) -> PostgreSQL
(DATABASE_URL, required). A private Redis (REDIS_PORT [6380]) holds Django's cache unless
CACHE_URL points elsewhere, and a scheduler runs ``publish_scheduled`` and
``delete_expired_contact_requests`` every minute.
Generated files, logs and pid files live in STACK_DIR [.stack/].

Standard library only: it runs before the virtual environment is active.
"""

import os
import secrets
import signal
import socket
import string
import subprocess
import sys
import time
from pathlib import Path

DEPLOY_DIR = Path(__file__).resolve().parent
BASE_DIR = DEPLOY_DIR.parent
PYTHON = os.environ.get("STACK_PYTHON", str(BASE_DIR / ".venv" / "bin" / "python"))
SERVICES = ("redis", "gunicorn", "varnish", "nginx", "scheduler")
SCHEDULE_SECONDS = 60


def config():
    """Every setting of the stack, from the environment."""
    env = os.environ
    run_dir = Path(env.get("STACK_DIR", BASE_DIR / ".stack")).resolve()
    values = {
        "RUN_DIR": str(run_dir),
        "HTTPS_PORT": env.get("STACK_HTTPS_PORT", "8443"),
        "HTTP_PORT": env.get("STACK_HTTP_PORT", "8080"),
        "VARNISH_PORT": env.get("VARNISH_PORT", "6081"),
        "GUNICORN_PORT": env.get("GUNICORN_PORT", "8001"),
        "REDIS_PORT": env.get("REDIS_PORT", "6380"),
        "VARNISH_MEMORY": env.get("VARNISH_MEMORY", "256m"),
        "PAGE_TIMEOUT": env.get("PAGE_TIMEOUT", "10s"),
        "SERVER_NAME": env.get("SERVER_NAME", "127.0.0.1"),
        "STATIC_ROOT": env.get("STATIC_ROOT", str(BASE_DIR / "staticfiles")),
        "MEDIA_ROOT": env.get("MEDIA_ROOT", str(BASE_DIR / "media")),
        "TLS_CERT": env.get("TLS_CERT", str(run_dir / "tls.crt")),
        "TLS_KEY": env.get("TLS_KEY", str(run_dir / "tls.key")),
    }
    return values


class Placeholders(string.Template):
    """Only ``${UPPER_CASE}`` is a placeholder: nginx's own ``$host`` etc. stay as they are."""

    pattern = r"\$(?:(?P<escaped>(?!))|(?P<named>(?!))|\{(?P<braced>[A-Z_]+)\}|(?P<invalid>(?!)))"


def render(template_name, values):
    """The file in deploy/ with every placeholder replaced; a missing value is an error."""
    return Placeholders((DEPLOY_DIR / template_name).read_text()).substitute(values)


def django_env(values):
    """The environment gunicorn and the management commands run with."""
    env = dict(os.environ)
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit(
            "DATABASE_URL must point at PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/hn"
        )
    # The production settings, whatever a developer's shell (or make) exports.
    env["DJANGO_SETTINGS_MODULE"] = env.get("STACK_SETTINGS", "website.settings.production")
    env.setdefault("SECRET_KEY", _secret_key(Path(values["RUN_DIR"])))
    env.setdefault("ALLOWED_HOSTS", f"{values['SERVER_NAME']},localhost")
    env.setdefault(
        "CSRF_TRUSTED_ORIGINS", f"https://{values['SERVER_NAME']}:{values['HTTPS_PORT']}"
    )
    env.setdefault(
        "WAGTAILADMIN_BASE_URL", f"https://{values['SERVER_NAME']}:{values['HTTPS_PORT']}"
    )
    env.setdefault("CACHE_URL", f"redis://127.0.0.1:{values['REDIS_PORT']}/0")
    env.setdefault("FRONTEND_CACHE_PURGE_URL", f"http://127.0.0.1:{values['VARNISH_PORT']}")
    env["STATIC_ROOT"] = values["STATIC_ROOT"]
    env["MEDIA_ROOT"] = values["MEDIA_ROOT"]
    env["GUNICORN_PORT"] = values["GUNICORN_PORT"]
    return env


def _secret_key(run_dir):
    """A key kept in STACK_DIR, made once, for a machine that does not set SECRET_KEY."""
    path = run_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def commands(values):
    """How each service is started (in the foreground, so it can be supervised)."""
    run_dir = Path(values["RUN_DIR"])
    manage = [PYTHON, str(BASE_DIR / "manage.py")]
    return {
        "redis": [
            "redis-server",
            "--bind", "127.0.0.1",
            "--port", values["REDIS_PORT"],
            "--dir", str(run_dir),
            "--save", "",
            "--appendonly", "no",
            "--maxmemory", "256mb",
            "--maxmemory-policy", "allkeys-lru",
        ],
        "gunicorn": [
            str(Path(PYTHON).parent / "gunicorn"),
            "--config", str(DEPLOY_DIR / "gunicorn.conf.py"),
        ],
        "varnish": [
            "varnishd", "-F",
            "-n", str(run_dir / "varnish"),
            "-a", f"127.0.0.1:{values['VARNISH_PORT']}",
            "-f", str(run_dir / "varnish.vcl"),
            "-s", f"malloc,{values['VARNISH_MEMORY']}",
            "-T", "none",
        ],
        "nginx": ["nginx", "-c", str(run_dir / "nginx.conf"), "-p", str(run_dir)],
        "scheduler": [
            "sh", "-c",
            f'while :; do "$@" publish_scheduled; "$@" delete_expired_contact_requests; '
            f"sleep {SCHEDULE_SECONDS}; done",
            "scheduler", *manage,
        ],
    }  # fmt: skip


def ports(values):
    return {
        "redis": values["REDIS_PORT"],
        "gunicorn": values["GUNICORN_PORT"],
        "varnish": values["VARNISH_PORT"],
        "nginx": values["HTTPS_PORT"],
    }


def prepare(values):
    """Render the configuration, make a TLS certificate, migrate and collect static files."""
    run_dir = Path(values["RUN_DIR"])
    (run_dir / "varnish").mkdir(parents=True, exist_ok=True)
    (run_dir / "varnish.vcl").write_text(render("varnish.vcl", values))
    (run_dir / "nginx.conf").write_text(render("nginx.conf", values))
    if not Path(values["TLS_CERT"]).exists():
        make_certificate(values)
    env = django_env(values)
    manage = [PYTHON, str(BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True)
    subprocess.run([*manage, "collectstatic", "--noinput", "-v0"], env=env, check=True)


def make_certificate(values):
    """A self-signed certificate for this machine; a real server sets TLS_CERT/TLS_KEY."""
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365",
         "-subj", f"/CN={values['SERVER_NAME']}", "-keyout", values["TLS_KEY"],
         "-out", values["TLS_CERT"],
         "-addext", f"subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:{values['SERVER_NAME']}"],
        check=True, capture_output=True,
    )  # fmt: skip


def pid_of(values, name):
    path = Path(values["RUN_DIR"]) / f"{name}.pid"
    try:
        pid = int(path.read_text())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None
    return pid


def start(values, name):
    if pid_of(values, name):
        return
    run_dir = Path(values["RUN_DIR"])
    log = (run_dir / f"{name}.log").open("ab")
    process = subprocess.Popen(
        commands(values)[name],
        env=django_env(values),
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
        cwd=BASE_DIR,
    )
    (run_dir / f"{name}.pid").write_text(str(process.pid))
    port = ports(values).get(name)
    if port and not wait_for_port(int(port), 20):
        sys.exit(f"{name} did not start on port {port}: see {run_dir / (name + '.log')}")


def stop(values, name):
    pid = pid_of(values, name)
    if not pid:
        return
    os.killpg(pid, signal.SIGTERM)
    for _ in range(100):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(pid, signal.SIGKILL)
    (Path(values["RUN_DIR"]) / f"{name}.pid").unlink(missing_ok=True)


def wait_for_port(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            sock.settimeout(0.5)
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


def up(values):
    prepare(values)
    for name in SERVICES:
        if name == "redis" and "CACHE_URL" in os.environ:
            continue  # Django's cache is elsewhere
        start(values, name)
    print(
        f"Trang web / site: https://{values['SERVER_NAME']}:{values['HTTPS_PORT']}/ "
        f"(nginx -> Varnish :{values['VARNISH_PORT']} -> gunicorn :{values['GUNICORN_PORT']})"
    )


def down(values):
    for name in reversed(SERVICES):
        stop(values, name)


def status(values):
    for name in SERVICES:
        pid = pid_of(values, name)
        print(f"{name:10} {'running, pid ' + str(pid) if pid else 'stopped'}")


def run(values):
    up(values)
    print("Ctrl-C để dừng / to stop.")
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        while not stopping:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        down(values)


def main(argv):
    values = config()
    Path(values["RUN_DIR"]).mkdir(parents=True, exist_ok=True)
    action = argv[1] if len(argv) > 1 else "run"
    if action in ("start", "stop") and len(argv) == 3 and argv[2] in SERVICES:
        {"start": start, "stop": stop}[action](values, argv[2])
    elif action in ("run", "up", "down", "status"):
        {"run": run, "up": up, "down": down, "status": status}[action](values)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
