import contextlib
import hashlib
import json
import threading
import traceback

import pytest
from pytest_django.plugin import blocking_manager_key

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections, transaction
from django.test import TransactionTestCase

from wagtail.models import Page, Site

from website.adminunits import load_admin_units

# pytest-xdist (``make test``): each worker's test database (test_<name>_gw0, …) is a
# PostgreSQL copy (``CREATE DATABASE … TEMPLATE``) of one template database the controller
# migrates, made in a second instead of migrating once per worker. The controller migrates it
# (17 s on the idle machine) in a thread while the workers start and collect, under a
# name of its own (test_<name>_template_migrating), renamed test_<name>_template once complete,
# and holds an advisory lock all along: a worker waits for the lock before it copies the
# template, so it never copies a half-migrated one, and finds none if the migration failed.

_template_key = pytest.StashKey["TemplateMigration"]()


def _runs_workers(config):
    return getattr(config.option, "dist", "no") != "no" and not hasattr(config, "workerinput")


def _lock_id(template):
    """The advisory lock of a template database's migration: a 64-bit number from its name."""
    return int.from_bytes(hashlib.blake2b(template.encode(), digest_size=8).digest(), signed=True)


class TemplateMigration(threading.Thread):
    """Migrates the template database in the controller while the workers start."""

    def __init__(self, blocker, template):
        super().__init__(name="template-migration", daemon=True)
        self.blocker = blocker
        self.template = template
        self.migrating = f"{template}_migrating"
        self.original_name = connection.settings_dict["NAME"]
        self.locked = threading.Event()
        self.error = None

    def start(self):
        """Returns once the lock is held and any template an interrupted run left is gone (or
        the thread failed before: the workers then find no template): the workers start
        after this."""
        super().start()
        self.locked.wait()

    def run(self):
        quote = connection.ops.quote_name
        # Django's test database name: the migration runs on this thread's own connection,
        # which shares the settings with the controller's.
        connection.settings_dict["TEST"]["NAME"] = self.migrating
        try:
            with self.blocker.unblock(), connection._nodb_cursor() as cursor:
                cursor.execute("SELECT pg_advisory_lock(%s)", [_lock_id(self.template)])
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(self.template)}")
                self.locked.set()
                connection.creation.create_test_db(verbosity=0, autoclobber=True)
                connection.close()
                cursor.execute(
                    f"ALTER DATABASE {quote(self.migrating)} RENAME TO {quote(self.template)}"
                )
            # The lock ends with the connection: the workers go on.
        except BaseException as error:
            self.error = error
        finally:
            self.locked.set()

    def drop(self):
        """Waits for the migration, drops the template (or what a failed migration left) and
        gives the controller its configured database back."""
        self.join()
        quote = connection.ops.quote_name
        with self.blocker.unblock(), connection._nodb_cursor() as cursor:
            for name in (self.template, self.migrating):
                cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        settings.DATABASES["default"]["NAME"] = self.original_name
        connection.settings_dict["NAME"] = self.original_name


def wait_for_template(blocker, template):
    """On a worker: waits until the controller's migration of the template has ended."""
    lock = _lock_id(template)
    with blocker.unblock(), connection._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [lock])
        cursor.execute("SELECT pg_advisory_unlock(%s)", [lock])
        cursor.execute("SELECT 1 FROM pg_catalog.pg_database WHERE datname = %s", [template])
        if cursor.fetchone() is None:
            raise RuntimeError(
                f"The controller did not make the template database {template}: its migration "
                "failed (the error is at the end of the run)."
            )


def pytest_sessionstart(session):
    config = session.config
    if not _runs_workers(config) or connection.vendor != "postgresql" or config.option.reuse_db:
        return
    test = connection.settings_dict.setdefault("TEST", {})
    template = f"{test.get('NAME') or 'test_' + connection.settings_dict['NAME']}_template"
    migration = TemplateMigration(config.stash[blocking_manager_key], template)
    migration.start()
    config.stash[_template_key] = migration


def pytest_configure(config):
    """Each xdist worker keeps its uploads in a media folder of its own (.test-media/gw0/, …),
    as it has its own database."""
    worker = getattr(config, "workerinput", {}).get("workerid")
    if worker:
        settings.MEDIA_ROOT = settings.MEDIA_ROOT / worker


# ``make test`` hands whole modules to the two workers (``--dist loadfile``) in collection order
# (``--no-loadscope-reorder``): the costliest first, so both finish together instead of one
# running a long module at the end while the other waits. A live-server test (Chromium or the
# page cache, then a flush and the restore) costs about as much as fifteen others, a test
# marked ``slow`` (the whole demo, a migration) sixty; a module that loads the administrative
# units or the real streaming figures once (``admin_units``, ``real_streaming``, ``site_demo``)
# thirty more.
LIVE_SERVER_WEIGHT, SLOW_WEIGHT, MODULE_DATA_WEIGHT = 15, 60, 30
MODULE_DATA = {"admin_units", "real_streaming", "site_demo"}


def _weight(item):
    if item.get_closest_marker("slow"):
        return SLOW_WEIGHT
    return LIVE_SERVER_WEIGHT if "live_server" in getattr(item, "fixturenames", ()) else 1


def pytest_collection_modifyitems(items):
    """The modules costliest first (above); within a module, the tests that do not use its
    ``module_content`` run before those that do (below)."""
    cost, first, with_data = {}, {}, set()
    for number, item in enumerate(items):
        cost[item.path] = cost.get(item.path, 0) + _weight(item)
        first.setdefault(item.path, number)
        if MODULE_DATA & set(getattr(item, "fixturenames", ())):
            with_data.add(item.path)
    for path in with_data:
        cost[path] += MODULE_DATA_WEIGHT
    items.sort(key=lambda item: (-cost[item.path], first[item.path], _uses_module_content(item)))


_module_content = set()  # the names of module_content() fixtures


def module_content(function):
    """A module-scoped fixture that makes content once, in a rolled_back() transaction, for
    the tests of its module that ask for it, each of which reads it afresh. They run after
    the module's other tests (the order above): the content is made when the first of them
    starts and kept until the module ends, so every test sees only what it asked for, as if
    it had made it itself. Its name is unique in the suite."""
    _module_content.add(function.__name__)
    return pytest.fixture(scope="module")(function)


def _uses_module_content(item):
    return bool(_module_content & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """Tells each xdist worker the template its test database is copied from."""
    if _template_key in node.config.stash:
        node.workerinput["test_db_template"] = node.config.stash[_template_key].template


def pytest_sessionfinish(session):
    migration = session.config.stash.get(_template_key, None)
    if migration:
        migration.drop()
        if migration.error and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.INTERNAL_ERROR


def pytest_terminal_summary(terminalreporter, config):
    migration = config.stash.get(_template_key, None)
    if migration and migration.error:
        terminalreporter.section("the template database's migration failed", red=True)
        terminalreporter.write("".join(traceback.format_exception(migration.error)))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix, request, django_db_blocker
):
    """On an xdist worker, the test database is created from the controller's template, once
    the controller has migrated it."""
    template = getattr(request.config, "workerinput", {}).get("test_db_template")
    if template:
        wait_for_template(django_db_blocker, template)
        settings.DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = template


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: what one test cached (menus, settings, the
    sitemap — website.pagecache) must not answer for pages another test rolled back."""
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def migrated_content(request, django_db_setup, django_db_blocker):
    """What the migrations put in the database (home page, site, roles, streaming
    indicators…), read once at the start of the session, before any transactional test has
    changed it. Each transactional test ends with it put back instead of Django's flush
    (``MigratedContent.put_back``), so the tests a worker runs next find the database the
    migrations left, whatever order xdist gives them."""
    if not any(_uses_database(item) for item in request.session.items):
        yield None  # no test database was made (a run of tests that need none)
        return
    with django_db_blocker.unblock():
        content = MigratedContent(connection)

    def put_back(test_case):
        """``TransactionTestCase._fixture_teardown`` for this suite: the migrated content put
        back where Django would empty every table, send post_migrate (which makes the content
        types and permissions again, under new ids) and leave the rest to be restored: 1.2 s
        per transactional test on PostgreSQL, against 0.06 s."""
        for name in test_case._databases_names(include_mirrors=False):
            content.put_back(connections[name])

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TransactionTestCase, "_fixture_teardown", put_back)
        yield content


class MigratedContent:
    """The rows of every table the migrations filled: on PostgreSQL as its ``COPY`` gives
    them (exactly the rows, ids included, back in one statement per table), elsewhere as
    Django's serialisation. Content types come first there: Wagtail's Task.__init__ looks one
    up while a task is being deserialised, and would otherwise create it ahead of the
    serialised row."""

    def __init__(self, database):
        self.tables = database.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        if database.vendor == "postgresql":
            self.rows = {table: self._copy_out(database, table) for table in self.tables}
            self.rows = {table: rows for table, rows in self.rows.items() if rows}
        else:
            objects = json.loads(database.creation.serialize_db_to_string())
            objects.sort(key=lambda obj: obj["model"] != "contenttypes.contenttype")
            self.serialized = json.dumps(objects)

    def put_back(self, database):
        """Empties the tables that have rows (Django's foreign keys are deferred, so the
        order does not matter), then puts the migrated rows back."""
        quote = database.ops.quote_name
        with transaction.atomic(using=database.alias), database.cursor() as cursor:
            cursor.execute(
                " UNION ALL ".join(
                    f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 - ours
                    for table in self.tables
                ),
                self.tables,
            )
            for (table,) in cursor.fetchall():
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608 - our tables
            if database.vendor == "postgresql":
                for table, rows in self.rows.items():
                    with cursor.cursor.copy(f"COPY {quote(table)} FROM STDIN") as copy:
                        copy.write(rows)
            else:
                database.creation.deserialize_db_from_string(self.serialized)

    @staticmethod
    def _copy_out(database, table):
        with (
            database.cursor() as cursor,
            cursor.cursor.copy(f"COPY {database.ops.quote_name(table)} TO STDOUT") as copy,
        ):
            return b"".join(bytes(data) for data in copy)


def _uses_database(item):
    database_fixtures = {"db", "transactional_db", "live_server", "django_db_reset_sequences"}
    return bool(item.get_closest_marker("django_db") or database_fixtures & set(item.fixturenames))


def flushes(item):
    """Whether the test ran in a transactional database, which is put back at its end."""
    if {"transactional_db", "live_server", "django_db_reset_sequences"} & set(item.fixturenames):
        return True
    marker = item.get_closest_marker("django_db")
    kwargs = marker.kwargs if marker else {}
    return bool(kwargs.get("transaction") or kwargs.get("reset_sequences"))


def default_home_page():
    """The home page the initial migration creates, as the default site's root."""
    return Site.objects.get(is_default_site=True).root_page.specific


@pytest.fixture
def home_page(db):
    return default_home_page()


@contextlib.contextmanager
def rolled_back(django_db_blocker):
    """Content a test module shares, made once in a transaction that is rolled back after the
    module, so tests elsewhere never see it. Each test's ``db`` transaction nests inside it
    (what a test changes is undone before the next); not for transactional tests."""
    with django_db_blocker.unblock(), transaction.atomic():
        _shared_transactions.append(transaction.get_connection())
        try:
            yield
            transaction.set_rollback(True)
        finally:
            _shared_transactions.pop()


_shared_transactions = []  # the rolled_back() transactions open now, outermost first


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef, request):
    """Once a module's fixture has made content in a rolled_back() transaction, PostgreSQL
    checks the new rows' deferred foreign keys there, once. Left pending, they were checked at
    the end of every test of the module (Django checks constraints before it rolls back the
    test's savepoint, and the rollback makes PostgreSQL forget checks made inside it): 0.2 s
    per test over the real streaming figures, nothing now. What is checked is the same."""
    result = yield
    if fixturedef.scope != "function" and _shared_transactions:
        database = _shared_transactions[-1]
        if database.vendor == "postgresql":
            with request.config.stash[blocking_manager_key].unblock():
                database.check_constraints()
    return result


def fresh_pages(pks):
    """The pages of ``{name: primary key}``, read afresh as their classes (a test may have
    changed the objects a module-scoped fixture made)."""
    pages = Page.objects.filter(pk__in=pks.values()).specific().in_bulk()
    return {name: pages[pk] for name, pk in pks.items()}


@pytest.fixture(scope="module")
def admin_units(django_db_setup, django_db_blocker):
    """Viet Nam's administrative units, loaded once per test module; gives the load's counts."""
    with rolled_back(django_db_blocker):
        yield load_admin_units()
