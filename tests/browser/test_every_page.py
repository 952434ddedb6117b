"""Every page in the sitemap, in both languages, at phone and desktop width (WIDTHS), in a real
Chromium with axe.

Checks what a screen-reader user, a phone reader and a privacy-minded reader would notice (see
`walk`): no WCAG 2.1 A/AA violations, one <h1>, the right language, no sideways scrolling, every
data table usable, chart text at least 12 px, one style of the example-data label, no console
errors and nothing fetched from another host. Each page is opened once and checked at both
widths; the pages are split into slices so the test processes share them.
"""

import pytest

from tests.browser.conftest import WIDTHS, walk
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser]

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
    # Print views (not in the sitemap: they are the same content for paper; the policy's is).
    "/indikatorer/udskriv/", "/en/indicators/print/",
    "/indikatorer/frivillige-registreret/udskriv/", "/en/indicators/frivillige-registreret/print/",
    "/politik/handlingsplan/udskriv/", "/en/policy/action-plan/print/",
    "/indikatorer/status/2026-11-26/udskriv/", "/en/indicators/statuses/2026-11-26/print/",
    "/indikatorer/status/2026-06-11/udskriv/",
    # The action plan filtered, and the readers' login (issue 15 §5).
    "/politik/handlingsplan/?status=in_progress", "/en/policy/action-plan/?scope=all",
    "/log-ind/", "/en/log-in/",
    # A closed private party outdoors (no permit) and an unsettled deadline (no date).
    "/vaerktoejskasse/planlaeg/?dato=2030-06-14&sted=ude-lukket&deltagere=hoejst-150"
    "&alkohol=oel-vin&boern=nej&aktiviteter=vej",
]
NOT_FOUND_PATHS = ["/findes-ikke/", "/en/missing/"]
SLICES = 8


def every_path(client):
    paths = sitemap_paths(client) + EXTRA_PATHS + NOT_FOUND_PATHS
    assert any(p.startswith("/en/") for p in paths) and "/" in paths
    return paths


@pytest.mark.parametrize("part", range(SLICES), ids=[f"slice{n + 1}" for n in range(SLICES)])
def test_every_page_is_accessible_and_self_contained(site_page, client, part):
    paths = every_path(client)[part::SLICES]
    assert walk(site_page, paths, widths=WIDTHS, not_found=NOT_FOUND_PATHS) == []
