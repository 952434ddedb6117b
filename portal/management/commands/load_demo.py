import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from core.apps import content_apps
from core.search import rebuild_search_words


class Command(BaseCommand):
    help = (
        "Create the demo content (Ballerup Kommune) where it is missing. Existing records are "
        "left as staff edited them, so running it again changes nothing."
    )

    def handle(self, *args, **options):
        # Lower layers first: policy links to guides, indicators link to policy themes.
        for name in [f"{config.name}.demo" for config in content_apps()]:
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
        rebuild_search_words()  # what "Did you mean …?" compares with (core/search.py)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
