"""Test settings: the real settings with faster password hashing and un-hashed static names.

The live test server serves static files through Django's finders, which know the source
names, not the hashed names of the production manifest storage.
"""

from portal.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405 - its commands are tested too

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = DATA_DIR / "test-media"  # noqa: F405
STATIC_ROOT = DATA_DIR / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# One process: the shared cache (pages, content version) can live in memory, apart from default.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
}
# Tests create their data inside a transaction the second connection cannot see; the one test
# of that connection (tests/toolbox/test_search.py) commits its data.
SEARCH_DATABASE = "default"
# Forms built on intake.forms.PublicForm: tests post at once (tests/intake/test_forms.py sets the
# minimum back to check it).
INTAKE_MIN_SECONDS = 0
# Django's PostgreSQL backend, with a flush (after each transactional test) that deletes the
# rows instead of truncating every table (tests/postgresql/base.py). A test database is thrown
# away: a commit need not wait for its WAL to reach the disk.
for _database in DATABASES.values():  # noqa: F405
    _database["ENGINE"] = "tests.postgresql"
    _options = _database.setdefault("OPTIONS", {})
    _options["options"] = " ".join(filter(None, [_options.get("options"),
                                                 "-c synchronous_commit=off"]))
