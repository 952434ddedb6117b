"""Site search over volunteering opportunities (see core/search.py): published ones only."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Q
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.search import SEARCH_CONFIGS, SearchHit
from core.search_columns import search_column
from volunteering.models import Opportunity


class OpportunitySearchProvider:
    label = _("Volunteering opportunities")

    def search(self, query: str, language: str, *, limit: int) -> list:
        query = (query or "").replace("\x00", "").strip()[:200]
        if not query:
            return []
        language = language if language in SEARCH_CONFIGS else "da"
        vector = search_column(Opportunity, language)  # volunteering/migrations/0002
        search_query = SearchQuery(query, search_type="websearch",
                                   config=SEARCH_CONFIGS[language])
        found = (Opportunity.objects.published().without_text().select_related("organisation")
                 .alias(document=vector)
                 .annotate(rank=SearchRank(vector, search_query))
                 .filter(Q(document=search_query) | Q(**{f"title_{language}__icontains": query}))
                 .order_by("-rank", "title")[:limit])
        with translation.override(language):
            return [SearchHit(
                title=opportunity.title, url=opportunity.get_absolute_url(),
                snippet=mark_safe(escape(f"{opportunity.summary} – "  # noqa: S308 - escaped
                                         f"{opportunity.organisation.name}")),
                kind=str(_("Volunteering opportunity")), rank=float(opportunity.rank or 0),
            ) for opportunity in found]
