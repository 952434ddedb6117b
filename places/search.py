"""Site search over places (see core/search.py): published ones only."""

from django.contrib.postgres.search import SearchRank
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from core.search import SEARCH_CONFIGS, SearchHit, public_texts, words_query
from core.search_columns import search_column
from places.models import Place


class PlaceSearchProvider:
    label = _("Places")

    def search(self, query: str, language: str, *, limit: int) -> list:
        language = language if language in SEARCH_CONFIGS else "da"
        search_query = words_query(query, language)
        if search_query is None:
            return []
        vector = search_column(Place, language)  # places/migrations/0002
        found = (Place.objects.public().select_related("area")
                 .only("slug", "name", f"name_{language}", "summary", f"summary_{language}",
                       "name_da", "summary_da", "address", "area__name", "area__name_da",
                       f"area__name_{language}")
                 .alias(document=vector)
                 .annotate(rank=SearchRank(vector, search_query))
                 .filter(document=search_query)
                 .order_by("-rank", "name")[:limit])
        with translation.override(language):
            return [SearchHit(
                title=place.name, url=place.get_absolute_url(),
                snippet=mark_safe(escape(f"{place.summary} – {place.address}")),  # noqa: S308
                kind=str(_("Place")), rank=float(place.rank or 0),
            ) for place in found]

    def vocabulary(self, language: str):
        return public_texts(Place.objects.public(), language, ("name", "summary", "description"))
