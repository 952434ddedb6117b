"""Every page in the sitemap, in both languages, in a real Chromium with axe.

Checks what a screen-reader user and a privacy-minded reader would notice: no WCAG 2.1 A/AA
violations, one <h1>, the right language, no console errors and nothing fetched from another
host.
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
# Pages not in the sitemap that every visitor can still reach.
EXTRA_PATHS = [
    "/vaerktoejskasse/soeg/?q=forsikring", "/en/toolbox/search/?q=insurance",
    # "Did you mean …?" (issue 18 §3).
    "/vaerktoejskasse/soeg/?q=forsikrng", "/en/toolbox/search/?q=insurnce",
    # The planner's answer page with typical answers (and a bad one, showing the error list).
    "/vaerktoejskasse/planlaeg/?dato=2030-06-14&sted=ude&deltagere=over-150&alkohol=oel-vin"
    "&boern=ja&aktiviteter=vej&aktiviteter=mad&aktiviteter=indsamling&aktiviteter=overnatning",
    "/en/toolbox/plan/?dato=2030-06-14&sted=inde&alkohol=oel-vin&aktiviteter=lokale"
    "&aktiviteter=foto&aktiviteter=lotteri&aktiviteter=kommune",
    "/vaerktoejskasse/planlaeg/?dato=2030-02-31&sted=maanen",
]
NOT_FOUND_PATHS = ["/findes-ikke/", "/en/missing/"]


def test_every_page_is_accessible_and_self_contained(live_server, page, client):
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))
    paths = sitemap_paths(client) + EXTRA_PATHS + NOT_FOUND_PATHS
    assert any(p.startswith("/en/") for p in paths) and "/" in paths

    own_host = urlsplit(live_server.url).netloc
    foreign, console_errors = [], []
    page.on("request", lambda r: urlsplit(r.url).netloc not in (own_host, "")
            and not r.url.startswith("data:") and foreign.append(r.url))
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    axe = Axe()
    problems = []
    for path in paths:
        foreign.clear()
        console_errors.clear()
        response = page.goto(live_server.url + path)
        expected_lang = "en" if path.startswith("/en/") else "da"
        expected_status = 404 if path in NOT_FOUND_PATHS else 200
        if response.status != expected_status:
            problems.append((path, "status", response.status))
        if expected_status == 404:  # the browser logs the page's own 404 as an error
            console_errors[:] = [m for m in console_errors if "status of 404" not in m]
        if page.get_attribute("html", "lang") != expected_lang:
            problems.append((path, "lang", page.get_attribute("html", "lang")))
        if page.locator("h1").count() != 1:
            problems.append((path, "h1 count", page.locator("h1").count()))
        violations = axe.run(page, options=WCAG_21_AA).response["violations"]
        for violation in violations:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append((path, "axe", violation["id"], targets))
        if console_errors:
            problems.append((path, "console", list(console_errors)))
        if foreign:
            problems.append((path, "foreign request", list(foreign)))
    assert problems == []
