import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Order matters: policy links to guides, indicators link to policy themes.
DEMO_MODULES = ["core.demo", "toolbox.demo", "volunteering.demo", "places.demo",
                "policy.demo",
                "indicators.demo"]


class Command(BaseCommand):
    help = (
        "Create the demo content (Ballerup Kommune) where it is missing. Existing records are "
        "left as staff edited them, so running it again changes nothing."
    )

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as error:
                if error.name != name:
                    raise
                continue
            if not hasattr(module, "load"):  # a folder of content files, loader still to come
                continue
            with transaction.atomic():
                module.load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
