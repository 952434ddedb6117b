"""The intake's jobs: sending one e-mail, and the daily deletion of expired personal data."""

import datetime
import logging

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from procrastinate import JobContext, sql
from procrastinate.contrib.django.django_connector import DjangoConnector

from intake import mail, personal_data
from intake.worker import MailRetry, app

log = logging.getLogger(__name__)


def _fresh_connection(func):
    """A worker thread keeps its database connection between jobs: drop one that is broken or
    past CONN_MAX_AGE before and after each job, as Django does around a request. (Not inside
    a transaction: a test, or a caller that runs the job directly.)"""
    def tidy():
        if not connection.in_atomic_block:
            close_old_connections()

    def wrapper(*args, **kwargs):
        tidy()
        try:
            return func(*args, **kwargs)
        finally:
            tidy()

    wrapper.__name__ = func.__name__
    wrapper.__qualname__ = func.__qualname__
    wrapper.__module__ = func.__module__
    wrapper.__doc__ = func.__doc__
    return wrapper


@app.task(name="intake.send_delivery", queue="mail", pass_context=True, retry=MailRetry())
@_fresh_connection
def send_delivery(context: JobContext, *, delivery_id: int) -> None:
    mail.deliver(delivery_id, attempt=context.job.attempts + 1)


@app.periodic(cron="45 1 * * *", periodic_id="daily")
@app.task(name="intake.purge_personal_data", queueing_lock="intake.purge_personal_data")
@_fresh_connection
def purge_personal_data(timestamp: int) -> dict[str, int]:
    """Daily: every registered holder deletes what is past its retention (the limiter's
    counters and old deliveries included), and finished queue jobs older than the deliveries'
    retention go too."""
    now = (datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC) if timestamp
           else timezone.now())
    counts = personal_data.purge_expired(now)
    hours = 24 * getattr(settings, "INTAKE_DELIVERY_RETENTION_DAYS", 30)
    # procrastinate's own query, through Django's connection: the job manager's method is
    # async, and this job runs in a worker thread.
    DjangoConnector().execute_query(
        query=sql.queries["delete_old_jobs"], nb_hours=hours, queue=None,
        statuses=["succeeded", "failed", "cancelled", "aborted"],
    )
    log.info("Expired personal data deleted: %s", counts)  # labels and counts only
    return counts
