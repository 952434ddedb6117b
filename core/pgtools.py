"""Finding PostgreSQL's client tools and telling them where the database is."""

import shutil
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def pg_tool(name: str) -> str:
    """The embedded PostgreSQL's own tool when installed (it matches the server), else the system's."""
    try:
        import pgserver  # optional (the embedded extra): absent on a server with its own PostgreSQL

        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which(name)
    if not found:
        raise ImproperlyConfigured(f"{name} not found: install the PostgreSQL client tools.")
    return found


def pg_env(database: dict) -> dict:
    """libpq environment variables for a Django DATABASES entry."""
    pairs = {"PGHOST": database.get("HOST"), "PGPORT": database.get("PORT"),
             "PGUSER": database.get("USER"), "PGPASSWORD": database.get("PASSWORD")}
    return {key: str(value) for key, value in pairs.items() if value}
