"""'Jeg vil gerne hjælpe': a citizen's message to an opportunity's contact person."""

import datetime

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone, translation

from intake import personal_data
from intake.models import Delivery
from tests.factories import MunicipalityFactory, OpportunityFactory
from tests.intake.conftest import run_worker
from tests.volunteering.forms_support import deliveries, fill
from volunteering.models import InterestMessage, Status

pytestmark = pytest.mark.django_db

ANNA = {"name": "Anna Hansen", "email": "anna@borger.example", "phone": "12 34 56 78",
        "message": "Jeg kan hjælpe tirsdage efter kl. 16.", "consent": "on"}


@pytest.fixture
def opportunity(db):
    MunicipalityFactory()
    return OpportunityFactory(contact_name="Bente Berg", contact_email="bente@forening.example",
                              title_da="Lektiehjælper", title_en="Homework helper")


def _url(opportunity, name="volunteering:interest"):
    return reverse(name, kwargs={"slug": opportunity.slug})


def test_interest_is_stored_and_queued_to_the_contact_with_reply_to_and_a_receipt(
        client, opportunity, no_min_time):
    response = fill(client, _url(opportunity), ANNA)

    assert response.status_code == 302
    assert response["Location"] == _url(opportunity, "volunteering:interest-sent")
    [stored] = InterestMessage.objects.all()
    assert (stored.name, stored.email, stored.phone, stored.language) == (
        "Anna Hansen", "anna@borger.example", "12 34 56 78", "da")
    [to_contact] = deliveries("volunteering.interest")
    assert to_contact.to == ["bente@forening.example"]
    assert to_contact.reply_to == ["anna@borger.example"]
    assert to_contact.subject == "Nogen vil gerne hjælpe: Lektiehjælper"
    for text in ("Kære Bente Berg", "Anna Hansen", "anna@borger.example", "12 34 56 78",
                 "Jeg kan hjælpe tirsdage efter kl. 16.", "Svar på denne e-mail",
                 f"/bliv-frivillig/{opportunity.slug}/"):
        assert text in to_contact.body
    [receipt] = deliveries("volunteering.interest.receipt")
    assert receipt.to == ["anna@borger.example"] and receipt.reply_to == []
    assert "Bente Berg" in receipt.body and "90 dage" in receipt.body
    # The receipt goes to an address anyone can type: it never repeats their own text.
    assert "tirsdage" not in receipt.body and "Anna" not in receipt.body


def test_the_thanks_page_names_the_contact_and_holds_nothing_the_citizen_typed(
        client, opportunity, no_min_time):
    fill(client, _url(opportunity), ANNA)
    page = client.get(_url(opportunity, "volunteering:interest-sent"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Bente Berg" in text and "Anna" not in text and "anna@borger" not in text


def test_english_reader_gets_an_english_receipt_and_the_contact_a_danish_message(
        client, opportunity, no_min_time):
    with translation.override("en"):
        with_en = _url(opportunity)
    assert with_en == f"/en/volunteer/{opportunity.slug}/interest/"
    fill(client, with_en, ANNA)
    [receipt] = deliveries("volunteering.interest.receipt")
    assert receipt.language == "en"
    assert receipt.subject == "Your message has been sent: Homework helper"
    [to_contact] = deliveries("volunteering.interest")
    assert to_contact.language == "da" and "Kære Bente Berg" in to_contact.body


def test_phone_only_reaches_the_contact_without_reply_to_or_receipt(
        client, opportunity, no_min_time):
    response = fill(client, _url(opportunity), {**ANNA, "email": ""})
    assert response.status_code == 302
    [to_contact] = deliveries("volunteering.interest")
    assert to_contact.reply_to == []
    assert "ring" in to_contact.body.lower()
    assert deliveries("volunteering.interest.receipt") == []


def test_neither_email_nor_phone_is_refused_with_a_message_on_both_fields(
        client, opportunity, no_min_time):
    response = fill(client, _url(opportunity), {**ANNA, "email": "", "phone": ""})
    text = response.content.decode()
    assert response.status_code == 400
    assert "Skriv din e-mail eller dit telefonnummer" in text
    assert 'aria-describedby="id_email_error"' in text
    assert 'class="error-summary"' in text and 'href="#id_email"' in text
    assert not InterestMessage.objects.exists() and not Delivery.objects.exists()


def test_consent_is_required(client, opportunity, no_min_time):
    response = fill(client, _url(opportunity), {**ANNA, "consent": ""})
    assert response.status_code == 400
    assert "Sæt flueben" in response.content.decode()
    assert not InterestMessage.objects.exists()


@pytest.mark.parametrize("name", ["Anna\r\nBcc: victim@evil.example", "Anna\nHansen", "A\x00"],
                         ids=["crlf-header", "newline", "nul"])
def test_a_line_break_in_the_name_is_refused_not_sent(client, opportunity, no_min_time, name):
    response = fill(client, _url(opportunity), {**ANNA, "name": name})
    assert response.status_code == 400
    assert not InterestMessage.objects.exists() and not Delivery.objects.exists()


def test_an_injected_reply_to_address_is_refused(client, opportunity, no_min_time):
    response = fill(client, _url(opportunity),
                    {**ANNA, "email": "anna@borger.example\r\nBcc: victim@evil.example"})
    assert response.status_code == 400
    assert not Delivery.objects.exists()


def test_a_cpr_number_in_the_message_is_masked_but_a_phone_number_stays(
        client, opportunity, no_min_time):
    fill(client, _url(opportunity),
         {**ANNA, "message": "Mit CPR er 010190-1234, ring på 87 65 43 21 om aftenen."})
    stored = InterestMessage.objects.get()
    assert "010190-1234" not in stored.message and "[CPR-nummer fjernet]" in stored.message
    assert "87 65 43 21" in stored.message
    assert "010190-1234" not in deliveries("volunteering.interest")[0].body


def test_the_honeypot_stores_and_sends_nothing(client, opportunity, no_min_time):
    response = fill(client, _url(opportunity), {**ANNA, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not InterestMessage.objects.exists() and not Delivery.objects.exists()


def test_a_form_sent_at_once_is_refused(client, opportunity, settings):
    settings.INTAKE_MIN_SECONDS = 60
    response = fill(client, _url(opportunity), ANNA)
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()  # the intake's message
    assert not InterestMessage.objects.exists()


def test_the_rate_limit_answers_429_and_stores_nothing_more(client, opportunity, no_min_time):
    no_min_time.INTAKE_RATE_LIMIT = 2
    statuses = [fill(client, _url(opportunity), ANNA).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert InterestMessage.objects.count() == 2


@pytest.mark.parametrize("status", [Status.AWAITING, Status.DECLINED, Status.DRAFT,
                                    Status.WITHDRAWN])
def test_no_form_for_an_opportunity_the_public_cannot_see(client, opportunity, status):
    opportunity.status = status
    opportunity.decline_reason = "Nej"
    opportunity.save()
    assert client.get(_url(opportunity)).status_code == 404
    assert client.post(_url(opportunity), ANNA).status_code == 404


@pytest.mark.parametrize("data", [
    {"name": "x" * 10_000, "email": "a" * 300 + "@example.dk", "phone": "1" * 100},
    {"name": "Anna", "phone": "ring mig", "consent": "on"},
    {"name": ["a", "b"], "email": ["a@b.dk", "c@d.dk"], "consent": "maybe", "started": "x"},
    {"name": "\x00", "message": "\x00" * 5, "started": "\x00"},
], ids=["huge", "bad-phone", "repeated", "nul"])
def test_bad_input_gets_400_never_500(client, opportunity, no_min_time, data):
    response = client.post(_url(opportunity), data)
    assert response.status_code == 400
    assert not InterestMessage.objects.exists()


def test_a_post_with_errors_is_not_kept_in_the_page_cache(client, opportunity, no_min_time):
    fill(client, _url(opportunity), {**ANNA, "phone": "ring mig"})
    page_cache = caches["default"]
    stored = [page_cache.get(key) for key in page_cache._cache.keys()]  # locmem in tests
    assert not any("Anna Hansen" in str(entry) for entry in stored)


def test_the_form_page_is_served_from_the_page_cache_with_a_fresh_csrf_token(opportunity):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    a = first.get(_url(opportunity))
    b = second.get(_url(opportunity))
    assert (a["X-Page-Cache"], b["X-Page-Cache"]) == ("miss", "hit")
    token = lambda page: page.content.decode().split('name="csrfmiddlewaretoken" value="')[1][:64]  # noqa: E731
    assert token(a) != token(b)
    from tests.volunteering.forms_support import hidden_fields

    data = {**hidden_fields(b.content.decode()), **ANNA, "csrfmiddlewaretoken": token(b)}
    assert second.post(_url(opportunity), data).status_code in (302, 400)  # CSRF passed
    assert first.post(_url(opportunity), {**data, "csrfmiddlewaretoken": ""}).status_code == 403


def test_held_messages_are_found_exported_and_deleted_by_email(client, opportunity, no_min_time):
    fill(client, _url(opportunity), ANNA)
    with translation.override("da"):
        found = {f.label: f.records for f in personal_data.find("ANNA@borger.example")}
    [record] = found["Beskeder fra “Jeg vil gerne hjælpe”"]
    assert record["name"] == "Anna Hansen" and record["opportunity"] == "Lektiehjælper"
    holder = next(h for h in personal_data.holders() if type(h).__name__ == "InterestMessages")
    assert holder.delete("anna@borger.example") == 1
    assert not InterestMessage.objects.exists()


def test_messages_older_than_the_retention_are_purged(opportunity, settings):
    settings.INTEREST_RETENTION_DAYS = 90
    now = timezone.now()
    old = InterestMessage.objects.create(opportunity=opportunity, name="Gammel",
                                         email="g@example.dk",
                                         created_at=now - datetime.timedelta(days=91))
    recent = InterestMessage.objects.create(opportunity=opportunity, name="Ny", phone="12345678",
                                            created_at=now - datetime.timedelta(days=89))
    counts = personal_data.purge_expired(now)
    assert list(InterestMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert old.pk not in InterestMessage.objects.values_list("pk", flat=True)
    assert sum(counts.values()) >= 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_end_to_end_through_a_real_smtp_server_and_worker(client, smtp_server, no_min_time):
    MunicipalityFactory(name="Testrup Kommune")
    opportunity = OpportunityFactory(contact_name="Bente Berg",
                                     contact_email="bente@forening.example",
                                     title_da="Lektiehjælper")
    assert fill(client, _url(opportunity), ANNA).status_code == 302
    assert smtp_server.inbox.messages == []  # sent by the worker, not in the request

    run_worker(email_url=smtp_server.url)

    by_recipient = {message["To"]: message for message in smtp_server.inbox.messages}
    to_contact = by_recipient["bente@forening.example"]
    assert to_contact["Reply-To"] == "anna@borger.example"
    assert to_contact["Subject"] == "Nogen vil gerne hjælpe: Lektiehjælper"
    body = to_contact.get_content()
    assert "Anna Hansen" in body and "12 34 56 78" in body and "tirsdage efter kl. 16" in body
    receipt = by_recipient["anna@borger.example"]
    assert receipt["Subject"] == "Din besked er sendt: Lektiehjælper"
    assert "Bente Berg" in receipt.get_content()


def test_the_opportunity_page_has_the_form_with_the_consent_text(client, opportunity):
    page = client.get(opportunity.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert f'action="{_url(opportunity)}"' in text
    assert "Jeg vil gerne hjælpe" in text
    assert ("Vi sender dit navn, dine kontaktoplysninger og din besked med e-mail til Bente Berg"
            in text)
    assert "gemmer en kopi i 90 dage" in text and 'href="/privatliv/"' in text
    assert 'aria-describedby="id_consent_helptext interest-consent-text"' not in text
    assert 'aria-describedby="interest-consent-text"' in text


def test_the_opportunity_page_from_the_cache_gives_each_reader_a_working_csrf_token(
        opportunity, no_min_time):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    a = first.get(opportunity.get_absolute_url())
    b = second.get(opportunity.get_absolute_url())
    assert (a["X-Page-Cache"], b["X-Page-Cache"]) == ("miss", "hit")
    token_b = b.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token_b not in a.content.decode()
    from tests.volunteering.forms_support import hidden_fields

    data = {**hidden_fields(b.content.decode()), "website": "", **ANNA,
            "csrfmiddlewaretoken": token_b}
    assert second.post(_url(opportunity), data).status_code == 302
    assert first.post(_url(opportunity), data).status_code == 403  # someone else's token
    assert InterestMessage.objects.count() == 1


def test_a_staff_preview_of_a_hidden_opportunity_has_no_form(client, opportunity, admin_user):
    opportunity.status = Status.AWAITING
    opportunity.save()
    client.force_login(admin_user)
    page = client.get(opportunity.get_absolute_url())
    assert page.status_code == 200 and 'id="interest"' not in page.content.decode()


def test_nothing_the_citizen_typed_reaches_the_log(client, opportunity, no_min_time, caplog):
    caplog.set_level("DEBUG")
    fill(client, _url(opportunity), ANNA)
    fill(client, _url(opportunity), {**ANNA, "phone": "ring mig"})  # and a form with errors
    for typed in ("Anna Hansen", "anna@borger.example", "12 34 56 78", "tirsdage"):
        assert typed not in caplog.text
