"""The one limiter for every public form: attempts per client per window, shared by all servers.

    if not hit_for_request(request, f"toolbox.feedback:{guide.pk}", limit=5, per_seconds=3600):
        ...  # answer 429 with a message

Counted in PostgreSQL (table core_ratelimitcounter), not in Django's cache: with the default
locmem:// cache each gunicorn worker would count on its own (3 workers let 15 answers through a
limit of 5), and the database is the one store every worker and server is sure to share. One
statement counts atomically (INSERT ... ON CONFLICT DO UPDATE ... RETURNING), so concurrent
requests can neither both read the same count nor lose an increment.

Hand-written because no maintained library counts atomically in PostgreSQL: django-ratelimit
4.1 counts in a Django cache (per worker with locmem; Django's DatabaseCache implements incr as
a read followed by a write, so two workers can both read 4 and both write 5), and
django-axes is for logins only.

The window slides (the usual two-window estimate): the count of the current fixed window plus
the previous window's count weighted by the share of it that still lies within `per_seconds`.
So a client cannot send `limit` attempts at the end of one window and `limit` more at the start
of the next. Every attempt counts, refused ones too: a client that keeps hammering stays refused.
Time comes from the database's clock, so servers with skewed clocks agree on the window.

The key usually holds personal data (an IP address): only a keyed hash of it is stored
(salted_hmac with SECRET_KEY), and rows are deleted two windows after they began by
`prune_expired()` (run by `manage.py prune_ratelimits`, and now and then by `hit` itself).
"""

import random

from django.db import connection
from django.utils.crypto import salted_hmac

from core.clientip import client_ip
from core.models import RateLimitCounter

# One hit in this many also deletes expired rows; an index on expires_at makes that cheap.
PRUNE_EVERY = 200

_TABLE = RateLimitCounter._meta.db_table

_HIT_SQL = f"""
WITH w AS (
    SELECT to_timestamp(floor(extract(epoch FROM now()) / %(per)s) * %(per)s) AS start,
           mod(extract(epoch FROM now()), %(per)s) / %(per)s AS elapsed
), counted AS (
    INSERT INTO {_TABLE} AS c (scope, key_hash, window_start, count, expires_at)
    SELECT %(scope)s, %(key)s, w.start, 1, w.start + make_interval(secs => 2 * %(per)s) FROM w
    ON CONFLICT (scope, key_hash, window_start) DO UPDATE SET count = c.count + 1
    RETURNING c.count
)
SELECT counted.count,
       coalesce((SELECT p.count FROM {_TABLE} p
                 WHERE p.scope = %(scope)s AND p.key_hash = %(key)s
                   AND p.window_start = w.start - make_interval(secs => %(per)s)), 0),
       w.elapsed
FROM counted, w
"""


def key_hash(scope: str, key: str) -> str:
    return salted_hmac(f"core.ratelimit:{scope}", key, algorithm="sha256").hexdigest()


def hit(scope: str, key: str, *, limit: int, per_seconds: int) -> bool:
    """Count one attempt for (scope, key) in the current window; True if still within limit."""
    if limit < 1 or per_seconds < 1:
        raise ValueError("limit and per_seconds must be at least 1")
    if len(scope) > RateLimitCounter._meta.get_field("scope").max_length:
        raise ValueError(f"scope too long: {scope!r}")
    with connection.cursor() as cursor:
        cursor.execute(_HIT_SQL, {"scope": scope, "key": key_hash(scope, key),
                                  "per": per_seconds})
        current, previous, elapsed = cursor.fetchone()
    if random.randrange(PRUNE_EVERY) == 0:
        prune_expired()
    return previous * (1 - float(elapsed)) + current <= limit


def hit_for_request(request, scope: str, *, limit: int, per_seconds: int) -> bool:
    """`hit` for the client that sent the request (its address, as core.clientip reads it)."""
    return hit(scope, client_ip(request), limit=limit, per_seconds=per_seconds)


def prune_expired() -> int:
    """Delete the windows that can no longer count; returns how many rows went."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_TABLE} WHERE expires_at < now()")
        return cursor.rowcount
