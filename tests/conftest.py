import json

import pytest

from django.core.cache import cache
from django.db import connection, transaction

from wagtail.models import Site

from website.adminunits import load_admin_units


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one test cached (menus, settings, the
    sitemap — website.pagecache) must not answer for pages another test rolled back."""
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def migrated_content(django_db_setup, django_db_blocker):
    """What the migrations put in the database (home page, site, roles), serialised once at
    the start of the session, before any transactional test can flush it; live-server tests
    restore it (tests/browser/conftest.py ``home_page``).

    Content types come first: Wagtail's Task.__init__ looks one up while a task is being
    deserialised, and would otherwise create it ahead of the serialised row.
    """
    with django_db_blocker.unblock():
        objects = json.loads(connection.creation.serialize_db_to_string())
    objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


@pytest.fixture
def home_page(db):
    """The home page the initial migration creates, as the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture(scope="module")
def admin_units(django_db_setup, django_db_blocker):
    """Viet Nam's administrative units, loaded once per test module; gives the load's counts.

    The load stays in a transaction that is rolled back after the module, so tests elsewhere
    never see it. Each test's ``db`` transaction nests inside it; not for transactional tests.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_admin_units()
        transaction.set_rollback(True)
