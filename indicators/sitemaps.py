from django.urls import reverse

from core.sitemaps import I18nSitemap
from indicators.models import Indicator, MeetingStatus


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


class StatusSitemap(I18nSitemap):
    """The list of statuses for committee meetings and each status (its public version)."""

    def items(self):
        return ["indicators:status-list", *MeetingStatus.objects.newest_first().only(
            "meeting_on", "frozen_at")]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()

    def lastmod(self, item):
        return None if isinstance(item, str) else item.frozen_at


SITEMAPS = {"indicators": DashboardSitemap, "indicator-pages": IndicatorSitemap,
            "indicator-statuses": StatusSitemap}
