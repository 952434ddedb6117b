from django.urls import reverse

from core.sitemaps import I18nSitemap
from toolbox.models import Audience, Guide, Topic


class ToolboxPagesSitemap(I18nSitemap):
    def items(self):
        return ["toolbox:index", "toolbox:guide-list", "toolbox:planner", "toolbox:subscribe"]

    def location(self, item):
        return reverse(item)


class TopicSitemap(I18nSitemap):
    def items(self):
        return Topic.objects.all()


class AudienceSitemap(I18nSitemap):
    def items(self):
        return Audience.objects.all()


class GuideSitemap(I18nSitemap):
    """Published guides only: drafts are private and withdrawn guides are no longer promoted."""

    def items(self):
        return Guide.objects.published().only("slug", "updated_at").order_by("slug")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "toolbox": ToolboxPagesSitemap,
    "toolbox-topics": TopicSitemap,
    "toolbox-audiences": AudienceSitemap,
    "toolbox-guides": GuideSitemap,
}
