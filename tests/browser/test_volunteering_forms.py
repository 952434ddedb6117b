"""The public forms of "Bliv frivillig" in a real Chromium: axe at phone and desktop width in
both languages, with and without errors, and keyboard-only use without JavaScript help."""

import pytest

from tests.browser.conftest import ORIGIN, Axe, check_open_page, send_empty
from tests.factories import MunicipalityFactory, OpportunityFactory, OrganisationFactory
from volunteering.models import InterestMessage, Submission

pytestmark = [pytest.mark.browser]


@pytest.fixture
def data(settings):
    settings.INTAKE_MIN_SECONDS = 0  # a robot-fast browser is still a person here
    MunicipalityFactory()
    club = OrganisationFactory(name="Naturklubben", slug="naturklubben")
    OpportunityFactory(organisation=club, slug="lektiehjaelp", title_da="Lektiehjælp",
                       title_en="Homework help", contact_name="Bente Berg")
    return club


def test_the_forms_have_no_axe_violations_empty_or_with_errors(bare_site_page, data):
    page = bare_site_page
    axe = Axe()
    problems = []
    for prefix, volunteer, interest, submit, update in [
        ("", "bliv-frivillig", "interesse", "indsend", "indsend/organisation"),
        ("/en", "volunteer", "interest", "submit", "submit/organisation"),
    ]:
        base = f"{ORIGIN}{prefix}/{volunteer}"
        sent_empty = [f"/lektiehjaelp/{interest}/", f"/{submit}/",
                      f"/{update}/?organisation=naturklubben"]
        for path in ["/lektiehjaelp/", f"/lektiehjaelp/{interest}/", f"/{submit}/",
                     f"/{update}/", f"/{update}/?organisation=naturklubben"]:
            page.goto(base + path)
            check_open_page(page, axe, (prefix, path), problems)
            if path in sent_empty:
                # The form just checked, sent empty: the error summary and the marked fields.
                send_empty(page)
                check_open_page(page, axe, (prefix, path, "errors"), problems)
    assert problems == []


def _tab_to(page, selector, limit=80):
    """Press Tab until the element has the focus: it can be reached with the keyboard."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement === document.querySelector(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} was not reached with Tab")


def test_interest_form_by_keyboard_only_with_the_error_announced_first(live_site_page, data):
    # A live server: the message redirects to its answer page (see SharedConnectionServer).
    page, origin = live_site_page, live_site_page.origin
    page.goto(f"{origin}/bliv-frivillig/lektiehjaelp/")
    _tab_to(page, "#id_name")
    page.keyboard.type("Anna Hansen")
    _tab_to(page, "#interest button[type='submit']")
    page.keyboard.press("Enter")  # sent without e-mail, phone or consent

    summary = page.locator(".error-summary")
    summary.wait_for()
    assert summary.get_attribute("role") == "alert"
    assert "Skriv din e-mail eller dit telefonnummer" in summary.inner_text()
    assert page.title().startswith("Fejl:")
    assert page.get_attribute("#id_email", "aria-invalid") == "true"
    assert "id_email_error" in page.get_attribute("#id_email", "aria-describedby")
    # The summary's link takes the keyboard to the field.
    _tab_to(page, ".error-summary a[href='#id_email']")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#id_email"
    _tab_to(page, "#id_email")
    page.keyboard.type("anna@borger.example")
    _tab_to(page, "#id_consent")
    page.keyboard.press("Space")
    _tab_to(page, "main button[type='submit']")
    page.keyboard.press("Enter")

    page.locator("h1", has_text="Din besked er sendt").wait_for()
    assert "Bente Berg" in page.inner_text("main")
    assert InterestMessage.objects.get().email == "anna@borger.example"


def test_submission_form_by_keyboard_only(live_site_page, data):
    # A live server: the submission redirects to its answer page (see SharedConnectionServer).
    page, origin = live_site_page, live_site_page.origin
    page.goto(f"{origin}/en/volunteer/submit/")
    _tab_to(page, "#id_organisation")
    page.keyboard.press("ArrowDown")  # the first organisation on the list
    for selector, text in [("#id_title", "Nature walk guide"),
                           ("#id_summary", "Lead a walk for newcomers."),
                           ("#id_description", "You show the way and tell about the bog."),
                           ("#id_contact_name", "Ole Olsen"),
                           ("#id_contact_email", "ole@naturklubben.example"),
                           ("#id_submitter_name", "Karen Jensen"),
                           ("#id_submitter_email", "karen@naturklubben.example")]:
        _tab_to(page, selector)
        page.keyboard.type(text)
    page.keyboard.press("Enter")  # Enter in a text field sends the form

    page.locator("h1", has_text="Thank you for your submission").wait_for()
    submission = Submission.objects.get()
    assert submission.organisation == data and submission.language == "en"
    assert submission.opportunity.title_en == "Nature walk guide"
