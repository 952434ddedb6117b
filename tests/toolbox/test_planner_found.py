"""Issue 18 §4 on the demo site: the planner is linked where people plan, and no public page
shows a placeholder contact."""

import re

import pytest

from tests.helpers import count_queries
from tests.sitemap import sitemap_paths
from toolbox.models import Contact, Guide

pytestmark = pytest.mark.django_db

CTA_DA = '<a class="planner-cta__link" href="/vaerktoejskasse/planlaeg/">Start planlæggeren</a>'
CTA_EN = '<a class="planner-cta__link" href="/en/toolbox/plan/">Start the planner</a>'
# Invented addresses and numbers: example.dk/.org (RFC 2606) and +45 00 00 00 0x.
PLACEHOLDER = re.compile(r"[\w.-]*example\.(?:dk|org)[\w/.-]*|\+45 00 00 00 0\d")


def html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_the_home_page_links_the_planner_in_both_languages(client, demo):
    home = html(client, "/")
    assert CTA_DA in home
    assert '<h2 id="planner-cta-heading">Planlæg jeres arrangement</h2>' in home
    assert CTA_EN in html(client, "/en/")


@pytest.mark.parametrize("path", [
    "/vaerktoejskasse/emner/tilladelser/", "/vaerktoejskasse/emner/lokaler-og-faciliteter/",
    "/vaerktoejskasse/vejledninger/alkohol-ved-arrangementer/",
    "/vaerktoejskasse/vejledninger/mad-ved-arrangementer/",
    "/vaerktoejskasse/vejledninger/brandsikkerhed-og-overnatning/",
    "/vaerktoejskasse/vejledninger/offentlige-arrangementer-og-byrum/",
])
def test_the_permits_and_premises_topics_and_the_event_guides_link_the_planner(client, demo,
                                                                               path):
    assert CTA_DA in html(client, path)


def test_a_guide_the_planner_does_not_read_has_no_call_to_action(client, demo):
    """"About events" is read from the planner itself: a guide one of its checklist items
    points to. The others (confidentiality for staff, agreements …) have no call to action."""
    others = Guide.objects.published().filter(requirements=None)
    assert others.exists()
    for guide in others:
        assert "planner-cta" not in html(client, guide.get_absolute_url()), guide.slug


def test_no_public_page_shows_a_placeholder_contact(client, demo):
    """The demo's contacts hold placeholders and are not confirmed: the municipality's main
    contact is shown instead; places, organisations and opportunities that are example data
    show it too (issue 18 §6). Every page of the sitemap of every app in both languages, and
    the planner with every checklist item chosen."""
    paths = sitemap_paths(client)
    assert len(paths) > 40
    assert {"/steder/", "/en/places/", "/bliv-frivillig/", "/en/volunteer/"} <= set(paths)
    planner = ("/vaerktoejskasse/planlaeg/?dato=2030-06-14&sted=ude&deltagere=over-150"
               "&alkohol=spiritus&boern=ja" + "".join(
                   f"&aktiviteter={key}" for key in ("vej", "mad", "indsamling", "lotteri",
                                                     "overnatning", "foto", "lokale", "kommune")))
    shown = {}
    english_planner = planner.replace("/vaerktoejskasse/planlaeg/", "/en/toolbox/plan/")
    for path in [*paths, planner, english_planner]:
        page = html(client, path)
        found = PLACEHOLDER.findall(page)
        if found:
            shown[path] = sorted(set(found))
    assert shown == {}


def test_the_admin_lists_the_unconfirmed_contacts(admin_client, demo):
    unconfirmed = set(Contact.objects.filter(details_confirmed=False)
                      .values_list("name", flat=True))
    assert {"Kultur & Fritid", "Frivilligcenter", "Borgerservice"} <= unconfirmed
    page = admin_client.get("/admin/toolbox/contact/", {"details_confirmed__exact": "0"})
    text = page.content.decode()
    assert page.status_code == 200
    assert all(name.replace("&", "&amp;") in text for name in unconfirmed)
    assert "Politiet" not in text
    listing = admin_client.get("/admin/toolbox/contact/").content.decode().lower()
    assert "oplysninger bekræftet" in listing


STEPS = re.compile(r'<ul aria-labelledby="planner-items-intro">(.*?)</ul>', re.S)
STEP = re.compile(r'<li><a href="([^"]+)">([^<]+)</a></li>')


def test_an_event_guide_links_each_of_its_planner_steps_with_the_answers_that_bring_it_in(
        client, demo):
    """Issue 18 §4: from the alcohol guide, "Søg lejlighedstilladelse hos politiet" opens the
    planner with the answers (beer and wine, outdoors) under which the checklist shows it."""
    page = html(client, "/vaerktoejskasse/vejledninger/alkohol-ved-arrangementer/")
    steps = [(href.replace("&amp;", "&"), title)
             for href, title in STEP.findall(STEPS.search(page).group(1))]
    assert ("/vaerktoejskasse/planlaeg/?alkohol=oel-vin&sted=ude",
            "Søg lejlighedstilladelse hos politiet") in steps
    for href, title in steps:
        answer_page = html(client, href)
        checklist = answer_page.split('class="checklist"', 1)[1]
        assert title in checklist, (href, title)


def test_the_planner_steps_of_a_guide_cost_no_query_per_step(client, demo):
    # The steps and their answers come in the guide's own query (13 queries before).
    path = "/en/toolbox/guides/alkohol-ved-arrangementer/"
    count_queries(client, path)  # warm the site-wide caches (municipality settings)
    assert count_queries(client, path) == 6
