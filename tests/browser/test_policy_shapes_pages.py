"""Issue 16 §3–4 in Chromium with axe at phone and desktop width, both languages: the policy
pages with sections and values, the commitments without an action plan, the bodies' pages, the
action plan's policy filter, and the two new admin pages (adoption, moving theme links).
The demo's policy pages that these policies leave as they were are the pages test_every_page.py
walks (at both widths, with all of `walk`'s checks); only the new ones and those they change
are walked here."""

import datetime
from urllib.parse import urlsplit

import pytest

from policy.models import Policy, PolicySection, PolicyValue
from tests.browser.conftest import ORIGIN, WCAG_21_AA, Axe, log_in
from tests.browser.coverage import changed_by
from tests.factories import ActionPointFactory, PolicyFactory, ThemeFactory
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser]
WIDTHS = [390, 1280]


def _shaped_policies():
    """Kalundborg's and Rudersdal's shapes beside the demo policy."""
    strategy = PolicyFactory(
        slug="frivilligstrategi", kind=Policy.Kind.STRATEGY, title_da="Frivilligstrategi",
        title_en="Volunteering strategy", has_action_plan=False,
        theme_body_heading_da="Vi ved", theme_body_heading_en="We know",
        action_points_heading_da="Vi vil", action_points_heading_en="We will")
    theme = ThemeFactory(policy=strategy, slug="klare-rammer", title_da="Klare rammer",
                         title_en="Clear frames", body_da="Vi ved noget.", body_en="We know.")
    ActionPointFactory(theme=theme, title_da="Vi vil noget", title_en="We will do something")
    PolicySection.objects.create(policy=strategy, placement="after", title_da="Vejen videre",
                                 title_en="The way ahead", body_da="## Tak\n\nTak til alle.",
                                 body_en="## Thanks\n\nThanks to all.")
    values = PolicyFactory(slug="vaerdipolitik", kind=Policy.Kind.ACTION_PLAN,
                           status=Policy.Status.CONSULTATION, adopted_on=None,
                           consultation_ends=datetime.date(2031, 1, 15),
                           title_da="Værdipolitik", title_en="Values policy")
    for n, title in enumerate(["Det er enkelt at være frivillig", "Frivillighed anerkendes"]):
        PolicyValue.objects.create(policy=values, position=n, title_da=title,
                                   text_da="Kort tekst.", text_en="Short text.")
    return strategy


def _problems(page, paths, axe):
    """Each page loaded once and checked at each width (resized, not loaded again)."""
    problems = []
    for path in paths:
        response = page.goto(ORIGIN + path)
        if response.status != 200:
            problems.append((path, "status", response.status))
        if page.locator("h1").count() != 1:
            problems.append((path, "h1 count", page.locator("h1").count()))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                problems.append((path, "horizontal scroll", width))
            for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
                problems.append((path, "axe", width, violation["id"],
                                 [node["target"] for node in violation["nodes"]][:3]))
    return problems


def test_policy_shape_and_body_pages_are_accessible(site_page, client):
    queries = ["/politik/handlingsplan/?scope=archived", "/en/policy/action-plan/?scope=all",
               "/politik/handlingsplan/?scope=bogus"]
    demo = [p for p in sitemap_paths(client) if p.startswith(("/politik/", "/en/policy/"))]
    demo += ["/en/policy/action-plan/?scope=all"]  # in the every-page walk's EXTRA_PATHS
    _strategy, changed = changed_by(client, demo, _shaped_policies)
    paths = [p for p in sitemap_paths(client) if p.startswith(("/politik/", "/en/policy/"))]
    assert "/politik/raad-og-udvalg/frivillighedsraadet/" in paths
    assert "/en/policy/bodies/folkeoplysningsudvalget/" in paths
    paths = [p for p in paths + queries if p not in demo] + changed
    own_host = urlsplit(ORIGIN).netloc
    foreign = []
    site_page.on("request", lambda r: urlsplit(r.url).netloc not in (own_host, "")
                 and foreign.append(r.url))
    problems = _problems(site_page, paths, Axe())
    assert problems == [], "\n".join(map(str, problems))
    assert foreign == []


def test_adoption_and_theme_move_admin_pages_are_accessible(site_page, django_user_model):
    strategy = _shaped_policies()
    archived = Policy.objects.get(slug="frivillighedsstrategi")  # the demo's draft
    log_in(site_page, django_user_model.objects.create_superuser("redaktoer", "r@example.dk",
                                                                 "x" * 16))
    current = Policy.objects.current()
    # The two pages this issue adds. (The change forms around them are Django's and
    # modeltranslation's own, with their known findings: tabs nested in list items, inline
    # table inputs labelled by the column heading.)
    paths = [f"/admin/policy/policy/{archived.pk}/adopt/",
             "/admin/indicators/indicator/move-themes/",
             f"/admin/indicators/indicator/move-themes/?old_policy={current.pk}"
             f"&new_policy={strategy.pk}"]
    problems = [p for p in _problems(site_page, paths, Axe())
                if p[1] != "horizontal scroll"]  # the admin's own wide tables scroll
    assert problems == [], "\n".join(map(str, problems))
