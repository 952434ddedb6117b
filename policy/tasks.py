"""The policy's scheduled job, run by the intake's worker (docs/intake.md, docs/process.md)."""

import datetime

from django.utils import timezone

from intake.worker import app
from policy import services


@app.periodic(cron="0 7 * * *", periodic_id="daily")
@app.task(name="policy.send_meeting_reminders", queueing_lock="policy.send_meeting_reminders")
def send_meeting_reminders(timestamp: int) -> int:
    """Daily at 07:00 UTC (08:00 or 09:00 in Denmark): remind everyone with a place at a meeting
    held tomorrow."""
    when = datetime.datetime.fromtimestamp(timestamp, tz=datetime.UTC) if timestamp else None
    return services.meeting_reminders_send(today=timezone.localdate(when))
