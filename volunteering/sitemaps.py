from django.urls import reverse

from core.sitemaps import I18nSitemap
from volunteering.models import Opportunity, Organisation


class VolunteeringPagesSitemap(I18nSitemap):
    def items(self):
        # The submission forms too: associations look for them, and the browser and fuzz tests
        # walk the sitemap.
        return ["volunteering:opportunity-list", "volunteering:organisation-list",
                "volunteering:submit-opportunity", "volunteering:submit-organisation"]

    def location(self, item):
        return reverse(item)


class OpportunitySitemap(I18nSitemap):
    """Published opportunities only: the same published() as the list."""

    def items(self):
        return Opportunity.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(I18nSitemap):
    def items(self):
        return Organisation.objects.public().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "volunteering": VolunteeringPagesSitemap,
    "volunteering-opportunities": OpportunitySitemap,
    "volunteering-organisations": OrganisationSitemap,
}
