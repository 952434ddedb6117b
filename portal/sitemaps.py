"""The sitemap lists every public page in Danish and English.

Each app contributes a `sitemaps.py` with a SITEMAPS dict; the browser (axe) and fuzz tests walk
this sitemap, so a page that is in it is covered by them.
"""

import importlib

from django.urls import reverse

from core.sitemaps import I18nSitemap


class StaticPagesSitemap(I18nSitemap):
    pages = ["home", "privacy"]

    def items(self):
        return self.pages

    def location(self, item):
        return reverse(item)


def all_sitemaps() -> dict:
    sitemaps = {"pages": StaticPagesSitemap}
    for app in ("toolbox", "volunteering", "places", "policy", "indicators"):
        try:
            module = importlib.import_module(f"{app}.sitemaps")
        except ModuleNotFoundError as error:
            if error.name != f"{app}.sitemaps":
                raise
            continue
        sitemaps.update(module.SITEMAPS)
    return sitemaps
