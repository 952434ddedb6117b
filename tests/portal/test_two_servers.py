"""Two app servers sharing one PostgreSQL and one cache: an edit through one shows at once on
the other, though both keep the page in the shared cache (issue 7)."""

import contextlib
import http.cookiejar
import re
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest

from tests.servers import (
    collect_static,
    free_port,
    get,
    gunicorns,
    manage,
    throwaway_postgres,
)

pytestmark = pytest.mark.slow

SECRET = "two-servers-share-this-secret-key-" + "x" * 30
# One `manage.py shell` for all of the set-up (each command in a process of its own started
# Django again: about 2.5 s of CPU each). The cache table only for the database cache.
SETUP = """
from django.conf import settings
from django.core.management import call_command
from core.models import Municipality
from toolbox.models import Topic
if settings.CACHE_URL.startswith("db://"):
    call_command("createcachetable")
Municipality(name="Testrup Kommune", contact_email="a@b.dk", phone="1", address="Vej 1",
             accessibility_statement_url="https://example.dk/was", privacy_notice="P").save()
Topic.objects.create(name_da="Forsikring", slug="forsikring", position=1)
call_command("createsuperuser", "--noinput", "--username", "redaktoer", "--email", "r@example.dk")
"""


@contextlib.contextmanager
def redis_server():
    if not shutil.which("redis-server"):
        pytest.fail("redis-server is not installed: `make test` installs it (apt-get install "
                    "redis-server).")
    import redis

    port = free_port()
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        client = redis.Redis(port=port)
        for _ in range(100):
            try:
                client.ping()
                break
            except redis.ConnectionError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextlib.contextmanager
def database_cache():
    yield "db://portal_cache"


def admin_rename_topic(base: str, old_name: str, new_name: str) -> None:
    """Log in to server A's admin and rename the topic, as an editor would."""
    browser = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def form_token(path):
        with browser.open(base + path) as response:
            html = response.read().decode()
        return html, re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    def post(path, data):
        _, token = form_token(path)
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        with browser.open(base + path, body) as response:
            return response.geturl(), response.read().decode()

    url, _ = post("/admin/login/?next=/admin/", {"username": "redaktoer",
                                                  "password": "et-langt-kodeord-2026"})
    assert url.endswith("/admin/"), url
    changelist, _ = form_token("/admin/toolbox/topic/")
    assert old_name in changelist
    url, html = post("/admin/toolbox/topic/1/change/", {
        "name_da": new_name, "name_en": "", "slug": "forsikring", "description_da": "",
        "description_en": "", "position": "1"})
    assert url.endswith("/admin/toolbox/topic/"), html[:2000]


@pytest.mark.parametrize("shared_cache", [redis_server, database_cache], ids=["redis", "db"])
def test_an_edit_through_one_server_shows_at_once_on_the_other(tmp_path, monkeypatch,
                                                               shared_cache):
    with throwaway_postgres(migrated=True) as (_, url), shared_cache() as cache_url:
        # Both servers (and every command) share the database, the cache and the secret key.
        monkeypatch.setenv("CACHE_URL", cache_url)
        monkeypatch.setenv("DJANGO_SECRET_KEY", SECRET)
        monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "et-langt-kodeord-2026")
        collect_static(url, data_dir=tmp_path)
        manage(url, "shell", "-c", SETUP, data_dir=tmp_path)
        # Two processes with memories of their own (the same folder only for collected static),
        # started side by side.
        with gunicorns(url, data_dir=tmp_path, count=2) as (server_a, server_b):
            for base in (server_a, server_b, server_b):
                status, headers, body = get(base + "/vaerktoejskasse/")
                assert status == 200 and "Forsikring" in body
            assert headers["X-Page-Cache"] == "hit"  # B's second visit came from the cache

            admin_rename_topic(server_a, "Forsikring", "Forsikring og ansvar")

            status, headers, body = get(server_b + "/vaerktoejskasse/")
            assert "Forsikring og ansvar" in body and headers["X-Page-Cache"] == "miss"
            assert "Forsikring og ansvar" in get(server_a + "/vaerktoejskasse/")[2]
