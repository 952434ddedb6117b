from django.core.management.base import BaseCommand

from indicators.services import computed_indicators_refresh


class Command(BaseCommand):
    help = (
        "Recalculate the indicators the portal computes from its own data: the share of guide "
        "readers who found a guide useful (per quarter) and the share of action points done "
        "(the current quarter). The worker runs it daily (indicators/tasks.py); this is for "
        "running it by hand."
    )

    def handle(self, *args, **options):
        for slug, changed in computed_indicators_refresh().items():
            self.stdout.write(f"{slug}: {changed} figure(s) changed")
        self.stdout.write(self.style.SUCCESS("Computed indicators are up to date."))
