import datetime
import os
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core.pgtools import pg_env, pg_tool


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the uploaded files into one folder: "
        "database.dump and media.tar.gz. Restore with `manage.py restore FOLDER`."
    )

    def add_arguments(self, parser):
        default = settings.DATA_DIR / "backups" / datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
        parser.add_argument("--output", type=Path, default=default, help="Folder to create.")

    def handle(self, *args, output: Path, **options):
        if output.exists() and any(output.iterdir()):
            raise CommandError(f"{output} exists and is not empty; choose a new folder.")
        output.mkdir(parents=True, exist_ok=True)
        database = settings.DATABASES["default"]
        result = subprocess.run(
            [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             "--file", str(output / "database.dump"), database["NAME"]],
            env={**os.environ, **pg_env(database)}, capture_output=True, text=True,
        )
        if result.returncode:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        with tarfile.open(output / "media.tar.gz", "w:gz") as archive:
            if Path(settings.MEDIA_ROOT).exists():
                archive.add(settings.MEDIA_ROOT, arcname="media")
        self.stdout.write(self.style.SUCCESS(f"Backup written to {output}"))
