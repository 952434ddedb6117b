"""Issue 18 §6: Danish text shown in an English page because a field has no English carries
lang="da" on its element (WCAG 2.1, 3.1.2 language of parts), through the `fallback_lang`
filter every app's templates use."""

import re

import pytest
from django.utils import translation

from tests.factories import GuideFactory, OpportunityFactory, PlaceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def english(obj):
    with translation.override("en"):
        return obj.get_absolute_url()


def element(page, text, tag=r"\w+"):
    """The opening tag of the (first `tag`) element whose content begins with `text`."""
    body = page.split("<main", 1)[1]  # not the <title> nor the breadcrumbs: plain text there
    match = re.search(rf"<({tag})\b([^<>]*)>\s*" + re.escape(text), body)
    assert match, text
    return match.group(0)


def test_a_guide_without_english_marks_its_danish_parts(client, municipality):
    topic = TopicFactory(name_da="Forsikring", name_en="Insurance")
    guide = GuideFactory(title_da="Kun på dansk", title_en="", summary_da="Et dansk resumé.",
                         summary_en="", body_da="## Afsnit\n\nDansk tekst.", body_en="",
                         topics=[topic])
    page = client.get(english(guide)).content.decode()
    assert 'lang="da"' in element(page, "Kun på dansk", "h1")
    assert 'lang="da"' in element(page, "Et dansk resumé.", "p")
    assert 'class="prose guide__body" lang="da"' in page
    # English parts stay unmarked: the legal basis has its translation.
    assert "lang=" not in element(page, "Social Services Act § 18")
    # The same guide in Danish needs no mark: the page is Danish.
    with translation.override("da"):
        danish = client.get(guide.get_absolute_url()).content.decode()
    assert "lang=" not in element(danish, "Kun på dansk", "h1")
    # Lists too: the guide's card on its topic page.
    listing = client.get(english(topic))
    assert 'lang="da"' in element(listing.content.decode(), "Kun på dansk", "a")


def test_a_translated_guide_has_no_danish_marks_in_english(client, municipality):
    guide = GuideFactory(title_en="Only in English", summary_en="An English summary.")
    page = client.get(english(guide)).content.decode()
    assert "lang=" not in element(page, "Only in English", "h1")
    assert 'lang="da"' not in page.split("<main", 1)[1]


def test_places_and_opportunities_mark_their_danish_fallback(client, municipality):
    place = PlaceFactory(name_da="Lille sal", name_en="", summary_en="")
    page = client.get(english(place))
    assert page.status_code == 200
    assert 'lang="da"' in element(page.content.decode(), "Lille sal", "h1")
    opportunity = OpportunityFactory(title_da="Kaffe i caféen", title_en="", summary_en="",
                                     description_en="")
    page = client.get(english(opportunity))
    assert page.status_code == 200
    assert 'lang="da"' in element(page.content.decode(), "Kaffe i caféen", "h1")


def _crumbs(page):
    return page.split('class="breadcrumbs"', 1)[1].split("</nav>", 1)[0]


def test_breadcrumbs_mark_a_danish_fallback_title(client, municipality):
    topic = TopicFactory(name_da="Kun dansk emne", name_en="")
    guide = GuideFactory(title_da="Kun på dansk", title_en="", topics=[topic])
    crumbs = _crumbs(client.get(english(guide)).content.decode())
    assert re.search(r'<li lang="da"><a href="[^"]+">Kun dansk emne</a></li>', crumbs)
    assert re.search(r'<li lang="da"><span aria-current="page">Kun på dansk</span></li>', crumbs)
    assert re.search(r"<li><a href=\"[^\"]+\">Toolbox</a></li>", crumbs)  # English: unmarked
    with translation.override("da"):
        danish = _crumbs(client.get(guide.get_absolute_url()).content.decode())
    assert "lang=" not in danish
    translated = GuideFactory(title_en="Only in English", topics=[topic])
    assert '<li><span aria-current="page">Only in English</span></li>' in _crumbs(
        client.get(english(translated)).content.decode())
