"""The policy's part of the site search (see core/search.py).

PostgreSQL full-text search over stored vectors (policy/migrations/0004), in the words dialect
every provider shares (core.search.words_query: "frivil" finds "frivillige", æ/ø/å spellings,
synonyms, corrections). Only public policies, their themes and action points, and the sections
and values around the themes.
"""

import re

from django.contrib.postgres.search import SearchHeadline, SearchRank
from django.db.models import F, TextField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.search import (
    MARK_START, MARK_STOP, SEARCH_CONFIGS, SearchHit, marked_html, public_texts, readable_text,
    translated_text, words_query,
)
from core.search_columns import search_column
from policy.models import PUBLIC_STATUSES, ActionPoint, Policy, PolicySection, PolicyValue, Theme

MARKDOWN_NOISE = re.compile(r"(^|\s)#{1,6}\s|\*\*?|`")


def snippet(headline: str) -> str:
    return marked_html(MARKDOWN_NOISE.sub(lambda m: m.group(1) or "", headline or ""))


class PolicySearchProvider:
    label = _("Policy")

    def search(self, query: str, language: str, *, limit: int) -> list[SearchHit]:
        language = language if language in SEARCH_CONFIGS else "da"
        search_query = words_query(query, language)
        if search_query is None or limit <= 0:
            return []
        config = SEARCH_CONFIGS[language]
        empty = Value("", output_field=TextField())
        # (kind, queryset, slugs that make its address, title, text); one query for all three.
        sources = [
            (Policy, Policy.objects.public(), (F("slug"), empty, empty),
             translated_text("title", language), translated_text("introduction", language)),
            (Theme, Theme.objects.public(), (F("policy__slug"), F("slug"), empty),
             translated_text("title", language),
             Concat(translated_text("summary", language), Value(" "),
                    translated_text("body", language), output_field=TextField())),
            (ActionPoint, ActionPoint.objects.public(),
             (F("theme__policy__slug"), F("theme__slug"), F("slug")),
             translated_text("title", language), translated_text("description", language)),
            # Sections and values are found as parts of the policy page (item = their anchor).
            (PolicySection, PolicySection.objects.filter(policy__status__in=PUBLIC_STATUSES),
             (F("policy__slug"), empty, Cast("pk", TextField())),
             translated_text("title", language), translated_text("body", language)),
            (PolicyValue, PolicyValue.objects.filter(policy__status__in=PUBLIC_STATUSES),
             (F("policy__slug"), empty, Cast("pk", TextField())),
             translated_text("title", language), translated_text("text", language)),
        ]
        parts = []
        for number, (model, queryset, (policy_slug, theme_slug, item_slug), title, body) in (
                enumerate(sources)):
            vector = search_column(model, language)
            parts.append(
                queryset.annotate(
                    search_vector=vector,
                    hit_source=Value(number),
                    hit_policy=policy_slug, hit_theme=theme_slug, hit_item=item_slug,
                    hit_title=title,
                    hit_rank=SearchRank(vector, search_query),
                    hit_headline=SearchHeadline(
                        readable_text(body), search_query, config=config, start_sel=MARK_START,
                        stop_sel=MARK_STOP, max_words=35, min_words=15, max_fragments=2,
                    ),
                )
                .filter(search_vector=search_query)
                .order_by("-hit_rank", "pk")
                .values_list("hit_source", "pk", "hit_policy", "hit_theme", "hit_item",
                             "hit_title", "hit_rank", "hit_headline")[:limit]
            )
        rows = parts[0].union(*parts[1:], all=True)
        with translation.override(language):
            hits = [self._hit(sources[row[0]][0], *row[2:]) for row in sorted(
                rows, key=lambda row: (-row[6], row[0], row[1]))]
        return hits[:limit]

    def vocabulary(self, language: str):
        yield from public_texts(Policy.objects.public(), language, ("title", "introduction"))
        yield from public_texts(Theme.objects.public(), language, ("title", "summary", "body"))
        yield from public_texts(ActionPoint.objects.public(), language,
                                ("title", "description"))
        yield from public_texts(PolicySection.objects.filter(policy__status__in=PUBLIC_STATUSES),
                                language, ("title", "body"))
        yield from public_texts(PolicyValue.objects.filter(policy__status__in=PUBLIC_STATUSES),
                                language, ("title", "text"))

    def _hit(self, model, policy_slug, theme_slug, item_slug, title, rank, headline) -> SearchHit:
        kind = {Policy: gettext("Policy"), Theme: gettext("Theme"),
                ActionPoint: gettext("Action point"), PolicySection: gettext("Policy"),
                PolicyValue: gettext("Value")}[model]
        if model in (Policy, PolicySection, PolicyValue):
            url = reverse("policy:policy-detail", kwargs={"slug": policy_slug})
            if model is not Policy:
                url += "#" + model(pk=int(item_slug)).anchor
        else:
            url = reverse("policy:theme-detail",
                          kwargs={"policy_slug": policy_slug, "slug": theme_slug})
            if model is ActionPoint:
                url += "#" + ActionPoint(slug=item_slug).anchor
        return SearchHit(title=title, url=url, snippet=snippet(headline), kind=kind,
                         rank=float(rank))
