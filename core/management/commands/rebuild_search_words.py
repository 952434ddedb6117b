from django.core.management.base import BaseCommand

from core.search import rebuild_search_words


class Command(BaseCommand):
    help = ("Rebuild the list of public words that the search compares a mistyped word with "
            "(the worker does it after content changes and nightly).")

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild_search_words()} words.")
