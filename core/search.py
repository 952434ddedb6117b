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

import nh3
from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db.models import F, GeneratedField, TextField, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe


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


# PostgreSQL text-search configuration per interface language.
SEARCH_CONFIGS = {"da": "danish", "en": "english"}
# Private-use characters mark the matches in a PostgreSQL headline (its StartSel and StopSel):
# the text is escaped first and only then are they made <mark>, so nothing else becomes markup.
MARK_START, MARK_STOP = "\ue000", "\ue001"


def marked_html(text: str) -> SafeString:
    """`text` with its matches between MARK_START and MARK_STOP as safe HTML: escaped, with
    only <mark> let through."""
    html = escape(text).replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>")
    return mark_safe(nh3.clean(html, tags={"mark"}, attributes={}))  # noqa: S308 - cleaned


def translated_text(field: str, language: str):
    """`field` in `language` for a search document: the Danish text where it has no
    translation, since that is what an English page shows."""
    if language == "da":
        return Coalesce(F(f"{field}_da"), Value(""), output_field=TextField())
    return Coalesce(NullIf(F(f"{field}_{language}"), Value(""), output_field=TextField()),
                    F(f"{field}_da"), Value(""), output_field=TextField())


def search_document(language: str, fields, *, unstemmed: bool = False):
    """A weighted tsvector of `fields` ((name, weight) pairs) for a stored generated column.

    `unstemmed` adds a `simple` copy, so a half-typed word matches as a prefix whether or not
    the stemmer would have cut it.
    """
    vector = None
    for config in (SEARCH_CONFIGS[language], *(["simple"] if unstemmed else [])):
        for field, weight in fields:
            part = SearchVector(translated_text(field, language), config=config, weight=weight)
            vector = part if vector is None else vector + part
    return vector


def search_vector_field(language: str, fields, *, unstemmed: bool = False):
    """A stored generated column holding `search_document(...)`: PostgreSQL keeps it up to
    date, so bulk edits and imports never leave search stale, and a search reads it instead of
    parsing every row's text again."""
    return GeneratedField(expression=search_document(language, fields, unstemmed=unstemmed),
                          output_field=SearchVectorField(), db_persist=True, editable=False)
