"""The shared limiter, against the real PostgreSQL the tests run on."""

import datetime
import math
import threading

import pytest
from django.db import connection, connections
from django.test import RequestFactory
from django.utils import timezone

from core import ratelimit
from core.models import RateLimitCounter

pytestmark = pytest.mark.django_db


def test_the_limit_holds_and_the_attempts_over_it_are_refused():
    results = [ratelimit.hit("test.form", "203.0.113.5", limit=3, per_seconds=3600)
               for _ in range(6)]
    assert results == [True, True, True, False, False, False]


def test_scopes_and_keys_are_counted_apart():
    for _ in range(2):
        ratelimit.hit("test.form", "203.0.113.5", limit=2, per_seconds=3600)
    assert not ratelimit.hit("test.form", "203.0.113.5", limit=2, per_seconds=3600)
    assert ratelimit.hit("test.form", "203.0.113.6", limit=2, per_seconds=3600)
    assert ratelimit.hit("test.other", "203.0.113.5", limit=2, per_seconds=3600)


def test_only_a_keyed_hash_of_the_address_is_stored():
    ratelimit.hit("test.form", "203.0.113.5", limit=3, per_seconds=3600)
    row = RateLimitCounter.objects.values().get()
    assert "203.0.113.5" not in str(row)
    assert row["key_hash"] == ratelimit.key_hash("test.form", "203.0.113.5")
    assert len(row["key_hash"]) == 64 and row["count"] == 1


def test_the_previous_window_still_counts_for_the_part_that_lies_within_the_period():
    # A burst at the end of the previous window: the new window is barely started, so almost
    # all of it still counts and the client cannot send another full limit at once.
    hit = ratelimit.hit("test.form", "a", limit=5, per_seconds=3600)
    assert hit
    current = RateLimitCounter.objects.get()
    RateLimitCounter.objects.create(
        scope="test.form", key_hash=current.key_hash, count=5,
        window_start=current.window_start - datetime.timedelta(seconds=3600),
        expires_at=current.expires_at - datetime.timedelta(seconds=3600))
    with connection.cursor() as cursor:
        cursor.execute("SELECT mod(extract(epoch FROM now()), 3600) / 3600")
        elapsed = float(cursor.fetchone()[0])
    allowed = 0
    while ratelimit.hit("test.form", "a", limit=5, per_seconds=3600):
        allowed += 1
    # 5 * (1 - elapsed) of the old window still counts, plus the first hit above: a fixed
    # window would have let 4 more through.
    assert allowed == max(0, math.floor(5 * elapsed) - 1)
    assert allowed < 4


def test_prune_deletes_only_windows_that_can_no_longer_count():
    ratelimit.hit("test.form", "current", limit=3, per_seconds=60)
    RateLimitCounter.objects.create(
        scope="test.form", key_hash="old", count=3,
        window_start=timezone.now() - datetime.timedelta(minutes=10),
        expires_at=timezone.now() - datetime.timedelta(minutes=8))
    assert ratelimit.prune_expired() == 1
    assert list(RateLimitCounter.objects.values_list("key_hash", flat=True)) == [
        ratelimit.key_hash("test.form", "current")]


def test_prune_command(capsys):
    from django.core.management import call_command

    RateLimitCounter.objects.create(
        scope="test.form", key_hash="old", count=3, window_start=timezone.now(),
        expires_at=timezone.now() - datetime.timedelta(seconds=1))
    call_command("prune_ratelimits")
    assert "1 expired counters deleted." in capsys.readouterr().out
    assert not RateLimitCounter.objects.exists()


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        ratelimit.hit("test.form", "a", limit=0, per_seconds=60)
    with pytest.raises(ValueError):
        ratelimit.hit("x" * 101, "a", limit=1, per_seconds=60)


def test_hit_for_request_counts_the_client_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    factory = RequestFactory()

    def request(forwarded):
        return factory.post("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert ratelimit.hit_for_request(request("1.1.1.1, 198.51.100.7"), "test.form",
                                     limit=1, per_seconds=60)
    # A different first entry, which the client chooses, is the same client.
    assert not ratelimit.hit_for_request(request("2.2.2.2, 198.51.100.7"), "test.form",
                                         limit=1, per_seconds=60)
    assert ratelimit.hit_for_request(request("198.51.100.8"), "test.form",
                                     limit=1, per_seconds=60)


@pytest.mark.django_db(transaction=True)
def test_concurrent_hits_from_many_connections_never_let_more_through_than_the_limit():
    results, barrier = [], threading.Barrier(8)

    def attempt():
        try:
            barrier.wait()
            for _ in range(5):
                results.append(ratelimit.hit("test.race", "203.0.113.5", limit=7,
                                             per_seconds=3600))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 40 and results.count(True) == 7
    assert RateLimitCounter.objects.get(scope="test.race").count == 40
