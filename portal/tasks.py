"""The portal's scheduled job, run by the intake's worker (docs/intake.md)."""

from django.core.management import call_command

from core.search import rebuild_search_words
from intake.worker import app


@app.periodic(cron="30 1 * * *", periodic_id="nightly")
@app.task(name="portal.prune_history", queueing_lock="portal.prune_history")
def prune_history(timestamp: int) -> None:
    """Nightly: delete audit-trail versions older than HISTORY_RETENTION_DAYS. The command
    holds the logic (and stays for running it by hand)."""
    call_command("prune_history")


@app.periodic(cron="7 * * * *", periodic_id="hourly")
@app.task(name="portal.rebuild_search_words", queueing_lock="portal.rebuild_search_words")
def rebuild_search_words_hourly(timestamp: int) -> int:
    """Hourly: the words of the public content, for the search's "Did you mean …?"
    (core/search.py)."""
    return rebuild_search_words()
