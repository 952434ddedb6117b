"""The "Bliv frivillig" pages at phone and desktop width, in both languages, with axe.

test_every_page.py walks the whole sitemap at one width; these pages also carry filters, rule
boxes and fact lists whose layout changes at phone width, so both widths are checked here.
"""

import pytest

from tests.browser.conftest import WIDTHS, walk
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser]
FILTERED = ["/bliv-frivillig/?omraade=natur&bydel=maaloev&naar=flexible&passer=familier",
            "/en/volunteer/?passer=engelsk", "/bliv-frivillig/?omraade=findes-ikke",
            "/bliv-frivillig/foreninger/?type=association&bydel=ballerup"]


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_volunteering_pages_are_accessible_at_phone_and_desktop_width(site_page, client, width):
    paths = [p for p in sitemap_paths(client)
             if p.startswith(("/bliv-frivillig/", "/en/volunteer/"))]
    paths += FILTERED + ["/", "/en/", "/vaerktoejskasse/maalgrupper/frivillig/"]
    assert len(paths) > 40  # lists, directory, 12 opportunities, 8 organisations, both languages
    assert walk(site_page, paths, width=width) == []
