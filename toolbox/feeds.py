from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.translation import gettext as _

from core.feeds import PlainTextAtomFeed
from core.models import Municipality
from toolbox.models import Guide


class LatestGuidesFeed(Feed):
    """New guides in the toolbox (Atom); drafts and withdrawn guides never appear."""

    feed_type = PlainTextAtomFeed  # summaries are plain text, never markup (issue 12.9)

    def title(self):
        return _("New guides – %(site)s") % {"site": Municipality.load().site_name}

    def subtitle(self):
        return _("Guides for volunteers, associations and municipal staff.")

    def link(self):
        return reverse("toolbox:index")

    def items(self):
        return Guide.objects.published().without_text().order_by("-published_at", "title")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
