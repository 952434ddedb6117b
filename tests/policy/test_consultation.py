"""Høringssvar on the site: the response form, the staff's publication, the høringsnotat, and
what never leaks (issue 16, section 2)."""

import datetime
import functools
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from core.cache import bump_content_version
from intake import personal_data
from intake.models import Delivery
from policy.models import ConsultationNote, ConsultationResponse, Policy, PolicyChange
from tests.factories import (
    ConsultationNoteFactory,
    ConsultationResponseFactory,
    PolicyFactory,
    ThemeFactory,
    docx_bytes,
)
from tests.helpers import assert_constant_queries
from tests.intake.conftest import run_worker
from tests.portal.test_fuzz import NASTY, PARAMETERS
from tests.volunteering.forms_support import deliveries, fill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish")]

ANNA = {"name": "Anna Hansen", "on_behalf_of": "private", "organisation_name": "",
        "email": "anna@borger.example",
        "text": "Jeg savner et mødested for unge frivillige i Skovlunde.",
        "publish_name": ""}


@pytest.fixture
def open_policy(municipality):
    """A strategy in høring until next week, with two themes."""
    today = timezone.localdate()
    policy = PolicyFactory(slug="strategi-i-hoering", status=Policy.Status.CONSULTATION,
                           adopted_on=None, title_da="Frivillighedsstrategi",
                           title_en="Volunteering strategy",
                           consultation_starts=today - datetime.timedelta(days=20),
                           consultation_ends=today + datetime.timedelta(days=7),
                           consultation_how_da="Svar gerne inden fristen.")
    ThemeFactory(policy=policy, slug="unge", position=1, title_da="Unge frivillige",
                 title_en="Young volunteers")
    ThemeFactory(policy=policy, slug="rammer", position=2, title_da="Klare rammer",
                 title_en="Clear frames")
    return policy


@pytest.fixture
def closed_policy(municipality):
    """A policy whose høring ended in January; its responses may be published."""
    policy = PolicyFactory(slug="politik-efter-hoering", status=Policy.Status.ADOPTED,
                           consultation_starts=datetime.date(2024, 12, 1),
                           consultation_ends=datetime.date(2025, 1, 15))
    theme = ThemeFactory(policy=policy, slug="unge", position=1, title_da="Unge frivillige")
    return policy, theme


def _close(policy):
    """The deadline passes (update() sends no signals: the page cache is told here, as after
    an edit in the admin)."""
    Policy.objects.filter(pk=policy.pk).update(
        consultation_ends=timezone.localdate() - datetime.timedelta(days=1))
    bump_content_version()


def _url(policy, name="policy:respond"):
    return reverse(name, kwargs={"slug": policy.slug})


# The form -------------------------------------------------------------------------------------

def test_a_response_is_stored_and_a_receipt_with_a_copy_is_queued(client, open_policy,
                                                                   no_min_time):
    young = open_policy.themes.get(slug="unge")
    response = fill(client, _url(open_policy), {**ANNA, "themes": [young.pk]})

    assert response.status_code == 302
    assert response["Location"] == _url(open_policy, "policy:respond-sent")
    [stored] = ConsultationResponse.objects.all()
    assert (stored.name, stored.email, stored.on_behalf_of, stored.language) == (
        "Anna Hansen", "anna@borger.example", "private", "da")
    assert list(stored.themes.all()) == [young]
    assert not stored.is_published and not stored.publish_name
    [receipt] = deliveries("policy.consultation.receipt")
    assert receipt.to == ["anna@borger.example"]
    assert receipt.subject == "Vi har modtaget dit høringssvar: Frivillighedsstrategi"
    for text in ("Jeg savner et mødested for unge frivillige i Skovlunde.", "Unge frivillige",
                 "Dit navn bliver ikke offentliggjort", "365 dage", "/politik/strategi-i-hoering/"):
        assert text in receipt.body
    thanks = client.get(response["Location"])
    assert thanks.status_code == 200 and "Anna" not in thanks.content.decode()


def test_the_policy_page_links_to_the_form_and_keeps_the_guidance(client, open_policy):
    text = client.get(open_policy.get_absolute_url()).content.decode()
    assert f'href="{_url(open_policy)}"' in text
    assert "Send et høringssvar" in text and "Svar gerne inden fristen." in text
    form = client.get(_url(open_policy)).content.decode()
    assert "Svar gerne inden fristen." in form and 'enctype="multipart/form-data"' in form


def test_english_form_and_receipt(client, open_policy, no_min_time):
    with translation.override("en"):
        url = _url(open_policy)
    assert url == "/en/policy/strategi-i-hoering/respond/"
    assert fill(client, url, ANNA).status_code == 302
    [receipt] = deliveries("policy.consultation.receipt")
    assert receipt.language == "en"
    assert receipt.subject == "We have received your consultation response: Volunteering strategy"


def test_an_association_must_give_its_name(client, open_policy, no_min_time):
    response = fill(client, _url(open_policy), {**ANNA, "on_behalf_of": "association"})
    assert response.status_code == 400
    assert "Skriv navnet på den forening eller det råd" in response.content.decode()
    assert not ConsultationResponse.objects.exists() and not Delivery.objects.exists()


@pytest.mark.parametrize("data", [
    {"email": "anna@borger.example\r\nBcc: victim@evil.example"},
    {"name": "Anna\r\nHansen"}, {"text": ""}, {"on_behalf_of": "kongen"},
    {"themes": ["x"]}, {"themes": ["999999"]}, {"text": "x" * 20001}, {"name": "\x00"},
], ids=["injected-email", "newline-name", "no-text", "bad-choice", "bad-theme", "other-theme",
        "too-long", "nul"])
def test_bad_input_gets_400_and_stores_nothing(client, open_policy, no_min_time, data):
    response = fill(client, _url(open_policy), {**ANNA, **data})
    assert response.status_code == 400
    assert not ConsultationResponse.objects.exists() and not Delivery.objects.exists()


def test_cpr_numbers_email_and_phone_in_the_text_are_masked(client, open_policy, no_min_time):
    fill(client, _url(open_policy), {**ANNA, "text": "Mit CPR er 010190-1234, ring 12 34 56 78."})
    text = ConsultationResponse.objects.get().text
    assert "010190-1234" not in text and "12 34 56 78" not in text


# The file ---------------------------------------------------------------------------------------

def test_a_docx_is_kept_under_a_generated_name_and_staff_download_it(
        client, admin_client, open_policy, no_min_time):
    content = docx_bytes("Svar")
    upload = SimpleUploadedFile("Anna Hansens svar.docx", content)
    assert fill(client, _url(open_policy), {**ANNA, "file": upload}).status_code == 302
    stored = ConsultationResponse.objects.get()
    assert stored.file.name.startswith("policy/responses/") and stored.file.name.endswith(".docx")
    assert "anna" not in stored.file.name.lower()
    assert "Vedhæftet fil: ja" in deliveries("policy.consultation.receipt")[0].body
    url = reverse("admin:policy_consultationresponse_file", args=[stored.pk])
    download = admin_client.get(url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == content
    assert "no-store" in download["Cache-Control"] and download["X-Content-Type-Options"] == "nosniff"
    assert client.get(url).status_code == 302  # anonymous: to the login


@pytest.mark.parametrize("name, content, message", [
    ("svar.pdf", b"<html><script>alert(1)</script></html>", "ikke en PDF-fil"),
    ("svar.exe", b"MZ\x90\x00", "Kun PDF-, DOCX- og ODT-filer"),
    ("svar.xlsx", b"PK\x03\x04", "Kun PDF-, DOCX- og ODT-filer"),
    ("svar.docx", b"PK\x03\x04 not a zip", "ikke en DOCX-fil"),
], ids=["html-as-pdf", "exe", "xlsx", "fake-docx"])
def test_a_file_that_is_not_what_it_says_is_refused(client, open_policy, no_min_time, name,
                                                    content, message):
    upload = SimpleUploadedFile(name, content)
    response = fill(client, _url(open_policy), {**ANNA, "file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_a_file_over_the_limit_is_refused(client, open_policy, no_min_time, monkeypatch):
    monkeypatch.setattr("policy.files.RESPONSE_FILE_MAX_BYTES", 1000)
    upload = SimpleUploadedFile("svar.pdf", b"%PDF-" + b"0" * 2000)
    response = fill(client, _url(open_policy), {**ANNA, "file": upload})
    assert response.status_code == 400 and "højst 1 KB" in response.content.decode()


# The deadline -----------------------------------------------------------------------------------

def test_a_late_response_is_refused_with_a_clear_message_and_nothing_stored(
        client, open_policy, no_min_time):
    page = client.get(_url(open_policy))  # the form was opened in time ...
    _close(open_policy)
    from tests.volunteering.forms_support import hidden_fields

    response = client.post(_url(open_policy), {**hidden_fields(page.content.decode()),
                                               "website": "", **ANNA})  # ... and sent too late
    text = response.content.decode()
    assert response.status_code == 400
    assert "Høringen sluttede den" in text and "Intet blev gemt" in text
    assert not ConsultationResponse.objects.exists() and not Delivery.objects.exists()
    closed = client.get(_url(open_policy))
    assert closed.status_code == 200 and "<form" not in closed.content.decode().split("<main")[1]


def test_the_deadline_is_the_end_of_the_day_in_copenhagen(open_policy, monkeypatch):
    deadline = open_policy.consultation_ends
    # 23:30 UTC on the deadline day is already the next day in Copenhagen (00:30 in winter).
    late = datetime.datetime.combine(deadline, datetime.time(23, 30), tzinfo=datetime.UTC)
    in_time = datetime.datetime.combine(deadline, datetime.time(22, 30), tzinfo=datetime.UTC)
    if timezone.localtime(in_time).date() != deadline:  # summer time: 22:30 UTC is 00:30
        in_time -= datetime.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: in_time)
    assert open_policy.consultation_is_open()
    monkeypatch.setattr(timezone, "now", lambda: late)
    assert not open_policy.consultation_is_open()


def test_the_service_refuses_a_response_once_the_deadline_has_passed(open_policy):
    from policy import services

    Policy.objects.filter(pk=open_policy.pk).update(
        consultation_ends=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(services.ConsultationClosed):
        services.consultation_response_create(
            policy=open_policy, language="da",
            data={**ANNA, "themes": [], "file": None})
    assert not ConsultationResponse.objects.exists()


def test_no_form_for_a_policy_not_in_consultation(client, closed_policy):
    policy, _theme = closed_policy
    assert client.get(_url(policy)).status_code == 404
    assert client.post(_url(policy), ANNA).status_code == 404


# The intake's protection -------------------------------------------------------------------------

def test_the_honeypot_stores_and_sends_nothing(client, open_policy, no_min_time):
    response = fill(client, _url(open_policy), {**ANNA, "website": "http://spam.example"})
    assert response.status_code == 400
    assert not ConsultationResponse.objects.exists() and not Delivery.objects.exists()


def test_a_form_sent_at_once_is_refused(client, open_policy, settings):
    settings.INTAKE_MIN_SECONDS = 60
    response = fill(client, _url(open_policy), ANNA)
    assert response.status_code == 400
    assert "meget hurtigt" in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_the_rate_limit_answers_429_and_stores_nothing_more(client, open_policy, no_min_time):
    no_min_time.INTAKE_RATE_LIMIT = 2
    assert [fill(client, _url(open_policy), ANNA).status_code for _ in range(3)] == [302, 302, 429]
    assert ConsultationResponse.objects.count() == 2


def test_nasty_query_parameters_never_give_a_server_error(client, open_policy):
    for url in (_url(open_policy), _url(open_policy, "policy:respond-sent")):
        for value in NASTY:
            assert client.get(url, {name: value for name in PARAMETERS}).status_code in (
                200, 400, 404), (url, value[:10])


def test_the_form_page_is_in_the_sitemap_only_while_the_consultation_is_open(
        client, open_policy):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/politik/strategi-i-hoering/svar/" in sitemap
    assert "/en/policy/strategi-i-hoering/respond/" in sitemap
    _close(open_policy)
    assert "/svar/" not in client.get("/sitemap.xml").content.decode()


def test_the_form_page_runs_few_queries(client, open_policy, django_assert_max_num_queries):
    client.get(_url(open_policy))
    with django_assert_max_num_queries(8):
        assert client.get(_url(open_policy)).status_code == 200


# Publication ------------------------------------------------------------------------------------

def _publish(admin_client, *responses):
    return admin_client.post(reverse("admin:policy_consultationresponse_changelist"), {
        "action": "publish", "_selected_action": [r.pk for r in responses]})


def test_staff_publish_after_the_deadline_and_names_follow_the_respondents_choice(
        client, admin_client, closed_policy):
    policy, theme = closed_policy
    private = ConsultationResponseFactory(policy=policy, name="Anna Hansen",
                                          text="Svar fra en borger.")
    agreed = ConsultationResponseFactory(policy=policy, name="Bo Berg", publish_name=True,
                                         text="Svar fra Bo.")
    club = ConsultationResponseFactory(policy=policy, name="Karen Kok",
                                       on_behalf_of="association",
                                       organisation_name="Skovlunde Idrætsforening",
                                       text="Svar fra foreningen.")
    club.themes.add(theme)
    assert "Svar fra en borger." not in client.get(policy.get_absolute_url()).content.decode()

    assert _publish(admin_client, private, agreed, club).status_code == 302
    text = client.get(policy.get_absolute_url()).content.decode()
    assert "Høringssvarene (3)" in text
    assert "Svar nr. 1: Privatperson" in text and "Anna Hansen" not in text
    assert "Svar nr. 2: Bo Berg" in text
    assert "Svar nr. 3: Skovlunde Idrætsforening" in text and "Karen Kok" not in text
    assert "Svar fra foreningen." in text and "Unge frivillige" in text
    assert "borger.example" not in text  # e-mail addresses are never published


def test_publishing_before_the_deadline_is_refused(admin_client, open_policy):
    response = ConsultationResponseFactory(policy=open_policy)
    page = _publish(admin_client, response)
    assert page.status_code == 302
    response.refresh_from_db()
    assert not response.is_published


def test_hiding_needs_a_reason_which_is_kept_and_a_hidden_response_is_never_shown(
        client, admin_client, admin_user, closed_policy):
    policy, _theme = closed_policy
    rude = ConsultationResponseFactory(policy=policy, text="Et groft og krænkende svar.")
    fine = ConsultationResponseFactory(policy=policy, text="Et sagligt svar.")
    _publish(admin_client, rude, fine)
    url = reverse("admin:policy_consultationresponse_change", args=[rude.pk])
    assert admin_client.get(url).status_code == 200

    without = admin_client.post(url, {"is_hidden": "on", "hidden_reason": ""})
    assert without.status_code == 200 and "Skriv, hvorfor svaret er skjult" in \
        without.content.decode()
    rude.refresh_from_db()
    assert not rude.is_hidden

    assert admin_client.post(url, {"is_hidden": "on", "hidden_reason": "Krænkende sprog (regel 2)."}
                             ).status_code == 302
    rude.refresh_from_db()
    assert rude.is_hidden and rude.hidden_reason == "Krænkende sprog (regel 2)."
    assert rude.hidden_by == admin_user and rude.hidden_at is not None
    text = client.get(policy.get_absolute_url()).content.decode()
    assert "Et sagligt svar." in text and "krænkende svar" not in text
    assert "Høringssvaret (1)" in text


def test_staff_without_permission_cannot_read_responses(client, closed_policy,
                                                        django_user_model):
    response = ConsultationResponseFactory(policy=closed_policy[0])
    user = django_user_model.objects.create_user("redaktoer", password="x" * 16, is_staff=True)
    client.force_login(user)
    url = reverse("admin:policy_consultationresponse_change", args=[response.pk])
    assert client.get(url).status_code == 403
    user.user_permissions.add(Permission.objects.get(codename="view_consultationresponse"))
    assert client.get(url).status_code == 200


# The høringsnotat -------------------------------------------------------------------------------

def test_the_note_and_its_changes_are_shown_on_the_page_and_in_print_linking_public_responses(
        client, closed_policy):
    policy, theme = closed_policy
    published = ConsultationResponseFactory(policy=policy, is_published=True, text="Offentligt.")
    hidden = ConsultationResponseFactory(policy=policy, is_published=True, is_hidden=True,
                                         hidden_reason="Personoplysninger.", text="Skjult.")
    note = ConsultationNoteFactory(policy=policy, theme=theme,
                                   said_da="Mange ønskede **flere mødesteder**.",
                                   changed_da="Indsats 2 er udvidet.")
    change = PolicyChange.objects.create(note=note, section_da="Indsats 2",
                                         description_da="Mødesteder i alle bydele.")
    change.responses.set([published, hidden])
    ConsultationNoteFactory(policy=policy, said_da="Hemmeligt udkast til notat.",
                            is_published=False)

    for url in (policy.get_absolute_url(), _url(policy, "policy:policy-print")):
        text = client.get(url).content.decode()
        assert "Høringsnotat" in text and "<strong>flere mødesteder</strong>" in text
        assert "Indsats 2:" in text and "Mødesteder i alle bydele." in text
        assert f'#{published.anchor}"' in text and f"#{hidden.anchor}" not in text
        assert "Hemmeligt udkast" not in text and "Skjult." not in text
    assert "Offentligt." in client.get(_url(policy, "policy:policy-print")).content.decode()


def test_a_theme_can_have_only_one_note(closed_policy):
    policy, theme = closed_policy
    ConsultationNoteFactory(policy=policy, theme=theme)
    duplicate = ConsultationNote(policy=policy, theme=theme, said_da="Igen.")
    with pytest.raises(Exception, match="allerede"):
        duplicate.full_clean()


def test_the_admin_note_page_offers_only_the_policys_responses(admin_client, closed_policy):
    policy, theme = closed_policy
    mine = ConsultationResponseFactory(policy=policy, name="Min respondent")
    ConsultationResponseFactory(name="Fremmed respondent")
    note = ConsultationNoteFactory(policy=policy, theme=theme)
    text = admin_client.get(reverse("admin:policy_consultationnote_change",
                                    args=[note.pk])).content.decode()
    assert f'value="{mine.pk}"' in text and "Min respondent" in text
    assert "Fremmed respondent" not in text
    assert admin_client.get(reverse("admin:policy_consultationnote_add")).status_code == 200


def test_the_policy_page_keeps_its_query_count_with_many_responses(client, closed_policy):
    policy, theme = closed_policy
    note = ConsultationNoteFactory(policy=policy, theme=theme)

    def add(count):
        for _ in range(count):
            response = ConsultationResponseFactory(policy=policy, is_published=True)
            response.themes.add(theme)
            PolicyChange.objects.create(note=note, description_da="Ændret.").responses.add(
                response)

    assert_constant_queries(client, policy.get_absolute_url(), add, maximum=14)


# Every public output ------------------------------------------------------------------------------

SECRET_TEXTS = ("Uoffentliggjort svar om kirkegårde", "Skjult svar om kirkegårde",
                "Anna Privatsen", "anna.privatsen@borger.example", "Notatudkast om kirkegårde")


def _site_with_secrets():
    from tests.outputs import build_site

    site = build_site()
    policy = site.policy
    Policy.objects.filter(pk=policy.pk).update(consultation_ends=datetime.date(2025, 1, 15))
    ConsultationResponseFactory(policy=policy, text=SECRET_TEXTS[0], name=SECRET_TEXTS[2],
                                email=SECRET_TEXTS[3])
    ConsultationResponseFactory(policy=policy, text=SECRET_TEXTS[1], is_published=True,
                                is_hidden=True, hidden_reason="Brud på reglerne.")
    ConsultationResponseFactory(policy=policy, text="Offentligt svar om kirkegårde",
                                name="Anna Privatsen", is_published=True)
    ConsultationNoteFactory(policy=policy, said_da=SECRET_TEXTS[4], is_published=False)
    return site


@pytest.fixture
def outputs_with_secrets():
    return _outputs_with_secrets()


# The outputs are the same for every kind checked below: fetched by the first of those tests in
# a process and kept for the others (each built the site and fetched every output again, about
# 5 s of CPU each). Run alone, a test fetches them itself.
@functools.cache
def _outputs_with_secrets() -> dict:
    from tests.outputs import output_paths, public_outputs

    client = Client()
    site = _site_with_secrets()
    policy_url = site.policy.get_absolute_url()  # (Danish: before any English page)
    paths = output_paths(client, site, search_terms=["kirkegårde", "Privatsen"])
    return {"outputs": public_outputs(client, paths), "policy_url": policy_url,
            "sitemap": client.get("/sitemap.xml").content.decode()}


@pytest.mark.parametrize("kind", ["html", "search", "sitemap", "feeds", "print", "csv"])
def test_unpublished_and_hidden_responses_appear_in_no_public_output(outputs_with_secrets,
                                                                     kind):
    outputs = outputs_with_secrets["outputs"]
    assert outputs.failed == []
    chosen = {
        "html": outputs.html,
        "search": {p: t for p, t in outputs.html.items() if "soeg" in p or "search" in p},
        "sitemap": {"/sitemap.xml": outputs_with_secrets["sitemap"]},
        "feeds": {p: b.decode() for p, b in outputs.feeds.items()},
        "print": {p: t for p, t in outputs.html.items() if "udskriv" in p or "print" in p},
        "csv": outputs.csv,
    }[kind]
    assert chosen, kind
    for path, text in chosen.items():
        for secret in SECRET_TEXTS:
            assert secret not in text, (path, secret)
    if kind == "html":  # the published one is there, as "Privatperson"
        page = outputs.html[outputs_with_secrets["policy_url"]]
        assert "Offentligt svar om kirkegårde" in page and "Privatperson" in page


# Personal data ------------------------------------------------------------------------------------

def test_responses_are_found_exported_and_deleted_by_email(closed_policy):
    policy, _theme = closed_policy
    ConsultationResponseFactory(policy=policy, email="anna@borger.example", name="Anna")
    ConsultationResponseFactory(policy=policy, email="bo@borger.example")
    [holder] = [h for h in personal_data.holders() if "Høringssvar" in str(h.label)
                or "Consultation" in str(h.label)]
    [found] = holder.find("ANNA@borger.example")
    assert found["name"] == "Anna" and found["policy"] == str(policy)
    assert holder.delete("anna@borger.example") >= 1
    assert list(ConsultationResponse.objects.values_list("email", flat=True)) == [
        "bo@borger.example"]


def test_after_the_retention_the_email_and_a_private_persons_name_and_file_go(
        closed_policy, settings):
    settings.CONSULTATION_RESPONSE_RETENTION_DAYS = 30
    policy, _theme = closed_policy
    old = timezone.now() - datetime.timedelta(days=31)
    private = ConsultationResponseFactory(
        policy=policy, submitted_at=old, name="Anna", is_published=True,
        file=SimpleUploadedFile("svar.docx", docx_bytes()))
    club = ConsultationResponseFactory(policy=policy, submitted_at=old, name="Karen",
                                       on_behalf_of="association", organisation_name="Klubben")
    recent = ConsultationResponseFactory(policy=policy, name="Ny")
    counts = personal_data.purge_expired()
    assert sum(counts.values()) >= 2
    private.refresh_from_db(), club.refresh_from_db(), recent.refresh_from_db()
    assert (private.email, private.name, private.file.name) == ("", "", "")
    assert private.text and private.personal_data_removed_at is not None
    assert (club.email, club.name, club.organisation_name) == ("", "Karen", "Klubben")
    assert recent.email and recent.name == "Ny"


def test_the_privacy_page_lists_the_responses_and_their_period(client, municipality, settings):
    settings.CONSULTATION_RESPONSE_RETENTION_DAYS = 200
    text = client.get("/privatliv/").content.decode()
    assert "Høringssvar" in text and "200 dage" in text


# The e-mail through a real SMTP server that is down at first -----------------------------------

@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_a_response_saved_while_smtp_is_down_is_delivered_later_by_the_worker(
        client, smtp_server, no_min_time, municipality):
    today = timezone.localdate()
    policy = PolicyFactory(slug="i-hoering", status=Policy.Status.CONSULTATION, adopted_on=None,
                           title_da="Strategi i høring",
                           consultation_ends=today + datetime.timedelta(days=3))
    smtp_server.stop()
    assert fill(client, _url(policy), ANNA).status_code == 302
    assert ConsultationResponse.objects.count() == 1

    run_worker(email_url=smtp_server.url)  # SMTP refuses the connection
    [delivery] = Delivery.objects.all()
    assert delivery.status == Delivery.Status.RETRYING

    smtp_server.start()
    deadline = timezone.now() + datetime.timedelta(seconds=30)
    while not smtp_server.inbox.messages and timezone.now() < deadline:
        run_worker(email_url=smtp_server.url)
    [message] = smtp_server.inbox.messages
    assert message["To"] == "anna@borger.example"
    # (folded and encoded for the ø; a mail client shows it on one line)
    assert message["Subject"].strip() == "Vi har modtaget dit høringssvar: Strategi i høring"
    assert "Jeg savner et mødested for unge frivillige i Skovlunde." in message.get_content()


# The demo ----------------------------------------------------------------------------------------

def test_the_demo_policy_shows_labelled_example_responses_and_a_hoeringsnotat(client, demo):
    policy = Policy.objects.get(slug="frivillighedspolitik")
    responses = list(ConsultationResponse.objects.public().filter(policy=policy))
    assert len(responses) == 3 and all("Eksempeldata" in r.text for r in responses)
    assert ConsultationNote.objects.public().filter(policy=policy).count() == 2
    text = client.get(policy.get_absolute_url()).content.decode()
    assert "Høringssvarene (3)" in text and "Høringsnotat" in text
    assert "Svar nr. 3: Privatperson" in text and "Ole Olsen" not in text
    assert "Eksempel Idrætsforening (eksempeldata)" in text and "Karen Jensen" not in text
    call_command("load_demo", stdout=io.StringIO())  # again: nothing more
    assert ConsultationResponse.objects.filter(policy=policy).count() == 3
    assert PolicyChange.objects.filter(note__policy=policy).count() == 2
