"""Site search: each app offers a provider; the search page asks them all.

Providers are listed in settings.SEARCH_PROVIDERS as dotted paths, so apps never import each
other for search (dependencies stay one-way: indicators -> policy -> toolbox).

A provider is any object with
    label: str                                    (e.g. _("Guides"))
    def search(self, query: str, language: str, *, limit: int) -> list[SearchHit]
which returns only content the public may see, best match first.
"""

import re
from dataclasses import dataclass
from functools import cache

import nh3
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField
from django.db import connection, transaction
from django.db.models import F, Func, GeneratedField, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils.html import escape
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString, mark_safe

from core.models import SearchWord
from core.search_text import fold, search_words, spellings


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


class WordsQuery(SearchQuery):
    """The tsquery for a reader's words, the same in every provider: each word matches itself
    or a word it begins, stemmed and unstemmed, in each of its æ/ø/å spellings, and as each
    synonym staff entered for it (core.SearchSynonym); a word found nowhere in the public text
    (core.SearchWord) also matches the nearest word there by trigram similarity, so
    "forsikrng" finds "forsikring". Built in PostgreSQL by `core_search_tsquery()` once per
    query (a sub-select): no extra round trip, whatever the words.

    `any_word` joins the words with OR instead of AND (for ranking).
    """

    def __init__(self, words: list[str], language: str, *, any_word: bool = False):
        self.words, self.language, self.any_word = list(words), language, any_word
        super().__init__(" ".join(self.words), config=SEARCH_CONFIGS[language],
                         search_type="raw")

    def as_sql(self, compiler, connection, **extra_context):
        return ("(SELECT core_search_tsquery(%s::regconfig, %s, %s::text[], %s::text[], %s))",
                [SEARCH_CONFIGS[self.language], self.language,
                 ["|".join(spellings(word)) for word in self.words],
                 [fold(word) for word in self.words], "|" if self.any_word else "&"])


def words_query(text: str, language: str, *, any_word: bool = False) -> WordsQuery | None:
    """The query for what a reader typed in a page of `language`; None when it has no words."""
    words = search_words(text)
    language = language if language in SEARCH_CONFIGS else "da"
    return WordsQuery(words, language, any_word=any_word) if words else None


def suggestion(text: str, language: str):
    """An expression for the reader's words with each one found nowhere in the public text
    replaced by the nearest word there (NULL when every word is known): the "Did you mean …?"
    shown beside results that `words_query()` found through those corrections."""
    words = search_words(text)
    return RawSQL("(SELECT core_search_suggestion(%s, %s::text[], %s::text[]))",
                  [language, words, [fold(word) for word in words]], output_field=TextField())


# Markup a snippet must not show, taken out of the text before ts_headline picks passages:
# (pattern, replacement, flags) for PostgreSQL's regexp_replace.
_READABLE = (
    (r"\[\[[^]]*\]\]", "…", "g"),                         # [[regel:…]] and other tokens
    (r"!?\[([^]]*)\]\([^)]*\)", "\\1", "g"),              # [text](address) -> text
    (r"^[ \t]*(#{1,6}|>|[-*+]|[0-9]+[.)])[ \t]+", "", "gn"),  # headings, quotes, list marks
    (r"^[ \t]*\|?[ \t:|-]*-[ \t:|-]*$", "", "gn"),          # a table's rule line
    (r"[*`|]+|(^|[^[:alnum:]])_+|_+([^[:alnum:]]|$)", "\\1\\2", "g"),  # emphasis, pipes
)


def readable_text(expression):
    """`expression` (Markdown) as the text a reader sees, for a search snippet: no tokens,
    no list dashes, asterisks or link syntax."""
    for pattern, replacement, flags in _READABLE:
        expression = Func(expression, Value(pattern), Value(replacement), Value(flags),
                          function="regexp_replace", output_field=TextField())
    return expression


def public_texts(queryset, language: str, fields):
    """The text of `fields` of each row, in `language` (Danish where it has no translation),
    for a provider's vocabulary."""
    parts = []
    for field in fields:
        parts += [translated_text(field, language), Value(" ")]
    return (queryset.order_by().annotate(search_text=Concat(*parts, output_field=TextField()))
            .values_list("search_text", flat=True).iterator(chunk_size=500))


_LEXICON_WORD = re.compile(r"[^\W\d_]{2,40}")


def rebuild_search_words() -> int:
    """Replace the word list with the words of every provider's public text; returns how many.

    Run after the demo content is loaded, by the worker every hour (portal/tasks.py), and by
    `manage.py rebuild_search_words`. Until then a new word is found all the same (a
    correction is only ever added beside the typed word, never in its place)."""
    rows = {}
    for provider in providers():
        for language in SEARCH_CONFIGS:
            for text in provider.vocabulary(language):
                for word in _LEXICON_WORD.findall((text or "").lower()):
                    rows.setdefault((language, word), fold(word)[:60])
    with transaction.atomic(), connection.cursor() as cursor:
        # Plain SQL: a queryset delete would load every row to send signals nobody needs.
        cursor.execute("DELETE FROM core_searchword")
        SearchWord.objects.bulk_create(
            (SearchWord(language=language, word=word, folded=folded)
             for (language, word), folded in rows.items()), batch_size=2000)
        # In SQL, so the pieces and stems are the ones the query side computes
        # (core/migrations/0004).
        cursor.execute("UPDATE core_searchword SET trigrams = core_trigrams(folded), "
                       "stem = core_search_stem(language, word)")
    return len(rows)
