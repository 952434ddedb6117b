from django.urls import reverse

from core.sitemaps import I18nSitemap
from places.models import Place


class PlacesPagesSitemap(I18nSitemap):
    def items(self):
        return ["places:place-list"]

    def location(self, item):
        return reverse(item)


class PlaceSitemap(I18nSitemap):
    """Published places only: the same public() as the list."""

    def items(self):
        return Place.objects.public().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {"places": PlacesPagesSitemap, "places-places": PlaceSitemap}
