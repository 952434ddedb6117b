from django.urls import reverse

from core.sitemaps import I18nSitemap
from indicators.models import Indicator


class DashboardSitemap(I18nSitemap):
    def items(self):
        return ["indicators:dashboard", "indicators:method"]

    def location(self, item):
        return reverse(item)


class IndicatorSitemap(I18nSitemap):
    """Public indicator pages only: internal ones never appear here."""

    def items(self):
        return Indicator.objects.public().order_by("position", "slug")

    def lastmod(self, indicator):
        return indicator.updated_at


SITEMAPS = {"indicators": DashboardSitemap, "indicator-pages": IndicatorSitemap}
