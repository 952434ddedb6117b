"""What a reader types into a public form reaches neither the page cache nor the log
(SECURITY.md PII-02)."""

import logging
import pickle

import pytest
from django.core.cache import caches

from portal.launch import ACCESS_LOG_FORMAT
from tests.factories import GuideFactory
from tests.helpers import public_form_data

pytestmark = pytest.mark.django_db

GUIDE = "/vaerktoejskasse/vejledninger/hjaelp/"
SECRET = "anna.hemmelig@borger.example"


def _everything_cached() -> bytes:
    return b"".join(pickle.dumps(dict(cache._cache)) for cache in caches.all())


def test_a_refused_form_shows_the_readers_text_to_them_only(client, municipality, caplog):
    GuideFactory(slug="hjaelp")
    client.get(GUIDE)  # the page is in the cache
    caplog.set_level(logging.DEBUG)
    # No answer chosen: the page comes back with the comment as typed, for this reader.
    response = client.post(GUIDE + "tilbagemelding/", public_form_data({"comment": SECRET}))
    assert response.status_code == 400
    assert SECRET in response.content.decode()
    assert SECRET.encode() not in _everything_cached()
    assert SECRET not in caplog.text
    # The next reader gets the cached page, without it.
    assert SECRET not in client.get(GUIDE).content.decode()


def test_the_access_log_format_leaves_out_address_query_referrer_and_browser():
    # gunicorn's atoms: h address, q and r (the request line) carry the query string,
    # f referrer, a user agent.
    for atom in ("%(h)s", "%(q)s", "%(r)s", "%(f)s", "%(a)s", "%({"):
        assert atom not in ACCESS_LOG_FORMAT
    assert "%(U)s" in ACCESS_LOG_FORMAT and "%(s)s" in ACCESS_LOG_FORMAT
