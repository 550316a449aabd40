"""Back up, wipe, restore, and check the site serves the same pages (make backup-check).

    DATABASE_URL=postgres://…/hn python deploy/backup_check.py

On a private PostgreSQL cluster (FAULT_PG_PORT [5499]) holding a copy of DATABASE_URL, with
a copy of MEDIA_ROOT: records every live page (status and body) as gunicorn serves it under
production settings, backs up exactly as docs/operations.md says (``pg_dump -Fc`` and a tar
of the media folder), wipes both (DROP DATABASE, folder deleted), restores them
(``pg_restore``, tar), serves again and compares. Exits non-zero on any difference.
"""

import hashlib
import http.client
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import privatedb
import stack

ALL_PAGES = """
from wagtail.models import Page
for page in Page.objects.live().filter(depth__gt=1).order_by("path")[:400]:
    print(page.url)
"""
EXTRA = ["/tim-kiem/?q=dien+cong+nghiep", "/api/search/programmes/?q=ke+toan", "/sitemap.xml"]


def pages_served(values, paths):
    """{path: (status, sha256 of the body)} as gunicorn serves them now."""
    stack.start(values, "gunicorn")
    served = {}
    try:
        for path in paths:
            connection = http.client.HTTPConnection(
                "127.0.0.1", int(values["GUNICORN_PORT"]), timeout=30
            )
            headers = {"Host": values["SERVER_NAME"], "X-Forwarded-Proto": "https"}
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            body = response.read()
            served[path] = (response.status, hashlib.sha256(body).hexdigest())
            connection.close()
    finally:
        stack.stop(values, "gunicorn")
    return served


def main():
    source = os.environ.get("DATABASE_URL", "")
    if not source.startswith("postgres"):
        sys.exit("DATABASE_URL must be a PostgreSQL database with the site's content")
    os.environ.setdefault("STACK_DIR", str(stack.BASE_DIR / ".stack-backup"))
    os.environ["CACHE_URL"] = ""  # Django's local-memory cache: nothing kept between runs
    os.environ["FRONTEND_CACHE_PURGE_URL"] = ""
    work = Path(tempfile.mkdtemp(prefix="hn-backup-check-"))
    media = work / "media"
    shutil.copytree(stack.config()["MEDIA_ROOT"], media, dirs_exist_ok=True)
    os.environ["MEDIA_ROOT"] = str(media)
    values = stack.config()
    Path(values["RUN_DIR"]).mkdir(parents=True, exist_ok=True)
    cluster = privatedb.PrivateCluster(os.environ.get("FAULT_PG_PORT", "5499"))
    cluster.start()
    try:
        cluster.copy_from(source, "huongnghiep")
        database = cluster.url("huongnghiep")
        os.environ["DATABASE_URL"] = database
        env = stack.django_env(values)
        manage = [stack.PYTHON, str(stack.BASE_DIR / "manage.py")]
        listed = subprocess.run(
            [*manage, "shell", "-c", ALL_PAGES], env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        paths = [path for path in listed if path.startswith("/")] + EXTRA
        before = pages_served(values, paths)

        # The backup (docs/operations.md, "Backups").
        dump, archive = work / "huongnghiep.dump", work / "media.tar.gz"
        subprocess.run(["pg_dump", "-Fc", "-f", str(dump), database], check=True)
        subprocess.run(["tar", "-C", str(media), "-czf", str(archive), "."], check=True)
        # The loss.
        cluster.psql("DROP DATABASE huongnghiep WITH (FORCE)")
        shutil.rmtree(media)
        # The restore (docs/operations.md, "Restore").
        cluster.psql("CREATE DATABASE huongnghiep")
        subprocess.run(["pg_restore", "--no-owner", "-d", database, str(dump)], check=True)
        media.mkdir()
        subprocess.run(["tar", "-C", str(media), "-xzf", str(archive)], check=True)

        after = pages_served(values, paths)
    finally:
        cluster.stop()
        shutil.rmtree(work, ignore_errors=True)
    different = [path for path in paths if before[path] != after[path]]
    statuses = sorted({status for status, _ in before.values()})
    print(
        f"{len(paths)} addresses served before and after the restore (statuses {statuses}); "
        f"{len(paths) - len(different)} identical, {len(different)} different"
    )
    if different or statuses != [200]:
        sys.exit(f"not the same site after the restore: {different[:10]}")


if __name__ == "__main__":
    main()
