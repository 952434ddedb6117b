"""PostgreSQL stops while the portal runs (SECURITY.md ERR-02, ERR-03), against a real server."""

import time

import pytest

from tests.servers import (
    collect_static,
    get,
    gunicorn,
    start_postgres,
    stop_postgres,
    throwaway_postgres,
)

pytestmark = pytest.mark.slow


def test_portal_answers_503_while_postgres_is_down_and_recovers_by_itself(tmp_path):
    with throwaway_postgres(migrated=True) as (server, url):
        collect_static(url, data_dir=tmp_path)
        with gunicorn(url, data_dir=tmp_path) as base:
            assert get(base + "/")[0] == 200
            assert get(base + "/healthz")[0] == 200

            stop_postgres(server)
            # A page anonymous readers had already opened is still served from the page cache;
            # one that needs the database answers 503.
            assert get(base + "/")[0] == 200
            status, headers, body = get(base + "/vaerktoejskasse/")
            assert status == 503
            assert headers["Retry-After"] == "30"
            assert "Portalen er midlertidigt utilgængelig" in body
            assert "Traceback" not in body and "psycopg" not in body and "socket" not in body
            health = get(base + "/healthz")
            assert (health[0], health[2]) == (503, '{"status": "unavailable"}')

            start_postgres(server)
            for _ in range(50):  # no restart of the portal: it reconnects on its own
                if get(base + "/")[0] == 200:
                    break
                time.sleep(0.2)
            assert get(base + "/")[0] == 200
            assert get(base + "/healthz")[0] == 200
