"""The consultation pages in a real Chromium with axe: the response form (empty and with
errors), its thank-you page, the policy page with published responses and a høringsnotat, and
the admin pages for responses and notes, at phone and desktop width in both languages."""

import datetime

import pytest
from django.utils import timezone

from policy.models import Policy, PolicyChange
from tests.browser.conftest import ORIGIN, WCAG_21_AA, Axe, check_open_page, log_in, send_empty
from tests.factories import (
    ConsultationNoteFactory,
    ConsultationResponseFactory,
    MunicipalityFactory,
    PolicyFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.browser]


@pytest.fixture
def data(settings):
    settings.INTAKE_MIN_SECONDS = 0
    MunicipalityFactory()
    today = timezone.localdate()
    open_policy = PolicyFactory(slug="i-hoering", status=Policy.Status.CONSULTATION,
                                adopted_on=None, consultation_ends=today + datetime.timedelta(days=5),
                                consultation_how_da="Svar inden fristen.")
    ThemeFactory(policy=open_policy, slug="unge", title_da="Unge", title_en="Young people")
    closed = PolicyFactory(slug="efter-hoering", consultation_ends=datetime.date(2025, 1, 15))
    theme = ThemeFactory(policy=closed, slug="rammer", title_da="Rammer", title_en="Frames")
    response = ConsultationResponseFactory(policy=closed, is_published=True,
                                           on_behalf_of="association",
                                           organisation_name="Klubben")
    response.themes.add(theme)
    ConsultationResponseFactory(policy=closed, is_published=True)
    note = ConsultationNoteFactory(policy=closed, theme=theme, changed_da="Ændret.")
    PolicyChange.objects.create(note=note, section_da="Indsats 1",
                                description_da="Ny tekst.").responses.add(response)
    return {"response": response, "note": note}


def test_the_consultation_pages_have_no_axe_violations(bare_site_page, data):
    page = bare_site_page
    axe = Axe()
    problems = []
    for prefix, policy, respond, thanks, print_ in [
        ("", "politik", "svar", "tak", "udskriv"),
        ("/en", "policy", "respond", "thanks", "print"),
    ]:
        base = f"{ORIGIN}{prefix}/{policy}"
        for path in ["/i-hoering/", f"/i-hoering/{respond}/",
                     f"/i-hoering/{respond}/{thanks}/", "/efter-hoering/",
                     f"/efter-hoering/{print_}/"]:
            page.goto(base + path)
            check_open_page(page, axe, (prefix, path), problems)
            if path == f"/i-hoering/{respond}/":
                # The form just checked, sent empty: the error summary and the marked fields.
                send_empty(page)
                check_open_page(page, axe, (prefix, "respond", "errors"), problems)
    assert problems == [], "\n".join(map(str, problems))


def test_the_admin_pages_have_no_axe_violations(bare_site_page, data, django_user_model):
    page = bare_site_page
    log_in(page, django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16))
    axe = Axe()
    problems = []
    paths = ["/admin/policy/consultationresponse/",
             f"/admin/policy/consultationresponse/{data['response'].pk}/change/",
             "/admin/policy/consultationnote/",
             f"/admin/policy/consultationnote/{data['note'].pk}/change/",
             "/admin/policy/consultationnote/add/"]
    for path in paths + ["/en" + path for path in paths]:
        page.goto(ORIGIN + path)
        assert page.locator("#content").count() == 1, path
        for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
            problems.append((path, violation["id"], [n["target"] for n in violation["nodes"]][:3]))
    assert problems == [], "\n".join(map(str, problems))
