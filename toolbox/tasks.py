"""The toolbox's jobs on the intake's worker (docs/intake.md): the monthly review reminder, and
the alert e-mails after a major change (docs/subscriptions.md)."""

import datetime

from django.utils import timezone

from intake.worker import app
from toolbox import services, subscriptions


@app.periodic(cron="0 6 1 * *", periodic_id="monthly")
@app.task(name="toolbox.send_review_reminders", queueing_lock="toolbox.send_review_reminders")
def send_review_reminders(timestamp: int) -> int:
    """Monthly, on the 1st: e-mail each owner the guides and rules whose review is due."""
    when = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC) if timestamp else None
    return services.review_reminders_send(today=timezone.localdate(when))


@app.task(name="toolbox.send_change_notices", queue="mail", retry=3)
def send_change_notices(*, note_ids: list[int], after: str = "") -> int:
    """After an editor saved a major change: queue the alert e-mails for one batch of
    addresses (TOOLBOX_CHANGE_BATCH) and, when more follow, the job for the next batch."""
    queued, _last = subscriptions.change_notices_send(note_ids=note_ids, after=after)
    return queued
