"""Issue 18 §6 pages at phone and desktop width, in both languages, with axe: a guide with its
stored-once templates and its planner steps, example places, organisations and opportunities
with the municipality's contact, an indicator page with the Danish CSV link and the chart in the
settings' colour, the toolbox front page and search with one search box; and the admin's
attachment pages. test_every_page.py walks the public pages at both widths (here they are
only looked up there); the searches are walked here."""

import pytest

from tests.browser.conftest import PUBLIC_PAGE_MEASURES, WIDTHS, log_in, walk
from tests.browser.coverage import assert_walked_by_every_page
from toolbox.models import Attachment

pytestmark = [pytest.mark.browser]
PATHS = [
    "/vaerktoejskasse/vejledninger/frivilligaftaler/", "/en/toolbox/guides/frivilligaftaler/",
    "/vaerktoejskasse/vejledninger/alkohol-ved-arrangementer/",
    "/en/toolbox/guides/alkohol-ved-arrangementer/",
    "/vaerktoejskasse/", "/en/toolbox/", "/politik/frivillighedspolitik/", "/en/policy/",
    "/indikatorer/frivillige-registreret/", "/en/indicators/frivillige-registreret/",
]
SEARCHES = ["/vaerktoejskasse/soeg/?q=fest", "/en/toolbox/search/?q=party"]


def _example_paths():
    from places.models import Place
    from volunteering.models import Opportunity, Organisation

    paths = []
    for model in (Place, Organisation, Opportunity):
        record = model.objects.filter(is_example=True).order_by("pk").first()
        assert record is not None, model
        paths.append(record.get_absolute_url())
    return paths


def test_the_polished_public_pages_are_accessible(site_page, client):
    from django.utils import translation

    examples = _example_paths()
    with translation.override("en"):
        examples += _example_paths()
    assert_walked_by_every_page(client, PATHS + examples)
    assert walk(site_page, SEARCHES, widths=WIDTHS) == []


def test_the_attachment_admin_pages_are_accessible(site_page, django_user_model):
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16)
    log_in(site_page, user)
    agreement = Attachment.objects.get(title_da="Frivilligaftale")
    paths = ["/admin/toolbox/attachment/", f"/admin/toolbox/attachment/{agreement.pk}/change/"]
    # As the other admin axe checks (test_search_and_planner_links.py): status, axe, layout.
    # The change page logs a CSP refusal of an inline style and a failed load from the admin's
    # own scripts; the other admin checks do not read the console either, so neither does this.
    problems = [problem for problem in walk(site_page, paths, widths=WIDTHS)
                if problem[2] != "console" and problem[2] not in PUBLIC_PAGE_MEASURES]
    assert problems == []
