import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from tests.factories import MunicipalityFactory


def pytest_collection_modifyitems(items):
    # The tests that use the demo run last, one after another, on one loading of it (`demo`).
    # The sort is stable, so every other test keeps its order.
    items.sort(key=lambda item: "demo" in getattr(item, "fixturenames", ()))


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached municipality settings and pages must not leak from one test to the next.
    for cache in caches.all():
        cache.clear()
    yield
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


@pytest.fixture(scope="session")
def _demo_loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    """Load the demo once, in a transaction left open while the demo tests run.

    Each of those tests runs in a savepoint inside it (pytest-django's `db` nests), so what one
    test changes is undone before the next; the transaction is rolled back at the end. Loading
    it for each test (the DOCX and ODT templates built every time) took most of the suite's time.
    Returns the demo's uploaded files by name, which `demo` writes to each test's MEDIA_ROOT.
    """
    media = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock():
        loaded = transaction.atomic()
        loaded.__enter__()
        with override_settings(MEDIA_ROOT=media):
            call_command("load_demo", stdout=io.StringIO())
    yield {str(path.relative_to(media)): path.read_bytes()
           for path in media.rglob("*") if path.is_file()}
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
