"""Site search: each app offers a provider; the search page asks them all.

Providers are listed in settings.SEARCH_PROVIDERS as dotted paths, so apps never import each
other for search (dependencies stay one-way: indicators -> policy -> toolbox).

A provider is any object with
    label: str                                    (e.g. _("Guides"))
    def search(self, query: str, language: str, *, limit: int) -> list[SearchHit]
which returns only content the public may see, best match first.
"""

from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class SearchHit:
    title: str
    url: str
    snippet: SafeString  # highlighted excerpt, already escaped/safe
    kind: str            # what the hit is, shown to the reader ("Vejledning", "Tema" …)
    rank: float


@cache
def providers() -> list:
    return [import_string(path)() for path in settings.SEARCH_PROVIDERS]
