"""E-mail alerts when the toolbox changes (issue 18 §5): double opt-in, one-click unsubscribe,
the major-change box in the admin, one e-mail per address, retention."""

import datetime
import json

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intake import personal_data
from intake.models import Delivery
from tests.factories import AudienceFactory, GuideFactory, RuleFactory, TopicFactory
from tests.helpers import admin_form_data, count_queries
from tests.volunteering.forms_support import hidden_fields
from toolbox import subscriptions
from toolbox.models import ChangeNote, Guide, Subscription

pytestmark = pytest.mark.django_db

ANNA = "anna@borger.example"


@pytest.fixture
def topic(municipality):
    return TopicFactory(slug="tilladelser", name_da="Tilladelser", name_en="Permits")


@pytest.fixture
def guide(topic):
    guide = GuideFactory(slug="alkohol", title_da="Alkohol ved arrangementer",
                         title_en="Alcohol at events")
    guide.topics.add(topic)
    guide.audiences.add(AudienceFactory())
    return guide


def ask(client, url, email=ANNA):
    """Fill in the alert form as a reader: GET the page, keep its hidden fields, POST."""
    page = client.get(url)
    assert page.status_code == 200
    data = {**hidden_fields(page.content.decode()), "alert-website": "", "alert-email": email}
    return client.post(url, data)


def subscribe(email, *, kind="toolbox", guide=None, topic=None, confirmed=True, language="da"):
    subscription = subscriptions.subscription_request(email=email, kind=kind, guide=guide,
                                                      topic=topic, language=language)
    if confirmed:
        subscription = subscriptions.subscription_confirm(subscription=subscription)
    return subscription


def path_of(link: str) -> str:
    from django.conf import settings
    return link.removeprefix(settings.SITE_URL)


def link_in(body: str, part: str) -> str:
    return next(line.strip() for line in body.splitlines() if part in line)


# Subscribing ---------------------------------------------------------------------------------

def test_asking_stores_one_unconfirmed_address_and_queues_a_confirmation(client, guide,
                                                                        no_min_time):
    url = reverse("toolbox:guide-subscribe", kwargs={"slug": guide.slug})
    response = ask(client, url, email=" Anna@Borger.example ")
    assert response.status_code == 302 and response["Location"] == f"{url}?sendt=1"
    [subscription] = Subscription.objects.all()
    assert (subscription.email, subscription.kind, subscription.guide, subscription.confirmed_at
            ) == (ANNA, "guide", guide, None)
    [mail] = Delivery.objects.filter(purpose="toolbox.subscription.confirm")
    assert mail.to == [ANNA] and mail.status == Delivery.Status.QUEUED  # the worker sends it
    assert mail.subject == "Bekræft din e-mailbesked: vejledningen “Alkohol ved arrangementer”"
    assert "/vaerktoejskasse/abonnement/bekraeft/" in mail.body
    assert mail.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/vaerktoejskasse/abonnement/afmeld/" in mail.headers["List-Unsubscribe"]
    answer = client.get(response["Location"]).content.decode()
    assert "Se i din indbakke." in answer


def test_asking_again_makes_no_second_row_and_the_answer_is_the_same(client, guide, no_min_time):
    url = reverse("toolbox:guide-subscribe", kwargs={"slug": guide.slug})
    first = ask(client, url)
    again = ask(client, url, email="ANNA@borger.example")
    assert first["Location"] == again["Location"]
    assert Subscription.objects.count() == 1
    # Unconfirmed: the same link again. Confirmed: nothing more is sent, the same answer given.
    assert Delivery.objects.count() == 2
    subscriptions.subscription_confirm(subscription=Subscription.objects.get())
    confirmed = ask(client, url)
    assert confirmed["Location"] == first["Location"] and Delivery.objects.count() == 2
    assert Subscription.objects.count() == 1


def test_the_guide_page_carries_the_small_form_and_the_lists_link_to_theirs(client, guide,
                                                                           topic):
    page = client.get(guide.get_absolute_url()).content.decode()
    action = reverse("toolbox:guide-subscribe", kwargs={"slug": guide.slug})
    assert f'action="{action}"' in page and 'name="alert-email"' in page
    for url, target in [
        (topic.get_absolute_url(), reverse("toolbox:topic-subscribe", kwargs={"slug": topic.slug})),
        (reverse("toolbox:index"), reverse("toolbox:subscribe")),
    ]:
        response = client.get(url)
        page = response.content.decode()
        assert f'href="{target}"' in page and "Få besked på e-mail, når den ændres" in page, url
        assert response.cookies == {}  # a list page sets no cookie


def test_the_form_on_a_cached_guide_page_still_works(client, guide, no_min_time, settings):
    """The guide page is in the page cache: the form's CSRF token is fresh for every reader."""
    settings.PAGE_CACHE_SECONDS = 600
    client.get(guide.get_absolute_url())  # stored
    reader = Client(enforce_csrf_checks=True)
    page = reader.get(guide.get_absolute_url())
    assert page["X-Page-Cache"] == "hit"
    html = page.content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    data = {**hidden_fields(html), "csrfmiddlewaretoken": token, "alert-email": ANNA,
            "alert-website": ""}
    response = reader.post(reverse("toolbox:guide-subscribe", kwargs={"slug": guide.slug}), data)
    assert response.status_code == 302
    assert Subscription.objects.filter(email=ANNA, guide=guide).exists()


@pytest.mark.parametrize("email", ["", "anna", "anna@", "a b@example.dk", "x" * 300 + "@a.dk"])
def test_a_bad_address_gets_a_clear_message_and_stores_nothing(client, guide, no_min_time, email):
    response = ask(client, reverse("toolbox:subscribe"), email=email)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'class="error"' in text and 'aria-invalid="true"' in text
    assert not Subscription.objects.exists() and not Delivery.objects.exists()


def test_unknown_draft_and_withdrawn_guides_and_unknown_topics_cannot_be_followed(client, guide,
                                                                                no_min_time):
    draft = GuideFactory(status=Guide.Status.DRAFT)
    withdrawn = GuideFactory(status=Guide.Status.WITHDRAWN)
    for url in [reverse("toolbox:guide-subscribe", kwargs={"slug": "findes-ikke"}),
                reverse("toolbox:guide-subscribe", kwargs={"slug": draft.slug}),
                reverse("toolbox:guide-subscribe", kwargs={"slug": withdrawn.slug}),
                reverse("toolbox:topic-subscribe", kwargs={"slug": "findes-ikke"})]:
        assert client.get(url).status_code == 404
        assert client.post(url, {"alert-email": ANNA}).status_code == 404
    assert not Subscription.objects.exists()
    assert "alert-email" not in client.get(draft.get_absolute_url()).content.decode()


def test_the_honeypot_answers_as_usual_and_stores_nothing(client, guide, no_min_time):
    url = reverse("toolbox:subscribe")
    page = client.get(url).content.decode()
    response = client.post(url, {**hidden_fields(page), "alert-email": ANNA,
                                 "alert-website": "http://spam.example"})
    assert response.status_code == 302
    assert not Subscription.objects.exists() and not Delivery.objects.exists()


def test_the_rate_limit_answers_429(client, guide, no_min_time, settings):
    settings.INTAKE_RATE_LIMIT = 2
    url = reverse("toolbox:subscribe")
    assert [ask(client, url, f"r{n}@example.dk").status_code for n in range(3)] == [302, 302, 429]


# Confirming and unsubscribing ----------------------------------------------------------------

def test_the_confirm_link_asks_on_get_and_confirms_on_post(client, guide):
    subscription = subscribe(ANNA, kind="guide", guide=guide, confirmed=False)
    url = subscriptions.confirm_url(subscription)
    page = client.get(url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert "Ja, send mig besked på e-mail" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None  # a mail scanner opening the link confirms nothing
    done = client.post(url)
    assert "Nu får du en e-mail" in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is not None


@pytest.mark.parametrize("mangle", [lambda t: t[:-2], lambda t: "x" + t, lambda t: "abc",
                                    lambda t: t.replace(":", ";")])
def test_a_tampered_confirm_link_changes_nothing(client, guide, mangle):
    subscription = subscribe(ANNA, kind="guide", guide=guide, confirmed=False)
    token = subscriptions.confirm_url(subscription).rstrip("/").rsplit("/", 1)[1]
    url = reverse("toolbox:subscription-confirm", kwargs={"token": mangle(token)})
    response = client.post(url)
    assert response.status_code == 400
    assert "Linket virker ikke" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_an_expired_confirm_link_says_so_and_changes_nothing(client, guide, settings):
    subscription = subscribe(ANNA, kind="guide", guide=guide, confirmed=False)
    url = subscriptions.confirm_url(subscription)
    settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS = 0
    response = client.post(url)
    assert response.status_code == 400 and "Linket er udløbet" in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.confirmed_at is None


def test_unsubscribe_asks_on_get_and_deletes_the_address_on_post(client, guide, topic):
    first = subscribe(ANNA, kind="guide", guide=guide)
    subscribe(ANNA, kind="topic", topic=topic)
    other = subscribe("bo@borger.example")
    url = subscriptions.unsubscribe_url(first)
    page = client.get(url).content.decode()
    assert "vejledningen “Alkohol ved arrangementer”" in page and "emnet “Tilladelser”" in page
    assert Subscription.objects.for_email(ANNA).count() == 2
    response = client.post(url)
    assert response.status_code == 200 and "Din e-mailadresse er slettet" in response.content.decode()
    assert list(Subscription.objects.all()) == [other]
    again = client.post(url)  # the address is gone: the link says so and changes nothing
    assert again.status_code == 400 and list(Subscription.objects.all()) == [other]


def test_a_mail_clients_one_click_post_unsubscribes_without_a_csrf_token(guide):
    """RFC 8058: the client POSTs List-Unsubscribe=One-Click to the List-Unsubscribe address."""
    subscription = subscribe(ANNA, kind="guide", guide=guide)
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(subscriptions.unsubscribe_url(subscription),
                                "List-Unsubscribe=One-Click",
                                content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert not Subscription.objects.exists()


@pytest.mark.parametrize("token", ["", "abc", "eyJ4IjoxfQ:1abc:def", "💥", "a" * 500])
def test_a_tampered_unsubscribe_link_changes_nothing(client, guide, token):
    subscribe(ANNA, kind="guide", guide=guide)
    url = (reverse("toolbox:unsubscribe", kwargs={"token": token}) if token
           else "/vaerktoejskasse/abonnement/afmeld/x/")
    assert client.post(url).status_code == 400
    assert client.get(url).status_code == 400
    assert Subscription.objects.count() == 1


# Major changes -------------------------------------------------------------------------------



def save_in_admin(client, obj, **changes):
    url = reverse(f"admin:toolbox_{obj._meta.model_name}_change", args=[obj.pk])
    data = admin_form_data(client.get(url))
    data.update(changes)
    return client.post(url, data, follow=True)


def _jobs(name="toolbox.send_change_notices"):
    with connection.cursor() as cursor:
        cursor.execute("SELECT args FROM procrastinate_jobs WHERE task_name = %s ORDER BY id",
                       [name])
        return [row[0] if isinstance(row[0], dict) else json.loads(row[0])
                for row in cursor.fetchall()]


def test_a_major_change_in_the_admin_is_noted_and_sent_once_per_address_after_commit(
        admin_client, guide, topic, django_capture_on_commit_callbacks):
    subscribe(ANNA, kind="guide", guide=guide)
    subscribe(ANNA, kind="topic", topic=topic)   # the same address through three ways
    subscribe(ANNA)
    subscribe("bo@borger.example", kind="topic", topic=topic, language="en")
    subscribe("ny@borger.example", kind="guide", guide=guide, confirmed=False)  # not confirmed
    subscribe("anden@borger.example", kind="guide", guide=GuideFactory())    # another guide
    Delivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = save_in_admin(admin_client, guide, major_change="on",
                                 change_note_da="Politiet skal nu have besked 14 dage før.",
                                 change_note_en="The police must now be told 14 days ahead.")
    assert "Ændringsnoten vises på vejledningen" in response.content.decode()
    [note] = ChangeNote.objects.all()
    assert note.note_da == "Politiet skal nu have besked 14 dage før." and note.guide == guide
    assert _jobs() == []  # deferred only when the save has committed
    for callback in callbacks:
        callback()
    [args] = _jobs()
    assert args == {"note_ids": [note.pk], "after": ""}

    assert subscriptions.change_notices_send(**args) == (2, None)
    mails = {tuple(m.to): m for m in Delivery.objects.filter(purpose="toolbox.subscription.change")}
    assert set(mails) == {(ANNA,), ("bo@borger.example",)}
    anna, bo = mails[(ANNA,)], mails[("bo@borger.example",)]
    assert anna.subject == "Ændret: Alkohol ved arrangementer"
    assert "Politiet skal nu have besked 14 dage før." in anna.body
    assert "/vaerktoejskasse/vejledninger/alkohol/" in anna.body
    assert "/vaerktoejskasse/abonnement/afmeld/" in anna.headers["List-Unsubscribe"]
    assert link_in(anna.body, "/afmeld/") in anna.headers["List-Unsubscribe"]
    assert bo.subject == "Changed: Alcohol at events" and "14 days ahead" in bo.body
    assert "/en/toolbox/guides/alkohol/" in bo.body
    note.refresh_from_db()
    assert note.notified_at is not None


def test_a_minor_edit_records_and_sends_nothing(admin_client, guide,
                                                 django_capture_on_commit_callbacks):
    subscribe(ANNA)
    with django_capture_on_commit_callbacks(execute=True):
        response = save_in_admin(admin_client, guide, summary_da="Et nyt resumé.")
    assert response.status_code == 200
    assert Guide.objects.get(pk=guide.pk).summary_da == "Et nyt resumé."
    assert not ChangeNote.objects.exists() and _jobs() == []


def test_a_major_change_needs_a_note_and_a_published_guide(admin_client, guide):
    response = save_in_admin(admin_client, guide, major_change="on", change_note_da="  ",
                             summary_da="Ændret resumé")
    assert "Skriv på én linje, hvad der er ændret" in response.content.decode()
    draft = GuideFactory(status=Guide.Status.DRAFT)
    draft.audiences.add(AudienceFactory())
    response = save_in_admin(admin_client, draft, major_change="on", change_note_da="Ny frist")
    assert "Kun ændringer i en offentliggjort vejledning" in response.content.decode()
    assert not ChangeNote.objects.exists()
    assert Guide.objects.get(pk=guide.pk).summary_da != "Ændret resumé"  # nothing saved


def test_a_draft_guide_never_gets_a_note_from_the_service(guide):
    draft = GuideFactory(status=Guide.Status.DRAFT)
    assert subscriptions.guide_change_record(guide=draft, note_da="x") is None
    assert not ChangeNote.objects.exists()


def test_a_major_rule_change_reaches_the_subscribers_of_each_citing_guide_once(
        admin_client, topic, django_capture_on_commit_callbacks):
    rule = RuleFactory(slug="alkohol-antal")
    citing = [GuideFactory(body_da=f"Højst [[værdi:{rule.slug}]] gæster."),
              GuideFactory(body_da="Se reglen.", body_en=f"[[regel:{rule.slug}]]"),
              GuideFactory(body_da=f"[[udsagn:{rule.slug}]]")]
    GuideFactory(body_da=f"[[regel:{rule.slug}]]", status=Guide.Status.DRAFT)  # never
    GuideFactory(body_da="[[regel:alkohol-antal-andet]]")  # another slug, the same beginning
    for guide in citing:
        subscribe(ANNA, kind="guide", guide=guide)
    subscribe("bo@borger.example", kind="guide", guide=citing[1])
    Delivery.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = save_in_admin(admin_client, rule, major_change="on", value="175",
                                 change_note_da="Grænsen er hævet til 175 personer.")
    assert "Ændringen er noteret på 3 offentliggjorte vejledninger" in response.content.decode()
    assert sorted(n.guide_id for n in ChangeNote.objects.all()) == sorted(g.pk for g in citing)
    [args] = _jobs()
    assert subscriptions.change_notices_send(**args)[0] == 2
    [anna] = Delivery.objects.filter(to=[ANNA])
    assert anna.subject == "3 vejledninger i Værktøjskassen er ændret"
    assert all(guide.title in anna.body for guide in citing)
    assert anna.body.count("Grænsen er hævet til 175 personer.") == 3
    assert Delivery.objects.filter(to=["bo@borger.example"]).count() == 1


def test_a_rule_no_published_guide_uses_records_nothing(admin_client):
    rule = RuleFactory()
    response = save_in_admin(admin_client, rule, major_change="on", change_note_da="Ny værdi")
    assert "Ingen offentliggjort vejledning bruger reglen" in response.content.decode()
    assert not ChangeNote.objects.exists()


def test_many_subscribers_are_sent_in_batches_each_job_deferring_the_next(guide):
    for n in range(5):
        subscribe(f"r{n}@example.dk")
    Delivery.objects.all().delete()
    note = ChangeNote.objects.create(guide=guide, note_da="Ny frist")
    sent, after, runs = 0, "", 0
    while after is not None:
        queued, after = subscriptions.change_notices_send(note_ids=[note.pk], after=after or "",
                                                          batch=2)
        sent, runs = sent + queued, runs + 1
    assert (sent, runs) == (5, 3)
    assert sorted(d.to[0] for d in Delivery.objects.all()) == [f"r{n}@example.dk" for n in range(5)]
    assert len(_jobs()) == 2  # batches two and three were deferred by the ones before


def test_a_guide_unpublished_before_the_job_runs_sends_nothing(guide):
    subscribe(ANNA)
    Delivery.objects.all().delete()
    note = ChangeNote.objects.create(guide=guide, note_da="Ny frist")
    Guide.objects.filter(pk=guide.pk).update(status=Guide.Status.WITHDRAWN)
    assert subscriptions.change_notices_send(note_ids=[note.pk]) == (0, None)
    assert not Delivery.objects.exists()


def test_the_guide_page_shows_the_latest_changes_in_both_languages(client, guide):
    for day, (da, en) in enumerate([("Første", "First"), ("Anden", "Second"), ("Tredje", "Third"),
                                    ("Fjerde", "Fourth")], start=1):
        ChangeNote.objects.create(guide=guide, note_da=f"{da} ændring", note_en=f"{en} change",
                                  created_at=timezone.make_aware(datetime.datetime(2026, 11, day)))
    danish = client.get(guide.get_absolute_url()).content.decode()
    assert "Ændret 4. november 2026: Fjerde ændring" in danish
    assert "Tredje ændring" in danish and "Anden ændring" in danish
    assert "Første ændring" not in danish  # the latest three
    english = client.get(f"/en/toolbox/guides/{guide.slug}/").content.decode()
    assert "Changed 4 November 2026: Fourth change" in english


def test_a_withdrawn_guide_shows_no_changes_and_no_form(client, guide):
    ChangeNote.objects.create(guide=guide, note_da="Hemmelig ændring")
    Guide.objects.filter(pk=guide.pk).update(status=Guide.Status.WITHDRAWN)
    page = client.get(guide.get_absolute_url()).content.decode()
    assert "Hemmelig ændring" not in page and "alert-email" not in page


def test_the_guide_page_query_count_does_not_grow_with_change_notes(client, guide):
    ChangeNote.objects.create(guide=guide, note_da="En")
    count_queries(client, guide.get_absolute_url())  # warm the site-wide caches first
    few = count_queries(client, guide.get_absolute_url())
    for n in range(10):
        ChangeNote.objects.create(guide=guide, note_da=f"Flere {n}")
    assert count_queries(client, guide.get_absolute_url()) == few


def test_the_subscribe_pages_query_counts_are_bounded(client, guide, topic,
                                                      django_assert_max_num_queries):
    count_queries(client, reverse("toolbox:subscribe"))  # warm the municipality settings
    for url in [reverse("toolbox:subscribe"),
                reverse("toolbox:guide-subscribe", kwargs={"slug": guide.slug}),
                reverse("toolbox:topic-subscribe", kwargs={"slug": topic.slug})]:
        with django_assert_max_num_queries(4):
            assert client.get(url).status_code == 200


# Personal data -------------------------------------------------------------------------------

def test_unconfirmed_requests_expire_and_confirmed_ones_last_their_retention(guide, settings):
    settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS = 7
    settings.TOOLBOX_SUBSCRIPTION_RETENTION_DAYS = 1095
    now = timezone.now()
    old = subscribe("gammel@example.dk", confirmed=False)
    Subscription.objects.filter(pk=old.pk).update(requested_at=now - datetime.timedelta(days=8))
    fresh = subscribe("ny@example.dk", confirmed=False)
    kept = subscribe("tro@example.dk")
    Subscription.objects.filter(pk=kept.pk).update(requested_at=now - datetime.timedelta(days=400),
                                                   confirmed_at=now - datetime.timedelta(days=400))
    ended = subscribe("slut@example.dk")
    Subscription.objects.filter(pk=ended.pk).update(confirmed_at=now - datetime.timedelta(days=1096))
    counts = personal_data.purge_expired(now)
    assert counts["Anmodninger om e-mailbesked, endnu ikke bekræftet"] == 1
    assert counts["E-mailbesked om ændringer i Værktøjskassen"] == 1
    assert sorted(Subscription.objects.values_list("email", flat=True)) == [
        "ny@example.dk", "tro@example.dk"]
    assert fresh.pk in Subscription.objects.values_list("pk", flat=True)


def test_subscriptions_are_found_exported_and_deleted_by_email(guide, topic):
    subscribe(ANNA, kind="guide", guide=guide)
    subscribe(ANNA, kind="topic", topic=topic, confirmed=False)
    found = {f.label: f.records for f in personal_data.find("ANNA@Borger.example")}
    [confirmed] = found["E-mailbesked om ændringer i Værktøjskassen"]
    assert confirmed["email"] == ANNA and confirmed["name"] == "Alkohol ved arrangementer"
    [waiting] = found["Anmodninger om e-mailbesked, endnu ikke bekræftet"]
    assert waiting["confirmed"] is None and waiting["name"] == "Tilladelser"
    deleted = personal_data.delete(ANNA)
    assert deleted["E-mailbesked om ændringer i Værktøjskassen"] == 1
    assert not Subscription.objects.exists()


def test_the_privacy_page_lists_both_with_their_periods(client, municipality, settings):
    text = client.get(reverse("privacy")).content.decode()
    assert "Anmodninger om e-mailbesked, endnu ikke bekræftet" in text
    assert "E-mailbesked om ændringer i Værktøjskassen" in text


def test_subscribing_and_confirming_do_not_empty_the_page_cache(client, guide):
    from core.cache import content_version

    before = content_version()
    subscribe(ANNA, kind="guide", guide=guide)
    assert content_version() == before
