from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import PlainTextAtomFeed
from core.models import Municipality
from volunteering.models import Opportunity


class OpportunityFeed(Feed):
    """New volunteering opportunities (Atom); nothing unpublished or expired appears."""

    feed_type = PlainTextAtomFeed

    def title(self):
        return _("Volunteer – new opportunities – %(site)s") % {
            "site": Municipality.load().site_name}

    def subtitle(self):
        return _("Tasks associations and municipal units need volunteers for.")

    def link(self):
        return reverse("volunteering:opportunity-list")

    def items(self):
        return (Opportunity.objects.published().without_text().select_related("organisation")
                .order_by("-publish_from", "-published_at", "title")[:30])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return f"{item.summary} ({item.organisation.name})"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
