"""Issue 18 §3 and §4 pages at phone and desktop width, in both languages, with axe: the
search page with "Did you mean …?", æ/ø/å spellings and synonyms, the planner's call to
action (home, topics, guides), the planner's subscription link, and the admin's list of
unconfirmed contacts. test_every_page.py walks the public pages it has (front page, topic,
guide, the misspelt searches) at both widths; here they are only looked up there, and the
searches and planner answers it does not open are walked."""

import pytest

from tests.browser.conftest import ORIGIN, WCAG_21_AA, Axe, log_in, walk
from tests.browser.coverage import assert_walked_by_every_page

pytestmark = [pytest.mark.browser]
WIDTHS = [390, 1280]
WALKED_BY_EVERY_PAGE = [
    "/vaerktoejskasse/soeg/?q=forsikrng", "/en/toolbox/search/?q=insurnce",
    "/", "/en/", "/vaerktoejskasse/emner/tilladelser/", "/en/toolbox/topics/tilladelser/",
    "/vaerktoejskasse/vejledninger/alkohol-ved-arrangementer/",
    "/en/toolbox/guides/alkohol-ved-arrangementer/",
]
PATHS = [
    "/vaerktoejskasse/soeg/?q=borneattest", "/vaerktoejskasse/soeg/?q=fad%C3%B8l",
    "/vaerktoejskasse/planlaeg/?dato=2030-06-14&sted=ude&deltagere=over-150&alkohol=oel-vin",
    "/en/toolbox/plan/?dato=2030-06-14&sted=inde&alkohol=oel-vin&aktiviteter=lokale",
]
ADMIN_PATHS = ["/admin/toolbox/contact/?details_confirmed__exact=0", "/admin/core/searchsynonym/",
               "/admin/core/searchsynonym/add/"]


def _check(page, axe, url, problems):
    """The page loaded once and checked at each width (resized, not loaded again)."""
    response = page.goto(url)
    if response.status != 200:
        problems.append((url, "status", response.status))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append((url, width, "horizontal scroll"))
        for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
            problems.append((url, width, "axe", violation["id"],
                             [node["target"] for node in violation["nodes"]][:3]))


def test_search_and_planner_pages_are_accessible(site_page, client):
    assert_walked_by_every_page(client, WALKED_BY_EVERY_PAGE)
    page = site_page
    problems = walk(page, PATHS, widths=WIDTHS)
    page.goto(ORIGIN + "/vaerktoejskasse/soeg/?q=forsikrng")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.locator("p.note[role=status] a").inner_text() == "forsikring", width
    assert problems == []


def test_the_admin_pages_for_synonyms_and_contacts_are_accessible(
        site_page, django_user_model):
    page = site_page
    log_in(page, django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16))
    axe, problems = Axe(), []
    for path in ADMIN_PATHS:
        _check(page, axe, ORIGIN + path, problems)
    assert problems == []
