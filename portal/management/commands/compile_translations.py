from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand


PROJECT_APPS = ["core", "portal", "toolbox", "volunteering", "places", "policy", "indicators"]


class Command(BaseCommand):
    help = (
        "Compile every .po file to .mo without GNU gettext, so a fresh machine with only "
        "Python can serve the Danish interface."
    )

    def handle(self, *args, **options):
        # Only the project's own catalogues: third-party packages ship compiled ones.
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += [settings.BASE_DIR / app / "locale" for app in PROJECT_APPS]
        count = 0
        for root in roots:
            for po_path in root.glob("*/LC_MESSAGES/*.po"):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                count += 1
        self.stdout.write(f"Compiled {count} translation file(s).")
