import pytest
from django.conf import settings

from core.search import providers
from core.search_text import search_words
from policy.search import PolicySearchProvider, snippet
from tests.factories import ActionPointFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def search(query, language="da", limit=10):
    return PolicySearchProvider().search(query, language, limit=limit)


def test_provider_is_registered_in_the_site_search():
    assert "policy.search.PolicySearchProvider" in settings.SEARCH_PROVIDERS
    assert any(isinstance(p, PolicySearchProvider) for p in providers())


def test_typed_words_become_prefix_terms_and_nothing_else_reaches_postgresql():
    """The words of the one dialect every provider shares (core/search_text.py)."""
    assert search_words("frivil  forsik") == ["frivil", "forsik"]
    assert search_words("a' | !b & (c) <-> d:*") == ["a", "b", "c", "d"]
    assert search_words("'; DROP TABLE --") == ["drop", "table"]
    assert search_words("  ") == []


def test_search_finds_policy_theme_and_action_point_in_danish(ballerup):
    hits = search("frivillighed")
    kinds = {(hit.kind, hit.title) for hit in hits}
    assert ("Tema", "Frivillighed er fællesskaber") in kinds
    assert ("Politik", "Frivillighedspolitik") in kinds


def test_search_matches_prefixes_of_whole_typed_words(ballerup):
    hits = search("rådgiv")
    assert [hit.title for hit in hits] == ["Gøre det let at få rådgivning"]
    assert hits[0].url == ("/politik/frivillighedspolitik/frivillighed-er-faellesskaber/"
                           "#indsats-let-raadgivning")
    assert hits[0].kind == "Indsats"


def test_search_uses_danish_stemming_for_danish(ballerup):
    # "forhindringerne" and "forhindringer" share the Danish stem.
    assert [hit.title for hit in search("forhindringerne")] == ["Frivillighed er fællesskaber"]


def test_search_in_english_uses_english_text_and_urls(ballerup):
    hits = search("obstacles", "en")
    assert [(hit.title, hit.url, hit.kind) for hit in hits] == [
        ("Volunteering is community",
         "/en/policy/frivillighedspolitik/frivillighed-er-faellesskaber/", "Theme")]


def test_english_search_falls_back_to_danish_text_when_untranslated(municipality):
    ActionPointFactory(title_da="Bænkebiderindsats", title_en="")
    assert [hit.title for hit in search("bænkebider", "en")] == ["Bænkebiderindsats"]


def test_results_are_ranked_title_matches_first(municipality):
    theme = ThemeFactory(title_da="Naboskab i byen", body_da="Naboskab.")
    ThemeFactory(policy=theme.policy, title_da="Andet", body_da="Her nævnes naboskab kort.")
    titles = [hit.title for hit in search("naboskab")]
    assert titles[0] == "Naboskab i byen"


def test_snippet_marks_matches_and_escapes_everything_else(municipality):
    ThemeFactory(title_da="Sikkerhed",
                 body_da='Tekst <script>alert(1)</script> om <b>sikkerhed</b> & "fest".')
    hit = search("sikkerhed")[0]
    # PostgreSQL drops tags from headlines; whatever else is left is escaped.
    assert "<script" not in hit.snippet and "<b>" not in hit.snippet
    assert "&amp;" in hit.snippet
    assert "<mark>sikkerhed</mark>" in hit.snippet


def test_snippet_helper_allows_only_mark():
    assert snippet("\ue000ja\ue001 <img src=x onerror=alert(1)>") == (
        "<mark>ja</mark> &lt;img src=x onerror=alert(1)&gt;")


@pytest.mark.parametrize("language", ["da", "en"])
def test_search_never_returns_drafts(ballerup, draft, language):
    hits = search("skjult", language) + search("hemmelig", language) + search("hidden", language) + search("secret", language) \
        + search("kladde", language) + search("frivillighed", language, limit=50)
    assert all("hemmelig-strategi" not in hit.url for hit in hits)
    assert all("Skjult" not in hit.title and "Hidden" not in hit.title for hit in hits)


@pytest.mark.parametrize("query", ["", "   ", "og", "\x00", "'", "*:", "&&", "x" * 5000])
def test_odd_queries_return_nothing_without_errors(ballerup, query):
    assert search(query) == []


@pytest.mark.parametrize("query", ["'rådgiv", "rådgiv\x00", "*:rådgiv", "&& rådgiv ||", "(rådgiv)",
                                   "rådgiv:* | !"])
def test_a_word_among_odd_characters_is_found_as_if_typed_alone(ballerup, query):
    assert [(hit.kind, hit.title) for hit in search(query)] == [
        ("Indsats", "Gøre det let at få rådgivning")]


def test_limit_is_respected(kalundborg):
    assert len(search("styrke", limit=3)) == 3
