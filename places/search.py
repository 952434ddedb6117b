"""Site search over places (see core/search.py): published ones only."""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Q
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.search import SEARCH_CONFIGS, SearchHit
from core.search_columns import search_column
from places.models import Place


class PlaceSearchProvider:
    label = _("Places")

    def search(self, query: str, language: str, *, limit: int) -> list:
        query = (query or "").replace("\x00", "").strip()[:200]
        if not query:
            return []
        language = language if language in SEARCH_CONFIGS else "da"
        vector = search_column(Place, language)  # places/migrations/0002
        search_query = SearchQuery(query, search_type="websearch",
                                   config=SEARCH_CONFIGS[language])
        found = (Place.objects.public().select_related("area")
                 .only("slug", "name", f"name_{language}", "summary", f"summary_{language}",
                       "name_da", "summary_da", "address", "area__name", "area__name_da",
                       f"area__name_{language}")
                 .alias(document=vector)
                 .annotate(rank=SearchRank(vector, search_query))
                 .filter(Q(document=search_query) | Q(**{f"name_{language}__icontains": query})
                         | Q(address__icontains=query))
                 .order_by("-rank", "name")[:limit])
        with translation.override(language):
            return [SearchHit(
                title=place.name, url=place.get_absolute_url(),
                snippet=mark_safe(escape(f"{place.summary} – {place.address}")),  # noqa: S308
                kind=str(_("Place")), rank=float(place.rank or 0),
            ) for place in found]
