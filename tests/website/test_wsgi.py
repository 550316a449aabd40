"""What a gunicorn worker has done before its first request (site/wsgi.py)."""

import subprocess
import sys
from pathlib import Path

from tests.website.test_site import production_env

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: this process has long imported everything.
FIRST_REVERSE = """
import sys, time
import website.wsgi
assert "wagtail.admin.urls" in sys.modules, "the admin's URLconf was not imported at start"
from django.urls import reverse
started = time.monotonic()
reverse("wagtailadmin_home")
print(f"{time.monotonic() - started:.3f}")
"""


def test_a_worker_builds_the_url_resolver_before_its_first_request(tmp_path):
    """A publish reverses the page's URL to purge it: in a fresh process that imported the
    admin's and every viewset's URLconf, 60–70 % of the first publish."""
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", FIRST_REVERSE],
        cwd=ROOT,
        env=production_env(tmp_path, PYTHONPATH=str(ROOT)),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert float(result.stdout) < 0.05  # a lookup in the built resolver, not an import
