"""The task queue: procrastinate on the portal's own PostgreSQL.

No new server to run: jobs are rows in the database (the schema comes with the migrations of
`procrastinate.contrib.django`), deferred through Django's connection, so a job deferred inside
`transaction.atomic()` exists exactly when the transaction commits. Any number of workers on any
number of machines share the table (`manage.py procrastinate worker`, see docs/intake.md).

Apps define their scheduled jobs in their own `tasks.py` (autodiscovered) with `app` from here.
"""

from django.conf import settings
from procrastinate import BaseRetryStrategy, RetryDecision
from procrastinate.contrib.django import app

__all__ = ["app", "MailRetry"]


class MailRetry(BaseRetryStrategy):
    """Exponential back-off: INTAKE_MAIL_RETRY_SECONDS, then twice as long each time.

    Read from the settings when a job fails rather than when the task is defined, so the tests
    (and an operator) can change it. With the defaults (60 s, 12 attempts) a message is tried for
    about a day and a half before it is marked failed.
    """

    def get_retry_decision(self, *, exception, job):
        attempts_made = job.attempts + 1
        if attempts_made >= max_attempts():
            return None
        return RetryDecision(retry_in={"seconds": first_wait() * 2 ** job.attempts})


def max_attempts() -> int:
    return getattr(settings, "INTAKE_MAIL_MAX_ATTEMPTS", 12)


def first_wait() -> int:
    return getattr(settings, "INTAKE_MAIL_RETRY_SECONDS", 60)
