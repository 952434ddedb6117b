"""The places pages (Steder) at phone and desktop width, in both languages, with axe; the
planner's answer page that links to them too. test_every_page.py walks them at one width."""

import pytest

from tests.browser.conftest import WIDTHS, walk
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser]
FILTERED = ["/steder/?type=moedelokale&bydel=ballerup&kapacitet=40&trinfri=on&udstyr=projektor"
            "&hvem=foreninger", "/en/places/?kapacitet=151", "/steder/?kapacitet=abc",
            "/steder/?type=plads&udstyr=projektor",
            "/vaerktoejskasse/planlaeg/?deltagere=over-150&aktiviteter=lokale"]


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_places_pages_are_accessible_at_phone_and_desktop_width(site_page, client, width):
    paths = [p for p in sitemap_paths(client) if p.startswith(("/steder/", "/en/places/"))]
    assert len(paths) == 32  # the list and 15 places, both languages
    assert walk(site_page, paths + FILTERED, width=width) == []
