from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from indicators import files
from indicators.models import Indicator
from indicators.services import ObservationImportError, observations_import, observations_validate


class Command(BaseCommand):
    help = (
        "Import an indicator's figures from a CSV or XLSX file (columns: period, breakdown, "
        "value, status, note_da, note_en). Every row is checked first; nothing is saved if any "
        "row is wrong. Existing figures for the same period and breakdown are updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("indicator", help="The indicator's slug.")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true",
                            help="Check the file and show what would change; save nothing.")

    def handle(self, *args, indicator, file, dry_run, **options):
        try:
            target = Indicator.objects.get(slug=indicator)
        except Indicator.DoesNotExist:
            raise CommandError(f"No indicator with the slug {indicator!r}.") from None
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        if file.stat().st_size > files.MAX_UPLOAD_BYTES:
            raise CommandError("The file is larger than 2 MB.")
        try:
            rows = files.read_rows(file.read_bytes())
            if dry_run:
                planned = observations_validate(indicator=target, rows=rows)
                for action in ("new", "changed", "unchanged"):
                    count = sum(p.action == action for p in planned)
                    self.stdout.write(f"{action}: {count}")
                return
            summary = observations_import(indicator=target, rows=rows)
        except files.FileProblem as problem:
            raise CommandError(str(problem)) from None
        except ObservationImportError as error:
            raise CommandError("Nothing was saved.\n" + "\n".join(map(str, error.errors))) from None
        self.stdout.write(self.style.SUCCESS(
            f"{summary.created} created, {summary.updated} updated, "
            f"{summary.unchanged} unchanged."))
