"""The toolbox's scheduled job, run by the intake's worker (docs/intake.md)."""

import datetime

from django.utils import timezone

from intake.worker import app
from toolbox import services


@app.periodic(cron="0 6 1 * *", periodic_id="monthly")
@app.task(name="toolbox.send_review_reminders", queueing_lock="toolbox.send_review_reminders")
def send_review_reminders(timestamp: int) -> int:
    """Monthly, on the 1st: e-mail each owner the guides and rules whose review is due."""
    when = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC) if timestamp else None
    return services.review_reminders_send(today=timezone.localdate(when))
