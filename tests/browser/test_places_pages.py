"""The places pages (Steder) at phone and desktop width, in both languages, with axe; the
planner's answer page that links to them too. test_every_page.py walks them at one width."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_every_page import WCAG_21_AA
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WIDTHS = [390, 1280]
FILTERED = ["/steder/?type=moedelokale&bydel=ballerup&kapacitet=40&trinfri=on&udstyr=projektor"
            "&hvem=foreninger", "/en/places/?kapacitet=151", "/steder/?kapacitet=abc",
            "/steder/?type=plads&udstyr=projektor",
            "/vaerktoejskasse/planlaeg/?deltagere=over-150&aktiviteter=lokale"]


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_places_pages_are_accessible_at_phone_and_desktop_width(live_server, page, client,
                                                                width):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    paths = [p for p in sitemap_paths(client) if p.startswith(("/steder/", "/en/places/"))]
    assert len(paths) == 32  # the list and 15 places, both languages
    paths += FILTERED
    own_host = urlsplit(live_server.url).netloc
    foreign = []
    page.on("request", lambda r: urlsplit(r.url).netloc not in (own_host, "")
            and foreign.append(r.url))
    page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    problems = []
    for path in paths:
        response = page.goto(live_server.url + path)
        if response.status != 200:
            problems.append((path, "status", response.status))
        if page.locator("h1").count() != 1:
            problems.append((path, "h1 count", page.locator("h1").count()))
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append((path, "horizontal scroll"))
        for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
            problems.append((path, "axe", violation["id"],
                             [node["target"] for node in violation["nodes"]][:3]))
    assert problems == []
    assert foreign == []
