from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction


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
        # django-simple-history's own command does the work, for every tracked model; this one
        # only brings the retention from the settings and deletes all or nothing.
        with transaction.atomic():
            call_command("clean_old_history", auto=True, days=days, dry=dry_run,
                         stdout=self.stdout, verbosity=options["verbosity"])
