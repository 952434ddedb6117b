"""The sitemap base every app's `sitemaps.py` builds on (the list of them is in portal/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap


class I18nSitemap(Sitemap):
    """Every URL in both languages, with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True


# What core lists itself (portal/sitemaps.py reads SITEMAPS from every content app): no pages.
SITEMAPS: dict = {}
