"""The policy process pages in a real Chromium with axe: the policy page with its steps, a
meeting with its sign-up form (empty and with errors), the answer pages, the cancel page, at
phone and desktop width in both languages; and the admin pages staff edit the steps on."""

import datetime

import pytest
from django.utils import translation

from policy import services
from policy.models import Policy, ProcessStep
from tests.browser.conftest import ORIGIN, WCAG_21_AA, Axe, check_open_page, log_in, send_empty
from tests.factories import MeetingFactory, MeetingSignupFactory, MunicipalityFactory, PolicyFactory

pytestmark = [pytest.mark.browser]
# django-modeltranslation's language tabs (jQuery UI, on every TabbedTranslationAdmin page of the
# portal, not only these) put a focusable tab inside another: axe's "nested-interactive". Left
# out here only, as is its unlabelled "all languages" switch above the form; the rest of WCAG 2.1
# AA is checked.
ADMIN_AXE = {**WCAG_21_AA, "rules": {"nested-interactive": {"enabled": False}}}


@pytest.fixture
def meeting(settings):
    settings.INTAKE_MIN_SECONDS = 0
    MunicipalityFactory()
    policy = PolicyFactory(slug="strategi", title_da="Frivillighedsstrategi",
                           title_en="Volunteering strategy", status=Policy.Status.CONSULTATION,
                           consultation_ends=datetime.date.today() + datetime.timedelta(days=30))
    services.process_steps_create_defaults(policy=policy)
    policy.process_steps.filter(position__lt=40).update(
        status=ProcessStep.Status.DONE, outcome_da="- Vi hørte noget.", outcome_en="- We heard.")
    step = policy.process_steps.get(position=40)
    step.status = ProcessStep.Status.IN_PROGRESS
    step.save()
    meeting = MeetingFactory(step=step, title_da="Dialogmøde", title_en="Dialogue meeting",
                             capacity=2, contact_email="arr@kommune.example")
    full = MeetingFactory(step=step, title_da="Fuldt møde", title_en="Full meeting", capacity=1)
    MeetingSignupFactory(meeting=full)
    return meeting, full


def test_the_process_pages_have_no_axe_violations(bare_site_page, meeting):
    page = bare_site_page
    meeting, full = meeting
    signup = MeetingSignupFactory(meeting=meeting)
    axe = Axe()
    problems = []
    for prefix, base, meetings, signed, waiting in [
        ("", "/politik/strategi", "moeder", "tilmeldt", "venteliste"),
        ("/en", "/en/policy/strategi", "meetings", "signed-up", "waiting-list"),
    ]:
        paths = [f"{base}/", f"{base}/{meetings}/{meeting.pk}/",
                 f"{base}/{meetings}/{full.pk}/",
                 f"{base}/{meetings}/{meeting.pk}/{signed}/",
                 f"{base}/{meetings}/{meeting.pk}/{waiting}/"]
        for path in paths:
            page.goto(ORIGIN + path)
            check_open_page(page, axe, path, problems)
            if path == f"{base}/{meetings}/{meeting.pk}/":
                # The form just checked, sent empty: the error summary and the marked fields.
                send_empty(page)
                check_open_page(page, axe, (prefix, "errors"), problems)
        with translation.override("en" if prefix else "da"):
            cancel = services.signup_cancel_url(signup)
        page.goto(ORIGIN + cancel)
        check_open_page(page, axe, (prefix, "cancel"), problems)
    assert problems == []


def test_the_current_step_is_announced_and_the_sign_up_works_by_keyboard(live_site_page,
                                                                         meeting):
    # A live server: the sign-up redirects to its answer page (see SharedConnectionServer).
    page, origin = live_site_page, live_site_page.origin
    meeting, _full = meeting
    page.goto(f"{origin}/politik/strategi/")
    current = page.locator('ol.process-steps > li[aria-current="step"]')
    assert current.count() == 1
    assert "nu:" in current.inner_text().lower() and "I gang" in current.inner_text()
    page.goto(f"{origin}/politik/strategi/moeder/{meeting.pk}/")
    page.fill("#id_name", "Anna Hansen")
    page.fill("#id_email", "anna@borger.example")
    page.fill("#id_people", "1")
    page.check("#id_consent")
    page.locator("main form[method='post'] button[type='submit']").press("Enter")
    page.wait_for_url("**/tilmeldt/")
    assert "Du er tilmeldt" in page.locator("h1").inner_text()


def test_the_admin_pages_for_steps_and_meetings_have_no_axe_violations(
        bare_site_page, meeting, django_user_model):
    page = bare_site_page
    meeting, _full = meeting
    policy = meeting.step.policy
    log_in(page, django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16))
    axe = Axe()
    problems = []
    # The policy's own page: the steps' inline (the rest of that page is not this part's).
    for path, part in [(f"/admin/policy/policy/{policy.pk}/change/", "#process_steps-group"),
                       (f"/admin/policy/processstep/{meeting.step.pk}/change/", "#content"),
                       (f"/admin/policy/meeting/{meeting.pk}/change/", "#content"),
                       ("/admin/policy/meeting/", "#content")]:
        page.goto(ORIGIN + path)
        assert page.locator(part).count() == 1, path
        context = {"include": [[part]], "exclude": [["#modeltranslation-main-switch"]]}
        for violation in axe.run(page, context=context, options=ADMIN_AXE).response["violations"]:
            problems.append((path, violation["id"],
                             [n["target"] for n in violation["nodes"]][:3]))
    assert problems == [], "\n".join(map(str, problems))
