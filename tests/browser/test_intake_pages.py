"""The pages the intake changed, in Chromium with axe at phone and desktop width: the privacy
page with its list of processings, and a guide with the feedback form (honeypot out of reach of
the keyboard; a person who takes their time gets the answer through)."""

import pytest

from tests.browser.conftest import ORIGIN, WCAG_21_AA, WIDTHS, Axe
from tests.factories import GuideFactory, MunicipalityFactory

pytestmark = [pytest.mark.browser]

PATHS = ["/privatliv/", "/en/privacy/", "/vaerktoejskasse/vejledninger/hjaelp/",
         "/en/toolbox/guides/hjaelp/"]


@pytest.fixture
def site(db):
    MunicipalityFactory()
    GuideFactory(slug="hjaelp", title_da="Hjælp", title_en="Help")


def test_no_axe_violations(bare_site_page, site):
    page = bare_site_page
    axe, problems, rows = Axe(), [], []
    for path in PATHS:
        page.goto(ORIGIN + path)
        if page.locator("h1").count() != 1:
            problems.append((path, "h1"))
        for width in WIDTHS:  # one load, checked at each width
            page.set_viewport_size({"width": width, "height": 900})
            if path == "/en/privacy/":  # the list of processings, on this same load
                rows.append((width, page.get_by_role(
                    "row", name="E-mails sent by the portal").is_visible()))
            for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
                problems.append((path, width, violation["id"],
                                 [n["target"] for n in violation["nodes"]][:3]))
    assert problems == []
    assert rows == [(width, True) for width in WIDTHS]


def test_the_feedback_form_by_keyboard_skips_the_honeypot_and_is_accepted(live_site_page, site):
    # A live server: the answer redirects back to the guide (see SharedConnectionServer).
    page, origin = live_site_page, live_site_page.origin
    page.goto(origin + "/vaerktoejskasse/vejledninger/hjaelp/")
    assert not page.locator('input[name="website"]').is_visible()
    page.get_by_label("Ja").focus()
    page.keyboard.press("Space")
    focused = []
    for _ in range(4):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(
            "document.activeElement.name || document.activeElement.tagName"))
    assert "website" not in focused
    page.get_by_label("Hvad kan vi gøre bedre? (valgfrit)").fill("Godt eksempel.")
    page.get_by_role("button", name="Send svar").press("Enter")
    page.wait_for_url("**?feedback=sent#feedback")
    assert page.get_by_text("Tak for dit svar.").is_visible()
