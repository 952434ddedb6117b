import pytest

from indicators.search import IndicatorSearchProvider
from tests.sitemap import sitemap_paths

pytestmark = pytest.mark.django_db


def test_search_finds_public_indicators_in_the_reader_language(volunteers):
    hits = IndicatorSearchProvider().search("frivillige", "da", limit=10)
    assert [(h.title, h.url) for h in hits] == [("Frivillige registreret", "/indikatorer/frivillige/")]
    english = IndicatorSearchProvider().search("volunteers", "en", limit=10)
    assert [h.title for h in english] == ["Registered volunteers"]


def test_search_never_finds_internal_indicators(volunteers, internal):
    assert IndicatorSearchProvider().search("medarbejdere", "da", limit=10) == []
    assert IndicatorSearchProvider().search("kurser", "da", limit=10) == []


def test_search_snippet_is_escaped_and_marks_the_match(db):
    from tests.factories import IndicatorFactory

    IndicatorFactory(name_da="Lokaler", description_da="Bookinger <script>x</script> af lokaler")
    hit = IndicatorSearchProvider().search("lokaler", "da", limit=5)[0]
    assert "<script>" not in hit.snippet
    assert "<mark>lokaler</mark>" in hit.snippet


def test_search_survives_odd_queries(volunteers):
    # "OR" is a word like any other in the one dialect of every provider (core/search_text.py).
    for query in ["", "\x00", "' OR 1=1 --", "!!!", "x" * 5000, "' OR frivil --"]:
        assert IndicatorSearchProvider().search(query, "da", limit=5) == [], query
    # A real word among the odd characters is found as if it were typed alone.
    for query in ["'frivillige", "frivillige\x00", "!!frivil!!", "(frivil) | !"]:
        hits = IndicatorSearchProvider().search(query, "da", limit=5)
        assert [(h.title, h.url) for h in hits] == [
            ("Frivillige registreret", "/indikatorer/frivillige/")], query


def test_provider_is_registered(settings):
    assert "indicators.search.IndicatorSearchProvider" in settings.SEARCH_PROVIDERS


def test_sitemap_lists_dashboard_and_public_pages_in_both_languages(client, municipality,
                                                                     volunteers, internal):
    paths = sitemap_paths(client)
    assert {"/indikatorer/", "/en/indicators/", "/indikatorer/frivillige/",
            "/en/indicators/frivillige/"} <= set(paths)
    assert not [p for p in paths if "medarbejdere" in p]
