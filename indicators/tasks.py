"""The indicators' scheduled job, run by the intake's worker (docs/intake.md)."""

from intake.worker import app
from indicators.services import computed_indicators_refresh


@app.periodic(cron="15 2 * * *", periodic_id="daily")
@app.task(name="indicators.refresh_computed", queueing_lock="indicators.refresh_computed")
def refresh_computed_indicators(timestamp: int) -> dict[str, int]:
    """Daily: recalculate the indicators the portal computes from its own data."""
    return computed_indicators_refresh()
