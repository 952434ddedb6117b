"""The "Bliv frivillig" pages at phone and desktop width, in both languages, with axe.

These pages carry filters, rule boxes and fact lists whose layout changes at phone width. The
lists, the directory, every opportunity and organisation, the front page and the volunteers'
target-group page are walked by test_every_page.py at both widths; here they are counted, and
the filtered lists (addresses that walk does not open) are walked.
"""

import pytest

from tests.browser.conftest import WIDTHS, walk
from tests.browser.coverage import assert_walked_by_every_page
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser]
FILTERED = ["/bliv-frivillig/?omraade=natur&bydel=maaloev&naar=flexible&passer=familier",
            "/en/volunteer/?passer=engelsk", "/bliv-frivillig/?omraade=findes-ikke",
            "/bliv-frivillig/foreninger/?type=association&bydel=ballerup"]


def test_volunteering_pages_are_accessible_at_phone_and_desktop_width(site_page, client):
    paths = [p for p in sitemap_paths(client)
             if p.startswith(("/bliv-frivillig/", "/en/volunteer/"))]
    paths += ["/", "/en/", "/vaerktoejskasse/maalgrupper/frivillig/"]
    assert len(paths + FILTERED) > 40  # lists, directory, 12 opportunities, 8 organisations
    assert_walked_by_every_page(client, paths)
    assert walk(site_page, FILTERED, widths=WIDTHS) == []
