"""What a place page says beside its own fields: the rules it cites and the map link."""

from urllib.parse import quote

from django.conf import settings
from django.utils.safestring import SafeString

from toolbox.models import Rule
from toolbox.rules import citation_html

# The rule on free premises for folkeoplysende activity (toolbox/demo/planner.toml).
FREE_PREMISES_RULE = "lokaler-gratis-folkeoplysning"


def map_url(address: str) -> str:
    """An ordinary link to a map service's address search (settings.PLACES_MAP_SEARCH_URL):
    the page itself loads no tiles and makes no request to it."""
    return settings.PLACES_MAP_SEARCH_URL.format(query=quote(address.strip(), safe=""))


def rule_citations(place) -> dict[str, list[SafeString]]:
    """{"free": [citation], "deadlines": [citation, …]} from the rules as they are now."""
    free = []
    if place.free_for_folkeoplysning:
        rule = Rule.objects.filter(slug=FREE_PREMISES_RULE).first()
        if rule:
            free.append(citation_html(rule))
    return {"free": free,
            "deadlines": [citation_html(rule) for rule in place.booking_rules.all()]}
