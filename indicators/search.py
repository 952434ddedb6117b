"""Site search over indicators (see core/search.py): public indicators only."""

from django.contrib.postgres.search import SearchRank
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.search import SEARCH_CONFIGS, SearchHit, public_texts, words_query
from core.search_columns import search_column
from indicators.files import plain_text
from indicators.models import Indicator



def snippet(text: str, query: str, length: int = 200):
    """The start of `text` (or the part around the first match), escaped, match in <mark>."""
    lower, needle = text.lower(), query.lower().strip()
    at = lower.find(needle) if needle else -1
    start = max(0, at - 60) if at > 60 else 0
    part = text[start:start + length]
    prefix, suffix = ("… " if start else ""), (" …" if start + length < len(text) else "")
    if at < 0:
        return mark_safe(prefix + escape(part) + suffix)  # noqa: S308 - escaped
    at -= start
    return mark_safe(prefix + escape(part[:at]) + "<mark>" + escape(part[at:at + len(needle)])  # noqa: S308
                     + "</mark>" + escape(part[at + len(needle):]) + suffix)


class IndicatorSearchProvider:
    label = _("Indicators")

    def search(self, query: str, language: str, *, limit: int) -> list:
        language = language if language in SEARCH_CONFIGS else "da"
        search_query = words_query(query, language)
        if search_query is None:
            return []
        vector = search_column(Indicator, language)  # indicators/migrations/0003
        found = (Indicator.objects.public()
                 .alias(document=vector)
                 .annotate(rank=SearchRank(vector, search_query))
                 .filter(document=search_query)
                 .order_by("-rank", "position")[:limit])
        hits = []
        with translation.override(language):
            for indicator in found:
                text = plain_text(indicator.description)
                hits.append(SearchHit(
                    title=indicator.name, url=indicator.get_absolute_url(),
                    snippet=snippet(text, query), kind=str(_("Indicator")),
                    rank=float(indicator.rank or 0)))
        return hits

    def vocabulary(self, language: str):
        return public_texts(Indicator.objects.public(), language,
                            ("name", "description", "definition"))
