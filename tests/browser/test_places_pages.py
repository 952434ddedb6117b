"""The places pages (Steder) at phone and desktop width, in both languages, with axe: the
filtered lists and the planner's answer page that links to them. The list and every place page
(the sitemap's) are walked by test_every_page.py, at both widths; here they are only counted."""

import pytest

from tests.browser.conftest import WIDTHS, walk
from tests.browser.coverage import assert_walked_by_every_page
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser]
FILTERED = ["/steder/?type=moedelokale&bydel=ballerup&kapacitet=40&trinfri=on&udstyr=projektor"
            "&hvem=foreninger", "/en/places/?kapacitet=151", "/steder/?kapacitet=abc",
            "/steder/?type=plads&udstyr=projektor",
            "/vaerktoejskasse/planlaeg/?deltagere=over-150&aktiviteter=lokale"]


def test_places_pages_are_accessible_at_phone_and_desktop_width(site_page, client):
    paths = [p for p in sitemap_paths(client) if p.startswith(("/steder/", "/en/places/"))]
    assert len(paths) == 32  # the list and 15 places, both languages
    assert_walked_by_every_page(client, paths)
    assert walk(site_page, FILTERED, widths=WIDTHS) == []
