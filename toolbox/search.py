"""Full-text search over guides (PostgreSQL, Danish or English configuration).

Readers type whole words or the start of one ("forsikr" finds "forsikring"), in the one
dialect every provider shares (core/search_text.py, core.search.WordsQuery): æ/ø/å spellings,
synonyms and corrections of mistyped words included. The query is built from the words alone:
everything that is not a letter or digit is dropped before it reaches PostgreSQL, so no input
can change the query's structure.
"""

import re

from django.contrib.postgres.search import (
    SearchHeadline, SearchRank, SearchVectorExact, SearchVectorField,
)
from django.conf import settings
from django.db.models import Case, Func, TextField, Value, When
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.search import (
    MARK_START, MARK_STOP, SEARCH_CONFIGS, SearchHit, WordsQuery, marked_html, public_texts,
    readable_text, suggestion, translated_text, words_query,
)
from core.search_columns import search_column
from toolbox.models import Guide

# Markdown punctuation that would look odd in a snippet of the body.
_MARKDOWN_LINK_TARGET = re.compile(r"\]\([^)\s]*\)?")
_MARKDOWN_MARKS = re.compile(r"[#*_`|>\[\]]+")


def build_query(text: str, language: str) -> WordsQuery | None:
    """Every word must match (as a word or the start of one); None when there are no words."""
    return words_query(text, language)


def _rank(vector, text: str, language: str):
    """Relevance: each matching word counts (weighted title > summary, shorter ones a little
    ahead), plus a bonus for words in the title so the guide named after the search wins.

    `vector` holds the title and summary only. A guide that matches in its body alone ranks
    after those, in title order: ranking on the whole text would mean unpacking every matching
    guide's large vector, which at thousands of guides made a common word several times slower.
    """
    any_word = words_query(text, language, any_word=True)
    return (SearchRank(vector, any_word, normalization=1)
            + SearchRank(vector, any_word, weights=[0.0, 0.0, 0.0, 1.0]))


def _headline(query, language: str):
    """The summary with the words marked where it has them (short, and says what the guide is
    about), otherwise the best passages of the body."""
    options = {"config": SEARCH_CONFIGS[language], "start_sel": MARK_START,
               "stop_sel": MARK_STOP}
    summary_vector = Func(search_column(Guide, language, "rank"), Value("{b}"),
                          function="ts_filter", output_field=SearchVectorField())
    return Case(
        When(SearchVectorExact(summary_vector, query),
             then=SearchHeadline(readable_text(translated_text("summary", language)), query,
                                 highlight_all=True, **options)),
        default=SearchHeadline(readable_text(translated_text("body", language)), query,
                               max_words=30, min_words=12,
                               max_fragments=2, fragment_delimiter=" … ", **options),
        output_field=TextField(),
    )


def search_guides(queryset, text: str, language: str):
    """`queryset` narrowed to the matches, best first, with `rank` and `headline` annotated.

    Read through settings.SEARCH_DATABASE, the connection that finds matches through the GIN
    index even when nearly every guide has the word (see portal/settings.py)."""
    language = language if language in SEARCH_CONFIGS else "da"
    query = build_query(text, language)
    if query is None:
        return queryset.none()
    return (
        queryset.using(settings.SEARCH_DATABASE)
        .alias(document=search_column(Guide, language)).filter(document=query)
        .annotate(rank=_rank(search_column(Guide, language, "rank"), text, language),
                  headline=_headline(query, language), suggestion=suggestion(text, language))
        .order_by("-rank", "title")
    )


def snippet(headline: str) -> str:
    """The highlighted excerpt as safe HTML: escaped text, with only <mark> let through."""
    text = _MARKDOWN_LINK_TARGET.sub("", headline or "")
    return marked_html(_MARKDOWN_MARKS.sub("", text))


class GuideSearchProvider:
    """The toolbox's part of the site search (see core/search.py)."""

    label = _("Guides")

    def search(self, query: str, language: str, *, limit: int) -> list[SearchHit]:
        hits = search_guides(Guide.objects.published().without_text(), query, language)[:limit]
        return [
            SearchHit(title=guide.title, url=guide.get_absolute_url(),
                      snippet=snippet(guide.headline) or escape(guide.summary),
                      kind=str(_("Guide")), rank=guide.rank)
            for guide in hits
        ]

    def vocabulary(self, language: str):
        return public_texts(Guide.objects.published(), language, ("title", "summary", "body"))
