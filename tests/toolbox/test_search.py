import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils.translation import override

from core.search import SearchHit, providers
from core.search_columns import search_column
from tests.factories import AudienceFactory, GuideFactory, MunicipalityFactory, TopicFactory
from toolbox.models import Guide
from core.search_text import search_words
from toolbox.search import GuideSearchProvider, build_query, search_guides, snippet

pytestmark = pytest.mark.django_db


def titles(query, language="da"):
    with override(language):
        return [guide.title for guide in search_guides(Guide.objects.published(), query, language)]


@pytest.fixture
def guides():
    return {
        "insurance": GuideFactory(
            title_da="Forsikring for frivillige", title_en="Insurance for volunteers",
            summary_da="Hvem dækker, når en frivillig kommer til skade?",
            summary_en="Who pays when a volunteer is injured?",
            body_da="## Arbejdsskade\n\nKommunens forsikring dækker ofte.",
            body_en="## Injury\n\nThe municipality's insurance often covers it."),
        "premises": GuideFactory(
            title_da="Lokaler til foreninger", title_en="Premises for associations",
            summary_da="Sådan booker I et lokale.", summary_en="How to book a room.",
            body_da="## Booking\n\nHusk at tjekke jeres forsikring, før I låner udstyr.",
            body_en="## Booking\n\nCheck your insurance before you borrow equipment."),
        "secrecy": GuideFactory(
            title_da="Tavshedspligt", title_en="Confidentiality",
            summary_da="Det, du hører, bliver hos dig.", summary_en="What you hear stays with you.",
            body_da="## Regler\n\nStraffeloven § 152.", body_en="## Rules\n\nCriminal Code s. 152."),
    }


@pytest.mark.parametrize("query, language, expected", [
    ("forsikr", "da", ["Forsikring for frivillige", "Lokaler til foreninger"]),
    ("forsikring", "da", ["Forsikring for frivillige", "Lokaler til foreninger"]),
    ("tavsh", "da", ["Tavshedspligt"]),
    ("insur", "en", ["Insurance for volunteers", "Premises for associations"]),
    ("confid", "en", ["Confidentiality"]),
    ("insurance volunt", "en", ["Insurance for volunteers"]),
], ids=["da-prefix", "da-word", "da-prefix-2", "en-prefix", "en-prefix-2", "en-two-words"])
def test_prefix_matching_and_ranking_in_both_languages(guides, query, language, expected):
    assert titles(query, language) == expected


def test_a_match_in_the_title_ranks_above_a_match_in_the_body(guides):
    results = list(search_guides(Guide.objects.published(), "forsikring", "da"))
    assert results[0].title == "Forsikring for frivillige"
    assert results[0].rank > results[1].rank


def test_title_matches_come_first_then_summary_matches_then_body_matches_by_title():
    GuideFactory(title_da="Zebra", summary_da="Intet her.", body_da="Om naboskab.")
    GuideFactory(title_da="Alfa", summary_da="Intet her.", body_da="Naboskab, naboskab.")
    GuideFactory(title_da="Mellem", summary_da="Godt naboskab.", body_da="Tekst.")
    GuideFactory(title_da="Naboskab", summary_da="Intet her.", body_da="Tekst.")
    assert titles("naboskab") == ["Naboskab", "Mellem", "Alfa", "Zebra"]


def test_the_snippet_is_the_summary_when_it_has_the_word_otherwise_the_body():
    GuideFactory(title_da="Lån af lokaler", summary_da="Sådan låner I et lokale gratis.",
                 body_da="## Regler\n\nEt lokale kan lånes af foreninger.")
    GuideFactory(title_da="Udstyr", summary_da="Om udstyr.",
                 body_da="## Regler\n\nUdstyr følger ikke med et lokale.")
    headlines = {guide.title: str(snippet(guide.headline)) for guide in
                 search_guides(Guide.objects.published(), "lokale", "da")}
    assert headlines["Lån af lokaler"] == "Sådan låner I et <mark>lokale</mark> gratis."
    assert "Udstyr følger ikke med et <mark>lokale</mark>" in headlines["Udstyr"]


@pytest.mark.django_db(transaction=True, databases=["default", "search"])
def test_a_common_word_is_matched_through_the_index_and_ranked_on_a_vector_in_the_row(
        client, settings):
    """Every guide has the word, so PostgreSQL would read the whole table and unpack each
    guide's large vector; the search connection goes through the GIN index instead, and ranks
    on a small vector stored in the row."""
    settings.SEARCH_DATABASE = "search"
    MunicipalityFactory()
    GuideFactory.create_batch(40, summary_da="Til frivillige foreninger.")
    search = connections["search"]
    with search.cursor() as cursor:
        cursor.execute("ANALYZE toolbox_guide")
        cursor.execute("SELECT attname, attstorage FROM pg_attribute WHERE attrelid = "
                       "'toolbox_guide'::regclass AND attname LIKE 'rank_%%'")
        assert dict(cursor.fetchall()) == {"rank_da": "m", "rank_en": "m"}
    with CaptureQueriesContext(search) as queries:
        page = client.get("/vaerktoejskasse/soeg/", {"q": "frivillig"}).content.decode()
    assert "40 vejledninger passer til “frivillig”" in page
    assert page.count("<mark>frivillige</mark>") == 20
    ranked = next(query["sql"] for query in queries if "ts_rank" in query["sql"])
    with search.cursor() as cursor:
        cursor.execute("EXPLAIN " + ranked)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # The guides through the index; the topic names (a subquery per listed guide) may scan
    # their small tables.
    assert "toolbox_guide_search_da_gin" in plan and "Seq Scan on toolbox_guide " not in plan
    # Qualified with the table name once the topic subquery brings other tables in.
    assert "ts_rank(toolbox_guide.rank_da" in plan


def test_english_search_finds_danish_text_where_no_translation_exists():
    GuideFactory(title_da="Børneattest", title_en="", summary_en="", body_en="")
    assert titles("børneattest", "en") == ["Børneattest"]


def test_only_letters_and_digits_reach_the_query():
    assert search_words("a:b & | ! ( ) <-> '\x00 forsikr*") == ["a", "b", "forsikr"]
    assert build_query("!!! ()", "da") is None


@pytest.mark.parametrize("query, expected", [
    ("' OR 1=1 --", []), ("foo:* | bar", []), ("(", []), ("\\", []), ("\x00", []), ("💥", []),
    ("x" * 5000, []), ("a & !b", ["Lokaler til foreninger"]),
    # Operators around a real word are dropped, not obeyed: the word is found as if typed alone.
    ("(forsikring)", ["Forsikring for frivillige", "Lokaler til foreninger"]),
    ("forsikring:* | !tavsh", []),
    ("!tavsh", ["Tavshedspligt"]),
], ids=["sql", "operators", "paren", "backslash", "nul", "emoji", "long", "and-not",
        "word-in-parens", "or-is-and", "not-is-ignored"])
def test_odd_input_never_breaks_the_query(guides, query, expected):
    assert titles(query) == expected


def test_snippet_highlights_matches_and_escapes_everything_else():
    GuideFactory(title_da="Skadelig",
                 body_da="Hvis 5 < 6 & <script>alert(1)</script> så **forsikring** <b>nu</b>.")
    guide = search_guides(Guide.objects.published(), "forsikring", "da").get()
    html = str(snippet(guide.headline))
    assert "<mark>forsikring</mark>" in html
    assert "5 &lt; 6 &amp;" in html
    assert "<script>" not in html and "<b>" not in html and "**" not in html


def test_drafts_and_withdrawn_guides_are_not_found(guides):
    GuideFactory(title_da="Forsikring kladde", status=Guide.Status.DRAFT)
    GuideFactory(title_da="Forsikring gammel", status=Guide.Status.WITHDRAWN)
    assert "Forsikring kladde" not in titles("forsikring")
    assert "Forsikring gammel" not in titles("forsikring")


def test_the_provider_is_registered_and_returns_hits(guides):
    provider = next(p for p in providers() if isinstance(p, GuideSearchProvider))
    hits = provider.search("forsikr", "da", limit=1)
    assert len(hits) == 1 and isinstance(hits[0], SearchHit)
    assert (hits[0].title, hits[0].url, hits[0].kind) == (
        "Forsikring for frivillige", guides["insurance"].get_absolute_url(), "Vejledning")


def test_gin_indexes_exist_and_are_used(guides):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = "
                       "'toolbox_guide' AND indexname LIKE '%%search%%'")
        indexes = dict(cursor.fetchall())
        assert set(indexes) == {"toolbox_guide_search_da_gin", "toolbox_guide_search_en_gin"}
        assert all("USING gin" in definition for definition in indexes.values())
        cursor.execute("SET enable_seqscan = off")
        queryset = (Guide.objects.published().alias(search=search_column(Guide, "da"))
                    .filter(search=build_query("forsikr", "da")))
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "toolbox_guide_search_da_gin" in plan


# The search page

def test_search_page_lists_hits_with_highlighted_snippets(client, municipality, guides):
    page = client.get("/vaerktoejskasse/soeg/", {"q": "forsikr"}).content.decode()
    assert "2 vejledninger passer til “forsikr”" in page
    assert '<a href="/vaerktoejskasse/vejledninger/' in page
    assert "<mark>forsikring</mark>" in page
    assert page.count("<h1>") == 1


def test_search_page_in_english(client, municipality, guides):
    page = client.get("/en/toolbox/search/", {"q": "insur"}).content.decode()
    assert "2 guides match “insur”" in page
    assert "Insurance for volunteers" in page


def test_search_filters_by_topic_and_audience(client, municipality, guides):
    topic, audience = TopicFactory(slug="forsikring"), AudienceFactory(slug="forening")
    guides["premises"].topics.set([topic])
    guides["premises"].audiences.set([audience])
    by_topic = client.get("/vaerktoejskasse/soeg/", {"q": "forsikring", "topic": "forsikring"})
    assert "1 vejledning passer" in by_topic.content.decode()
    assert "Lokaler til foreninger" in by_topic.content.decode()
    by_audience = client.get("/vaerktoejskasse/soeg/", {"q": "forsikring", "audience": "forening"})
    assert "Lokaler til foreninger" in by_audience.content.decode()


def test_search_with_an_unknown_filter_searches_everything_and_says_so(client, municipality,
                                                                       guides):
    page = client.get("/vaerktoejskasse/soeg/", {"q": "forsikring", "topic": "nope"}).content.decode()
    assert "Vi kendte ikke det filter" in page
    assert "2 vejledninger passer" in page


def test_empty_result_is_helpful(client, municipality, guides):
    TopicFactory(name_da="Børneattest", slug="borneattest")
    page = client.get("/vaerktoejskasse/soeg/", {"q": "xyzzy"}).content.decode()
    assert "Ingen vejledninger passer til “xyzzy”" in page
    assert "“forsikr” finder også “forsikring”" in page
    assert '<a href="/vaerktoejskasse/emner/borneattest/">Børneattest</a>' in page
    assert "11 22 33 44" in page  # the municipality's phone


def test_search_page_without_a_query_offers_the_topics(client, municipality):
    TopicFactory(name_da="Tilladelser", slug="tilladelser")
    page = client.get("/vaerktoejskasse/soeg/").content.decode()
    assert "Se emnerne" in page and "Tilladelser" in page


def test_search_page_shows_hits_from_other_providers(client, municipality, guides, settings):
    settings.SEARCH_PROVIDERS = ["toolbox.search.GuideSearchProvider",
                                 "tests.toolbox.test_search.FakeProvider"]
    providers.cache_clear()
    try:
        page = client.get("/vaerktoejskasse/soeg/", {"q": "forsikring"}).content.decode()
    finally:
        settings.SEARCH_PROVIDERS = ["toolbox.search.GuideSearchProvider"]
        providers.cache_clear()
    assert "<h2>Temaer</h2>" in page and "Et tema om forsikring" in page


class FakeProvider:
    label = "Temaer"

    def search(self, query, language, *, limit):
        return [SearchHit(title="Et tema om forsikring", url="/politik/", snippet="Tekst",
                          kind="Tema", rank=1.0)]
