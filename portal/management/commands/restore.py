import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.pgtools import pg_env, pg_tool


class Command(BaseCommand):
    help = (
        "Restore a folder written by `manage.py backup` into the configured database and media "
        "folder. Existing content is replaced."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)
        parser.add_argument("--yes", action="store_true", help="Do not ask for confirmation.")

    def handle(self, *args, folder: Path, yes: bool, **options):
        dump, media = folder / "database.dump", folder / "media.tar.gz"
        if not dump.exists() or not media.exists():
            raise CommandError(f"{folder} does not hold database.dump and media.tar.gz.")
        database = settings.DATABASES["default"]
        if not yes and input(f"Replace everything in database {database['NAME']}? [y/N] ") != "y":
            raise CommandError("Nothing restored.")
        result = subprocess.run(
            [pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
             "--single-transaction", "--dbname", database["NAME"], str(dump)],
            env={**os.environ, **pg_env(database)}, capture_output=True, text=True,
        )
        if result.returncode:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        media_root = Path(settings.MEDIA_ROOT)
        staging = media_root.with_name(media_root.name + ".restoring")
        shutil.rmtree(staging, ignore_errors=True)
        with tarfile.open(media) as archive:
            archive.extractall(staging, filter="data")
        shutil.rmtree(media_root, ignore_errors=True)
        if (staging / "media").exists():
            (staging / "media").rename(media_root)
        shutil.rmtree(staging, ignore_errors=True)
        self.stdout.write(self.style.SUCCESS(f"Restored {folder}"))
