import pytest
from django.core.cache import caches
from django.core.management import call_command

from tests.factories import MunicipalityFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    # Cached municipality settings and pages must not leak from one test to the next.
    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def municipality(db):
    return MunicipalityFactory()


@pytest.fixture
def demo(db):
    """The full demo site (Ballerup Kommune), as `make run` loads it."""
    call_command("load_demo", stdout=open("/dev/null", "w"))
