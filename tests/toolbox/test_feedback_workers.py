"""The feedback limit holds across gunicorn workers (issue 12.7): with two workers, each with a
locmem cache of its own, 20 answers from one address for one guide give exactly 5 accepted."""

import concurrent.futures
import re
import urllib.error
import urllib.parse
import urllib.request

import psycopg
import pytest

from tests.servers import collect_static, gunicorn, manage, throwaway_postgres

pytestmark = pytest.mark.slow

SETUP = """
import datetime
from core.models import Municipality
from toolbox.models import Guide
Municipality(name="Testrup Kommune", contact_email="a@b.dk", phone="1", address="Vej 1",
             accessibility_statement_url="https://example.dk/was", privacy_notice="P").save()
Guide.objects.create(title_da="Hjælp", slug="hjaelp", summary_da="Kort.", body_da="Tekst.",
                     legal_basis_da="Serviceloven § 18", status=Guide.Status.PUBLISHED,
                     reviewed_on=datetime.date.today())
"""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_twenty_answers_from_one_address_through_two_workers_give_five(tmp_path, monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "feedback-workers-secret-" + "x" * 40)
    monkeypatch.setenv("CACHE_URL", "locmem://")
    # The answers come straight after the page; the minimum fill-in time is tested elsewhere.
    monkeypatch.setenv("INTAKE_MIN_SECONDS", "0")
    with throwaway_postgres(migrated=True) as (_, url):
        collect_static(url, data_dir=tmp_path)
        manage(url, "shell", "-c", SETUP, data_dir=tmp_path)
        with gunicorn(url, data_dir=tmp_path, workers=2) as base:
            with urllib.request.urlopen(base + "/vaerktoejskasse/vejledninger/hjaelp/") as page:
                cookie = page.headers["Set-Cookie"].split(";")[0]
                html = page.read().decode()
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
                started = re.search(r'name="started" value="([^"]+)"', html).group(1)
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "started": started,
                                           "is_useful": "yes"}).encode()
            opener = urllib.request.build_opener(_NoRedirect)

            def answer(_):
                request = urllib.request.Request(
                    base + "/vaerktoejskasse/vejledninger/hjaelp/tilbagemelding/", body,
                    headers={"Cookie": cookie})
                try:
                    with opener.open(request, timeout=30) as response:
                        return response.status
                except urllib.error.HTTPError as error:
                    return error.code

            # Several at a time, so both workers answer (and race each other).
            with concurrent.futures.ThreadPoolExecutor(4) as pool:
                statuses = list(pool.map(answer, range(20)))
        assert sorted(statuses) == [302] * 5 + [429] * 15, statuses
        assert stored_feedback(url) == 5


def stored_feedback(url: str) -> int:
    """The rows in the server's database, read with a plain connection (a `manage.py shell`
    for the count started Django again: about 2.5 s of CPU)."""
    with psycopg.connect(url) as connection:
        return connection.execute("SELECT count(*) FROM toolbox_feedback").fetchone()[0]
