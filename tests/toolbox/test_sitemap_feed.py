import pytest

from tests.factories import AudienceFactory, GuideFactory, TopicFactory
from toolbox.models import Guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def content(municipality):
    TopicFactory(slug="forsikring")
    AudienceFactory(slug="frivillig")
    GuideFactory(slug="offentlig", title_da="Offentlig", title_en="Public")
    GuideFactory(slug="kladde", title_da="Kladde", title_en="Draft",
                 status=Guide.Status.DRAFT)
    GuideFactory(slug="trukket", title_da="Trukket", title_en="Withdrawn",
                 status=Guide.Status.WITHDRAWN)


def test_sitemap_lists_toolbox_pages_and_published_guides_in_both_languages(client, content):
    body = client.get("/sitemap.xml").content.decode()
    for path in ("/vaerktoejskasse/", "/en/toolbox/", "/vaerktoejskasse/vejledninger/",
                 "/vaerktoejskasse/emner/forsikring/", "/en/toolbox/topics/forsikring/",
                 "/vaerktoejskasse/maalgrupper/frivillig/", "/en/toolbox/audiences/frivillig/",
                 "/vaerktoejskasse/vejledninger/offentlig/", "/en/toolbox/guides/offentlig/"):
        assert f"<loc>http://testserver{path}</loc>" in body, path
    assert "kladde" not in body and "trukket" not in body


@pytest.mark.parametrize("url", ["/vaerktoejskasse/vejledninger/feed/",
                                 "/en/toolbox/guides/feed/"])
def test_feed_lists_published_guides_only(client, content, url):
    response = client.get(url)
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "/vejledninger/offentlig/" in body or "/guides/offentlig/" in body
    assert "kladde" not in body and "trukket" not in body


def test_english_feed_is_in_english(client, content):
    body = client.get("/en/toolbox/guides/feed/").content.decode()
    assert "<title>Public</title>" in body
    assert "<title>New guides – Frivillighedsportalen</title>" in body


@pytest.mark.parametrize("url", ["/vaerktoejskasse/vejledninger/feed/",
                                 "/en/toolbox/guides/feed/"])
def test_feed_summaries_are_declared_plain_text_and_hold_the_summary_as_typed(client,
                                                                              municipality, url):
    """Issue 12.9: a summary sent as type="html" was rendered as markup by feed readers."""
    from xml.etree import ElementTree

    summary = '<img src=x onerror=alert(1)> Tjek & "husk" <b>det</b>'
    GuideFactory(slug="med-markup", summary_da=summary, summary_en=summary)
    feed = ElementTree.fromstring(client.get(url).content)
    atom = "{http://www.w3.org/2005/Atom}"
    summaries = feed.findall(f"{atom}entry/{atom}summary")
    assert [(s.get("type"), s.text) for s in summaries] == [("text", summary)]
