import fcntl
import io
import os
import pickle
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.factories import MunicipalityFactory
from tests.postgresql import snapshot
from tests.servers import BASE_DIR, migrations_key


def pytest_collection_modifyitems(items):
    # The tests that use the demo run last, one after another, on one loading of it (`demo`).
    # Among those and among the others, the long ones (servers, the fuzz, the XSS rotation)
    # come first: xdist hands tests out in this order, so a long one started last would keep
    # one process busy while the other has nothing left. The sort is stable, so every other
    # test keeps its order.
    def key(item):
        long = item.get_closest_marker("slow") or item.get_closest_marker("expensive")
        return "demo" in getattr(item, "fixturenames", ()), not long

    items.sort(key=key)


@pytest.fixture(scope="session")
def _test_database_from_template(django_test_environment, django_db_modify_db_settings,
                                 django_db_blocker):
    """Each xdist process's test database is a copy of one migrated template database.

    Running the migrations takes about 18 s of CPU; every process did it for its own database.
    The template is made once for the migrations as they are (by the first process, the others
    wait on the lock), kept in the embedded PostgreSQL for the next run, and copied with CREATE
    DATABASE … TEMPLATE, which takes a fraction of a second. pytest-django then finds the
    database in place (`django_db_keepdb`), and its `migrate` has nothing to do. The copy is
    dropped at the end, WITH (FORCE): a connection left open (the demo's, a worker's) would
    otherwise stop the drop with a warning.
    """
    from django.db import connection

    name = connection.creation._get_test_db_name()
    template = f"{name.split('_gw')[0]}_template_{migrations_key()}"
    lock_path = Path(settings.DATA_DIR) / "test-template.lock"
    with django_db_blocker.unblock(), lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s",
                           [f"{name.split('_gw')[0]}_template_%"])
            templates = {row[0] for row in cursor.fetchall()}
            if template not in templates:
                for old in templates:
                    cursor.execute(f'DROP DATABASE "{old}" WITH (FORCE)')
                cursor.execute(f'CREATE DATABASE "{template}"')
                _migrate(template)
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield
    connection.close()
    with django_db_blocker.unblock(), connection.creation._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _migrate(database: str) -> None:
    """`migrate` into the template in a process of its own, so none of its connections stay
    open to the template (PostgreSQL copies only a database nobody is connected to)."""
    url = urlsplit(os.environ["DATABASE_URL"])
    env = {**os.environ, "DATABASE_URL": urlunsplit(url._replace(path=f"/{database}")),
           "DJANGO_SETTINGS_MODULE": "tests.settings"}
    subprocess.run([sys.executable, "manage.py", "migrate", "--run-syncdb", "-v", "0"],
                   cwd=BASE_DIR, env=env, check=True, capture_output=True, timeout=600)


@pytest.fixture(scope="session")
def django_db_keepdb(request, _test_database_from_template):
    # The database is in place (above); --create-db still makes pytest-django build it anew.
    return True


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached municipality settings and pages must not leak from one test to the next: each test
    # starts with empty caches (once, before it; what it leaves is cleared before the next).
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def no_min_time(settings):
    """The intake refuses forms sent sooner than INTAKE_MIN_SECONDS after they were shown; a
    test client is faster than any reader."""
    settings.INTAKE_MIN_SECONDS = 0
    return settings


@pytest.fixture
def danish():
    """Opt in by name, or for a module with `pytest.mark.usefixtures("danish")`: the test starts
    and ends in Danish, since a request under /en/ leaves English active in the test's thread."""
    translation.activate("da")
    yield
    translation.activate("da")


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


# Debian's headless shell (package chromium-headless-shell, as Playwright uses for headless runs):
# the same Blink and V8 as /usr/bin/chromium, which in --headless still runs the desktop
# browser's processes (a GPU process with SwiftShader, a WebUI renderer): two every-page slices
# took 103 s of CPU with it and 64 s with the shell (docs/operations.md "The test suite").
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium-headless-shell")
# No internet here: without these flags Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-features=Translate,MediaRouter,OptimizationHints",
]


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the process (tests/browser); here beside `_demo_loaded`, which starts it
    first."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it "
                    "(apt-get install chromium-headless-shell).")
    # Playwright's sync API runs an event loop; Django must allow DB access from tests anyway.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright  # only the browser tests need it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _demo_loaded(request, django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once, in a transaction left open while the demo tests run.

    Each of those tests runs in a savepoint inside it (pytest-django's `db` nests), so what one
    test changes is undone before the next; the transaction is rolled back at the end. Loading
    it for each test (the DOCX and ODT templates built every time) took most of the suite's time.
    Returns the demo's uploaded files by name, which `demo` writes to each test's MEDIA_ROOT.
    """
    # Starting Playwright's sync API switches the context Django's connections live in: a
    # browser started after the demo's transaction opened would leave the browser tests on a
    # new connection that sees no demo. So the browser starts first when there are any.
    if any(item.nodeid.startswith("tests/browser/") for item in request.session.items):
        request.getfixturevalue("browser")
    with django_db_blocker.unblock():
        loaded = transaction.atomic()
        loaded.__enter__()
        files = _demo_rows_and_files(tmp_path_factory)
    yield files
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loaded.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_loaded, db):
    """The full demo site (Ballerup Kommune), as `make run` loads it."""
    media = Path(settings.MEDIA_ROOT)
    for name, content in _demo_loaded.items():
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(content)


def _demo_rows_and_files(tmp_path_factory) -> dict[str, bytes]:
    """Load the demo into the open transaction, or, where another process of this run has
    loaded it already, put its rows in place (tests/postgresql/snapshot.py): the first process
    to get here loads it and leaves a snapshot of the database and the demo's files for the
    others. One that comes while the first is loading waits for it: with two processes they
    get there together, so the wait costs about the wall time a second load would, and saves
    that load's CPU. Without xdist there are no others, and the demo is loaded as before."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    if not run:
        return _load_demo(tmp_path_factory)
    folder = Path(settings.DATA_DIR) / "test-demo"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{run}.pickle"
    with (folder / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            with path.open("rb") as file:
                kept = pickle.load(file)
            snapshot.put_back(kept["database"])
            # Content types are cached by id in the process; the rows now are the other's.
            ContentType.objects.clear_cache()
            return kept["files"]
        files = _load_demo(tmp_path_factory)
        for old in folder.glob("*.pickle"):  # other runs' snapshots
            old.unlink()
        partial = path.with_suffix(".partial")
        with partial.open("wb") as file:
            pickle.dump({"database": snapshot.take(), "files": files}, file,
                        protocol=pickle.HIGHEST_PROTOCOL)
        partial.rename(path)  # whole, or not there
        return files


def _load_demo(tmp_path_factory) -> dict[str, bytes]:
    media = tmp_path_factory.mktemp("demo-media")
    with override_settings(MEDIA_ROOT=media):
        call_command("load_demo", stdout=io.StringIO())
    return {str(path.relative_to(media)): path.read_bytes()
            for path in media.rglob("*") if path.is_file()}
