"""The policy's part of the site search (see portal/search.py).

PostgreSQL full-text search at query time, with the Danish configuration for Danish pages and
the English one for English pages; every typed word is matched as a prefix of a word in the
text (so "frivil" finds "frivillige"). Only public policies, their themes and action points.
"""

import re

import nh3
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce, Concat, NullIf
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy as _

from policy.models import ActionPoint, Policy, Theme
from portal.search import SearchHit

CONFIGS = {"da": "danish", "en": "english"}
WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8
# Private-use characters mark the matches; the snippet is escaped, then they become <mark>.
START, STOP = "\ue000", "\ue001"
MARKDOWN_NOISE = re.compile(r"(^|\s)#{1,6}\s|\*\*?|`")


def tsquery(query: str) -> str:
    """'frivillig forsik' -> 'frivillig:* & forsik:*' (only letters and digits reach PostgreSQL)."""
    words = [word[:60] for word in WORD.findall(query or "")][:MAX_WORDS]
    return " & ".join(f"{word}:*" for word in words)


def text(field: str, language: str):
    """The field in `language`, falling back to Danish where it has no translation."""
    danish = Coalesce(F(f"{field}_da"), Value(""), output_field=TextField())
    if language == "da":
        return danish
    return Coalesce(NullIf(F(f"{field}_{language}"), Value("")), danish,
                    output_field=TextField())


def snippet(headline: str) -> str:
    cleaned = MARKDOWN_NOISE.sub(lambda m: m.group(1) or "", headline or "")
    html = escape(cleaned).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(nh3.clean(html, tags={"mark"}, attributes={}))  # noqa: S308 - only <mark>


class PolicySearchProvider:
    label = _("Policy")

    def search(self, query: str, language: str, *, limit: int) -> list[SearchHit]:
        raw = tsquery(query)
        if not raw or limit <= 0:
            return []
        language = language if language in CONFIGS else "da"
        config = CONFIGS[language]
        search_query = SearchQuery(raw, search_type="raw", config=config)
        sources = [
            (Policy.objects.public(), text("title", language), text("introduction", language)),
            (Theme.objects.public().select_related("policy"), text("title", language),
             Concat(text("summary", language), Value(" "), text("body", language),
                    output_field=TextField())),
            (ActionPoint.objects.public().select_related("theme__policy"),
             text("title", language), text("description", language)),
        ]
        hits = []
        with translation.override(language):
            for queryset, title, body in sources:
                vector = (SearchVector(title, weight="A", config=config)
                          + SearchVector(body, weight="B", config=config))
                rows = (
                    queryset.annotate(
                        search_vector=vector,
                        rank=SearchRank(vector, search_query),
                        headline=SearchHeadline(
                            body, search_query, config=config, start_sel=START, stop_sel=STOP,
                            max_words=35, min_words=15, max_fragments=2,
                        ),
                    )
                    .filter(search_vector=search_query)
                    .order_by("-rank", "pk")[:limit]
                )
                hits.extend(self._hit(row) for row in rows)
        hits.sort(key=lambda hit: -hit.rank)
        return hits[:limit]

    def _hit(self, row) -> SearchHit:
        kind = {Policy: gettext("Policy"), Theme: gettext("Theme"),
                ActionPoint: gettext("Action point")}[type(row)]
        return SearchHit(
            title=row.title, url=row.get_absolute_url(), snippet=snippet(row.headline),
            kind=kind, rank=float(row.rank),
        )
