"""The page cache (core/cache.py): anonymous pages are kept until staff change content."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.test import Client

from core.cache import _placeholder, bump_content_version
from indicators.models import Indicator, MeetingStatus
from indicators.services import computed_indicators_refresh
from places.models import Place
from policy.models import ActionPoint, BodyMeeting, Policy, PolicySection
from policy.services import policy_adopt
from tests.factories import (
    AudienceFactory,
    BodyFactory,
    FeedbackFactory,
    GuideFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyFactory,
    TopicFactory,
)
from tests.helpers import count_queries, public_form_data
from toolbox.models import Feedback, Guide
from toolbox.services import guides_mark_reviewed
from volunteering.models import Opportunity

pytestmark = pytest.mark.django_db

GUIDE = "/vaerktoejskasse/vejledninger/hjaelp/"


@pytest.fixture
def guide(municipality):
    return GuideFactory(slug="hjaelp", title_da="Hjælp til frivillige", title_en="Help")


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def test_second_visit_is_served_from_the_cache_without_queries(client, guide,
                                                               django_assert_num_queries):
    assert cache_state(client.get(GUIDE)) == "miss"
    with django_assert_num_queries(0):
        response = client.get(GUIDE)
    assert cache_state(response) == "hit"
    assert "<h1>Hjælp til frivillige</h1>" in response.content.decode()


def test_danish_and_english_pages_are_kept_apart(client, guide):
    client.get(GUIDE)
    client.get("/en/toolbox/guides/hjaelp/")
    assert "<h1>Help</h1>" in client.get("/en/toolbox/guides/hjaelp/").content.decode()
    assert "<h1>Hjælp til frivillige</h1>" in client.get(GUIDE).content.decode()


def test_headers_of_the_outer_middleware_are_on_pages_from_the_cache(client, guide):
    first, second = client.get(GUIDE), client.get(GUIDE)
    assert cache_state(second) == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Permissions-Policy",
                   "Content-Type", "Content-Language", "Referrer-Policy"):
        assert second[header] == first[header], header
    assert second["X-Request-ID"] != first["X-Request-ID"]


# Invalidation: any change to content, however it is made

def test_an_edit_shows_at_once(client, guide):
    client.get(GUIDE)
    guide.title_da = "Ny titel"
    guide.save()
    response = client.get(GUIDE)
    assert cache_state(response) == "miss"
    assert "<h1>Ny titel</h1>" in response.content.decode()


def test_publishing_a_draft_and_unpublishing_it_show_at_once(client, guide):
    draft = GuideFactory(slug="kladde", title_da="Kommende", status=Guide.Status.DRAFT)
    assert client.get("/vaerktoejskasse/vejledninger/").content.decode().count("Kommende") == 0
    assert client.get("/vaerktoejskasse/vejledninger/kladde/").status_code == 404
    draft.status = Guide.Status.PUBLISHED
    draft.save()
    assert client.get("/vaerktoejskasse/vejledninger/kladde/").status_code == 200
    assert "Kommende" in client.get("/vaerktoejskasse/vejledninger/").content.decode()
    draft.status = Guide.Status.DRAFT
    draft.save()
    assert client.get("/vaerktoejskasse/vejledninger/kladde/").status_code == 404
    assert "Kommende" not in client.get("/vaerktoejskasse/vejledninger/").content.decode()


def test_deleting_shows_at_once(client, guide):
    assert "Hjælp til frivillige" in client.get("/vaerktoejskasse/vejledninger/").content.decode()
    guide.delete()
    assert "Hjælp til frivillige" not in client.get(
        "/vaerktoejskasse/vejledninger/").content.decode()
    assert client.get(GUIDE).status_code == 404


def test_a_many_to_many_change_shows_at_once(client, guide):
    client.get(GUIDE)
    guide.audiences.add(AudienceFactory(name_da="Foreningsledere"))
    assert "Foreningsledere" in client.get(GUIDE).content.decode()


def test_an_edit_in_the_admin_shows_at_once(client, admin_client, guide):
    topic = TopicFactory(name_da="Forsikring", slug="forsikring")
    assert "Forsikring" in client.get("/vaerktoejskasse/").content.decode()
    response = admin_client.post(f"/admin/toolbox/topic/{topic.pk}/change/", {
        "name_da": "Forsikringer og ansvar", "name_en": "", "slug": "forsikring",
        "description_da": "", "description_en": "", "position": 1,
    })
    assert response.status_code == 302
    assert "Forsikringer og ansvar" in client.get("/vaerktoejskasse/").content.decode()


def test_a_delete_in_the_admin_shows_at_once(client, admin_client, guide):
    client.get(GUIDE)
    response = admin_client.post(f"/admin/toolbox/guide/{guide.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.get(GUIDE).status_code == 404


def test_an_admin_action_that_writes_in_bulk_shows_at_once(client, admin_client, guide):
    Guide.objects.filter(pk=guide.pk).update(reviewed_on=datetime.date(2020, 1, 2))
    bump_content_version()
    assert "2. januar 2020" in client.get(GUIDE).content.decode()
    response = admin_client.post("/admin/toolbox/guide/", {
        "action": "mark_reviewed_today", "_selected_action": [guide.pk]})
    assert response.status_code == 302
    assert "2. januar 2020" not in client.get(GUIDE).content.decode()


def test_services_that_write_in_bulk_bump_the_version(client, guide):
    Guide.objects.filter(pk=guide.pk).update(reviewed_on=datetime.date(2020, 1, 2))
    bump_content_version()
    client.get(GUIDE)
    guides_mark_reviewed(guides=[guide], on=datetime.date(2024, 3, 5))
    assert "5. marts 2024" in client.get(GUIDE).content.decode()


def test_adopting_a_policy_archives_the_old_one_at_once(client, municipality):
    old = PolicyFactory(slug="gammel", title_da="Gammel politik", status=Policy.Status.ADOPTED)
    new = PolicyFactory(slug="ny", title_da="Ny politik", status=Policy.Status.CONSULTATION)
    assert "Gammel politik" in client.get("/politik/").content.decode()
    policy_adopt(policy=new, decisions=[(BodyFactory(kind="council"), datetime.date(2026, 2, 1))])
    assert "<h1>Ny politik</h1>" in client.get("/politik/").content.decode()
    assert "Gammel politik" in client.get("/politik/arkiv/").content.decode()
    old.refresh_from_db()
    assert old.status == Policy.Status.ARCHIVED


def test_refreshing_computed_indicators_shows_at_once(client, municipality):
    # Only the update() that makes last quarter's figure final runs: no signal is sent.
    indicator = IndicatorFactory(slug="gennemfoert", computed="action_points_done",
                                 frequency="quarter")
    ObservationFactory(indicator=indicator, period=datetime.date(2020, 1, 1),
                       status="provisional")
    assert "(foreløbigt)" in client.get("/indikatorer/gennemfoert/").content.decode()
    computed_indicators_refresh()
    assert "(foreløbigt)" not in client.get("/indikatorer/gennemfoert/").content.decode()


def test_readers_answers_do_not_empty_the_cache(client, guide):
    client.get(GUIDE)
    response = client.post(GUIDE + "tilbagemelding/", public_form_data({"is_useful": "yes"}))
    assert response.status_code == 302 and Feedback.objects.count() == 1
    assert cache_state(client.get(GUIDE)) == "hit"


def test_municipality_settings_show_at_once(client, guide, municipality):
    client.get(GUIDE)
    municipality.name = "Egedal Kommune"
    municipality.save()
    assert "Egedal Kommune" in client.get(GUIDE).content.decode()


# Never cached

def test_logged_in_staff_are_never_served_or_stored(client, admin_client, guide):
    assert cache_state(admin_client.get(GUIDE)) is None
    assert cache_state(admin_client.get(GUIDE)) is None
    assert cache_state(client.get(GUIDE)) == "miss"


def test_a_staff_preview_of_a_draft_is_never_stored(client, admin_client, municipality):
    GuideFactory(slug="kladde", status=Guide.Status.DRAFT)
    preview = admin_client.get("/vaerktoejskasse/vejledninger/kladde/")
    assert preview.status_code == 200 and "no-store" in preview["Cache-Control"]
    assert client.get("/vaerktoejskasse/vejledninger/kladde/").status_code == 404


def test_a_reader_with_a_session_or_a_message_is_not_served_from_the_cache(client, guide):
    client.get(GUIDE)
    assert cache_state(Client(HTTP_COOKIE="sessionid=abc").get(GUIDE)) is None
    assert cache_state(Client(HTTP_COOKIE="messages=abc").get(GUIDE)) is None


def test_the_admin_is_never_cached(client, municipality):
    client.get("/admin/login/")
    assert cache_state(client.get("/admin/login/")) is None


def test_posts_are_never_cached(client, guide):
    response = client.post(GUIDE + "tilbagemelding/", {"comment": "Hej"})
    assert response.status_code == 400 and cache_state(response) is None
    assert cache_state(client.get(GUIDE)) == "miss"


@pytest.mark.parametrize("url", ["/test/cookie", "/test/vary", "/test/private", "/test/no-store"],
                         ids=["set-cookie", "vary-cookie", "private", "no-store"])
def test_responses_for_one_reader_are_never_stored(client, settings, url):
    settings.ROOT_URLCONF = "tests.core.urls_cache"
    client.get(url)
    assert cache_state(client.get(url)) is None


def test_errors_are_never_stored(client, municipality):
    client.get("/vaerktoejskasse/vejledninger/findes-ikke/")
    assert cache_state(client.get("/vaerktoejskasse/vejledninger/findes-ikke/")) is None


def test_query_strings_are_kept_apart(client, settings):
    settings.ROOT_URLCONF = "tests.core.urls_cache"
    assert client.get("/test/plain?n=1").content == b"rendered 1"
    assert client.get("/test/plain?n=2").content == b"rendered 2"
    assert cache_state(client.get("/test/plain?n=1")) == "hit"


def test_switched_off_with_zero_seconds(client, guide, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(GUIDE)
    assert cache_state(client.get(GUIDE)) is None


# The guide's feedback form on a cached page

def token_in(page: str) -> str:
    marker = 'name="csrfmiddlewaretoken" value="'
    start = page.index(marker) + len(marker)
    return page[start:page.index('"', start)]


def test_each_reader_gets_a_fresh_working_csrf_token_from_a_cached_page(guide):
    Client().get(GUIDE)  # someone else fills the cache
    reader = Client(enforce_csrf_checks=True)
    response = reader.get(GUIDE)
    assert cache_state(response) == "hit"
    page = response.content.decode()
    assert _placeholder().decode() not in page
    assert set(response.cookies) == {"csrftoken"}
    # The form's signed start time comes from the cached page too, and works for this reader.
    started = re.search(r'name="started" value="([^"]+)"', page).group(1)
    answer = reader.post(GUIDE + "tilbagemelding/", {
        "is_useful": "yes", "csrfmiddlewaretoken": token_in(page), "started": started})
    assert answer.status_code == 302
    assert Feedback.objects.count() == 1


def test_a_cached_page_never_hands_out_another_readers_token(guide):
    first, second = Client(), Client()
    token = token_in(first.get(GUIDE).content.decode())
    page = second.get(GUIDE).content.decode()
    assert token_in(page) != token
    # The first reader's token is worthless to the second, whose cookie holds another secret.
    attacker = Client(enforce_csrf_checks=True)
    attacker.cookies = second.cookies
    assert attacker.post(GUIDE + "tilbagemelding/", {
        "is_useful": "yes", "csrfmiddlewaretoken": token}).status_code == 403


def test_a_post_without_a_token_is_still_refused(guide):
    Client().get(GUIDE)
    assert Client(enforce_csrf_checks=True).post(
        GUIDE + "tilbagemelding/", {"is_useful": "yes"}).status_code == 403
    assert Feedback.objects.count() == 0


# Conditional GET

def test_a_repeat_visit_with_the_etag_gets_304(client, guide):
    first = client.get("/vaerktoejskasse/")
    assert first["Cache-Control"] == "no-cache"
    repeat = client.get("/vaerktoejskasse/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 304 and repeat.content == b""
    assert client.get("/vaerktoejskasse/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
                      ).status_code == 304


def test_after_an_edit_the_old_etag_gets_the_new_page(client, guide):
    first = client.get(GUIDE)
    guide.title_da = "Ændret"
    guide.save()
    response = client.get(GUIDE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert response.status_code == 200 and "<h1>Ændret</h1>" in response.content.decode()


def test_a_page_with_a_form_is_304_only_for_the_same_csrf_cookie(guide):
    reader = Client()
    first = reader.get(GUIDE)
    assert first["ETag"].startswith('W/"')
    assert reader.get(GUIDE, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    # Another browser (another CSRF secret) must get a page with a token of its own.
    assert Client().get(GUIDE, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


# Queries

def test_every_public_page_stays_within_its_query_budget_and_the_same_at_scale(client, demo):
    from bench.management.commands.bench import MAX_QUERIES, bench_pages
    from bench.management.commands.generate_bench_data import Command

    pages = bench_pages()
    for _, path in pages:
        client.get(path)  # site-wide caches (municipality settings) warm
    small = {label: count_queries(client, path) for label, path in pages}
    generate = Command()
    generate.guides(Guide.objects.published().count() + 40)
    generate.indicators(Indicator.objects.count() + 5)
    generate.action_points(ActionPoint.objects.filter(theme__policy__status="adopted").count() + 30)
    generate.opportunities(Opportunity.objects.published().count() + 40)
    generate.places(Place.objects.public().count() + 40)
    generate.policy_shapes(0.2)  # sections, values, body members and meetings
    generate.process(40)  # process steps and meetings with sign-ups of the current policy
    generate.statuses()
    generate.alerts(300)  # subscribers, and change notes on the measured guide
    for _, path in pages:
        client.get(path)
    large = {label: count_queries(client, path) for label, path in pages}
    assert large == small
    over = {label: count for label, count in small.items() if count > MAX_QUERIES}
    assert over == {}, small


def test_generate_bench_data_is_idempotent(demo):
    call_command("generate_bench_data", "--scale", "0.01", stdout=open("/dev/null", "w"))
    counts = (Guide.objects.count(), Indicator.objects.count(), ActionPoint.objects.count(),
              Opportunity.objects.count(), Place.objects.count())
    assert Guide.objects.published().count() == 50
    assert Place.objects.public().count() == 15  # 1,000 × 0.01 is fewer than the demo's 15
    assert Opportunity.objects.published().count() == 20
    shapes = (PolicySection.objects.count(), BodyMeeting.objects.count())
    statuses = MeetingStatus.objects.count()
    assert statuses == 6  # the demo's two and the benchmark's four
    call_command("generate_bench_data", "--scale", "0.01", stdout=open("/dev/null", "w"))
    assert MeetingStatus.objects.count() == statuses
    assert (Guide.objects.count(), Indicator.objects.count(),
            ActionPoint.objects.count(), Opportunity.objects.count(),
            Place.objects.count()) == counts
    assert (PolicySection.objects.count(), BodyMeeting.objects.count()) == shapes


def test_generated_guides_are_found_by_a_common_word_in_both_languages(client, demo):
    from bench.management.commands.generate_bench_data import Command

    Command().guides(Guide.objects.published().count() + 30)
    danish = client.get("/vaerktoejskasse/soeg/?q=frivillig").content.decode()
    english = client.get("/en/toolbox/search/?q=volunteer").content.decode()
    assert "bench-" in danish and "bench-" in english


def test_feedback_factory_rows_are_ignored(client, guide):
    client.get(GUIDE)
    FeedbackFactory(guide=guide)
    assert cache_state(client.get(GUIDE)) == "hit"

