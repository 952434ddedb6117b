"""Site search over volunteering opportunities (see core/search.py): published ones only."""

from django.contrib.postgres.search import SearchRank
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.search import SEARCH_CONFIGS, SearchHit, public_texts, words_query
from core.search_columns import search_column
from volunteering.models import Opportunity


class OpportunitySearchProvider:
    label = _("Volunteering opportunities")

    def search(self, query: str, language: str, *, limit: int) -> list:
        language = language if language in SEARCH_CONFIGS else "da"
        search_query = words_query(query, language)
        if search_query is None:
            return []
        vector = search_column(Opportunity, language)  # volunteering/migrations/0002
        found = (Opportunity.objects.published().without_text().select_related("organisation")
                 .alias(document=vector)
                 .annotate(rank=SearchRank(vector, search_query))
                 .filter(document=search_query)
                 .order_by("-rank", "title")[:limit])
        with translation.override(language):
            return [SearchHit(
                title=opportunity.title, url=opportunity.get_absolute_url(),
                snippet=mark_safe(escape(f"{opportunity.summary} – "  # noqa: S308 - escaped
                                         f"{opportunity.organisation.name}")),
                kind=str(_("Volunteering opportunity")), rank=float(opportunity.rank or 0),
            ) for opportunity in found]

    def vocabulary(self, language: str):
        return public_texts(Opportunity.objects.published(), language, ("title", "summary", "description"))
