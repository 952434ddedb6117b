from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand

from core.apps import content_apps
from portal.translations import needs_compiling


class Command(BaseCommand):
    help = (
        "Compile every .po file to .mo without GNU gettext, so a fresh machine with only "
        "Python can serve the Danish interface."
    )

    def handle(self, *args, **options):
        # Only the project's own catalogues: third-party packages ship compiled ones.
        roots = [Path(p) for p in settings.LOCALE_PATHS]
        roots += [Path(config.path) / "locale"
                  for config in [*content_apps(), apps.get_app_config("portal")]]
        count = 0
        for root in roots:
            for po_path in root.glob("*/LC_MESSAGES/*.po"):
                if not needs_compiling(po_path):
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
                count += 1
        self.stdout.write(f"Compiled {count} translation file(s).")
