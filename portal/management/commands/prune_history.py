import datetime

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Delete versions in the audit trail older than HISTORY_RETENTION_DAYS "
        "(DJANGO_HISTORY_RETENTION_DAYS; 0 keeps everything). The worker runs it nightly "
        "(portal/tasks.py); this is for by hand."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        days = settings.HISTORY_RETENTION_DAYS
        if not days:
            self.stdout.write("Retention is 0: every version is kept.")
            return
        cutoff = timezone.now() - datetime.timedelta(days=days)
        total = 0
        with transaction.atomic():
            for model in apps.get_models():
                if model.__name__.startswith("Historical") and hasattr(model, "history_date"):
                    old = model.objects.filter(history_date__lt=cutoff)
                    total += old.count() if dry_run else old.delete()[0]
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(self.style.SUCCESS(f"{total} versions older than {days} days {verb}."))
