"""The "Bliv frivillig" pages at phone and desktop width, in both languages, with axe.

test_every_page.py walks the whole sitemap at one width; these pages also carry filters, rule
boxes and fact lists whose layout changes at phone width, so both widths are checked here.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_every_page import WCAG_21_AA
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [390, 1280]
FILTERED = ["/bliv-frivillig/?omraade=natur&bydel=maaloev&naar=flexible&passer=familier",
            "/en/volunteer/?passer=engelsk", "/bliv-frivillig/?omraade=findes-ikke",
            "/bliv-frivillig/foreninger/?type=association&bydel=ballerup"]


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_volunteering_pages_are_accessible_at_phone_and_desktop_width(live_server, page,
                                                                      client, width):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    paths = [p for p in sitemap_paths(client)
             if p.startswith(("/bliv-frivillig/", "/en/volunteer/"))]
    paths += FILTERED + ["/", "/en/", "/vaerktoejskasse/maalgrupper/frivillig/"]
    assert len(paths) > 40  # lists, directory, 12 opportunities, 8 organisations, both languages
    page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    problems = []
    for path in paths:
        response = page.goto(live_server.url + path)
        if response.status != 200:
            problems.append((path, "status", response.status))
        if page.locator("h1").count() != 1:
            problems.append((path, "h1 count", page.locator("h1").count()))
        # Nothing may stick out sideways at phone width (a reader would have to scroll).
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
        if overflow:
            problems.append((path, "horizontal scroll"))
        for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
            problems.append((path, "axe", violation["id"],
                             [node["target"] for node in violation["nodes"]][:3]))
    assert problems == []
