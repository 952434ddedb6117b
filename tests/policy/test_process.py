"""The policy process (issue 16 §1): steps, "Hvor er vi i processen?", meetings and sign-up."""

import datetime
import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from intake import personal_data
from intake.models import Delivery
from policy import services
from policy.models import Meeting, MeetingSignup, Policy, ProcessAttachment, ProcessStep
from policy.tasks import send_meeting_reminders
from tests.factories import (
    MeetingFactory,
    MeetingSignupFactory,
    PlaceFactory,
    PolicyFactory,
    ProcessStepFactory,
    docx_bytes,
)
from tests.intake.conftest import run_worker, smtp_server  # noqa: F401 (the real SMTP server)
from tests.volunteering.forms_support import deliveries, fill

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish")]

ANNA = {"name": "Anna Hansen", "email": "anna@borger.example", "people": "2",
        "needs_interpretation": "tegnsprog", "needs_step_free": "on",
        "other_needs": "Teleslynge", "consent": "on"}


@pytest.fixture
def policy(municipality):
    policy = PolicyFactory(slug="strategi", title_da="Frivillighedsstrategi",
                           title_en="Volunteering strategy", status=Policy.Status.CONSULTATION,
                           consultation_ends=timezone.localdate() + datetime.timedelta(days=30))
    services.process_steps_create_defaults(policy=policy)
    return policy


@pytest.fixture
def meeting(policy):
    step = policy.process_steps.get(position=40)
    step.status = ProcessStep.Status.IN_PROGRESS
    step.save()
    policy.process_steps.filter(position__lt=40).update(status=ProcessStep.Status.DONE)
    return MeetingFactory(step=step, title_da="Dialogmøde i Skovlunde",
                          title_en="Dialogue meeting in Skovlunde", capacity=3,
                          contact_email="arrangoer@kommune.example")


def _url(meeting, name="policy:meeting-detail", **kwargs):
    return reverse(name, kwargs={"slug": meeting.step.policy.slug, "pk": meeting.pk, **kwargs})


# The steps ------------------------------------------------------------------------------------

def test_a_new_policy_gets_cfsas_ten_steps_in_order_once(municipality):
    policy = PolicyFactory(status=Policy.Status.DRAFT)
    created = services.process_steps_create_defaults(policy=policy)
    titles = list(policy.process_steps.values_list("title_da", flat=True))
    assert len(created) == 10 and titles[0] == "Plan for processen"
    assert titles.index("Høring") < titles.index("Justering efter høringssvarene") < \
        titles.index("Vedtagelse i udvalget") < titles.index("Vedtagelse i kommunalbestyrelsen")
    assert set(policy.process_steps.values_list("status", flat=True)) == {"planned"}
    assert all(policy.process_steps.values_list("title_en", flat=True))
    assert services.process_steps_create_defaults(policy=policy) == []  # not twice


def test_the_admin_adds_the_default_steps_to_a_new_policy_and_reorders_without_js(
        client, admin_user, municipality):
    client.force_login(admin_user)
    add = client.get(reverse("admin:policy_policy_add"))
    assert add.status_code == 200 and "process_steps" in add.content.decode()
    data = {"title_da": "Ny politik", "title_en": "New policy", "slug": "ny-politik",
            "kind": "policy", "status": "draft",
            "has_action_plan": "on",
            **{f"{prefix}-{kind}_FORMS": "0" for prefix in (
                "themes", "process_steps", "sections", "values", "adoptions")
               for kind in ("TOTAL", "INITIAL")}}
    response = client.post(reverse("admin:policy_policy_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    policy = Policy.objects.get(slug="ny-politik")
    steps = list(policy.process_steps.order_by("position"))
    assert len(steps) == 10
    # Move the last step first and delete the second, in one plain form post.
    change = reverse("admin:policy_policy_change", args=[policy.pk])
    data.update({"process_steps-TOTAL_FORMS": "10", "process_steps-INITIAL_FORMS": "10"})
    for i, step in enumerate(steps):
        data.update({f"process_steps-{i}-id": str(step.pk), f"process_steps-{i}-policy": str(policy.pk),
                     f"process_steps-{i}-position": str(step.position),
                     f"process_steps-{i}-title_da": step.title_da,
                     f"process_steps-{i}-title_en": step.title_en,
                     f"process_steps-{i}-status": step.status})
    data["process_steps-9-position"] = "1"
    data["process_steps-1-DELETE"] = "on"
    response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    titles = list(policy.process_steps.order_by("position").values_list("title_da", flat=True))
    assert titles[0] == "Vedtagelse i kommunalbestyrelsen" and len(titles) == 9
    assert "Input fra nøglepersoner" not in titles


def test_a_step_with_dates_out_of_order_is_refused(policy):
    step = policy.process_steps.first()
    step.planned_start, step.planned_end = datetime.date(2027, 2, 1), datetime.date(2027, 1, 1)
    with pytest.raises(Exception, match="planlagte slutdato"):
        step.full_clean()


def test_a_step_file_is_checked_by_content_and_downloads(client, policy):
    step = policy.process_steps.first()
    fake = ProcessAttachment(step=step, title="Referat",
                             file=SimpleUploadedFile("referat.pdf", b"not a pdf"))
    with pytest.raises(Exception, match="PDF"):
        fake.full_clean()
    good = ProcessAttachment(step=step, title_da="Referat", title="Referat",
                             file=SimpleUploadedFile("referat.docx", docx_bytes()))
    good.full_clean()
    good.save()
    page = client.get(policy.get_absolute_url()).content.decode()
    assert good.get_absolute_url() in page and "DOCX" in page
    download = client.get(good.get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="referat.docx"')


# The policy page ------------------------------------------------------------------------------

def test_the_policy_page_shows_where_we_are_with_the_current_step_marked(client, meeting):
    page = client.get(meeting.step.policy.get_absolute_url())
    text = page.content.decode()
    assert page.status_code == 200
    assert "Hvor er vi i processen?" in text
    steps = text.split('<ol class="process-steps">')[1].split("</ol>")[0]
    assert steps.count('<li class="process-step ') == 10
    assert steps.count('aria-current="step"') == 1
    current = steps.split('aria-current="step"')[1].split("</li>")[0]
    # Marked in words, not by colour alone.
    assert "Nu" in current and "Lokale dialogmøder med frivillige og foreninger" in current
    assert "I gang" in current
    assert f'href="{meeting.get_absolute_url()}"' in text
    assert "Tilmeld dig “Dialogmøde i Skovlunde”" in text
    assert 'href="#consultation-heading"' in text  # respond to the høring
    assert "Næste dato:" in text and meeting.date.strftime("%Y") in text


def test_the_english_policy_page_shows_the_english_process(client, meeting):
    with translation.override("en"):
        url = meeting.step.policy.get_absolute_url()
    text = client.get(url).content.decode()
    assert "Where are we in the process?" in text and "Opening joint meetings" in text
    assert "Sign up for “Dialogue meeting in Skovlunde”" in text


def test_a_finished_process_says_so_and_offers_no_sign_up(client, policy):
    policy.process_steps.update(status=ProcessStep.Status.DONE)
    policy.status, policy.adopted_on = Policy.Status.ADOPTED, datetime.date(2026, 1, 1)
    policy.save()
    text = client.get(policy.get_absolute_url()).content.decode()
    assert "Processen er afsluttet." in text and 'aria-current="step"' not in text


def test_the_policy_page_query_count_does_not_grow_with_steps_and_meetings(
        client, meeting, django_assert_max_num_queries):
    url = meeting.step.policy.get_absolute_url()
    client.get(url)
    for step in meeting.step.policy.process_steps.all()[:5]:
        for _ in range(3):
            MeetingFactory(step=step)
            MeetingSignupFactory(meeting=meeting)
    from core.cache import bump_content_version

    bump_content_version()
    with django_assert_max_num_queries(12):
        assert client.get(url).status_code == 200


def test_a_draft_policys_meetings_are_not_public(client, meeting):
    meeting.step.policy.status = Policy.Status.DRAFT
    meeting.step.policy.save()
    assert client.get(_url(meeting)).status_code == 404
    assert client.get(_url(meeting, "policy:meeting-calendar")).status_code == 404
    assert _url(meeting) not in client.get("/sitemap.xml").content.decode()


# Sign-up --------------------------------------------------------------------------------------

def test_sign_up_is_stored_with_a_confirmation_holding_a_cancel_link(client, meeting, no_min_time):
    response = fill(client, _url(meeting), ANNA)
    assert response.status_code == 302
    assert response["Location"] == _url(meeting, "policy:meeting-signed-up")
    signup = MeetingSignup.objects.get()
    assert (signup.name, signup.email, signup.people, signup.needs_interpretation,
            signup.needs_step_free, signup.other_needs, signup.on_waiting_list) == (
        "Anna Hansen", "anna@borger.example", 2, "tegnsprog", True, "Teleslynge", False)
    [mail] = deliveries("policy.meeting.signup")
    assert mail.to == ["anna@borger.example"] and mail.reply_to == ["arrangoer@kommune.example"]
    assert mail.subject == "Du er tilmeldt: Dialogmøde i Skovlunde"
    for text in ("Kære Anna Hansen", "Antal personer: 2", "Tolkning til tegnsprog",
                 "Niveaufri adgang", "Teleslynge", "/afmeld/", "kalender.ics", "30 dage"):
        assert text in mail.body, text
    thanks = client.get(response["Location"]).content.decode()
    assert "Du er tilmeldt" in thanks and "Anna" not in thanks and "anna@" not in thanks


def test_the_meeting_page_shows_the_facts_the_form_and_no_one_who_signed_up(client, meeting):
    MeetingSignupFactory(meeting=meeting, name="Bodil Berg", email="bodil@borger.example")
    page = client.get(_url(meeting))
    text = page.content.decode()
    assert page.status_code == 200
    for expected in ("Dialogmøde i Skovlunde", "17:00", "Mødevej 3", "Frivillige og foreninger",
                     "2 af 3 pladser tilbage", 'name="people"', "slettes automatisk 30 dage",
                     'href="/privatliv/"', "arrangoer@kommune.example"):
        assert expected in text, expected
    assert "Bodil" not in text and "bodil@" not in text


def test_a_meeting_at_a_place_links_to_it(client, meeting):
    place = PlaceFactory(name_da="Biblioteket", address="Bogvej 1, 9999 Testrup")
    meeting.place, meeting.address = place, ""
    meeting.save()
    text = client.get(_url(meeting)).content.decode()
    assert f'href="{place.get_absolute_url()}"' in text and "Bogvej 1" in text


def test_over_capacity_goes_on_the_waiting_list_told_on_screen_and_by_email(
        client, meeting, no_min_time):
    MeetingSignupFactory(meeting=meeting, people=2)
    response = fill(client, _url(meeting), ANNA)  # 2 + 2 > 3
    assert response["Location"] == _url(meeting, "policy:meeting-waiting")
    assert MeetingSignup.objects.get(email="anna@borger.example").on_waiting_list
    page = client.get(response["Location"]).content.decode()
    assert "Du er på ventelisten" in page and "fuldt" in page
    [mail] = deliveries("policy.meeting.signup")
    assert mail.subject == "Du er på ventelisten: Dialogmøde i Skovlunde"
    assert "Indtil da har du ikke en plads" in mail.body


def test_a_full_meeting_says_so_before_you_sign_up(client, meeting):
    MeetingSignupFactory(meeting=meeting, people=3)
    text = client.get(_url(meeting)).content.decode()
    assert "0 af 3 pladser tilbage" in text and "ventelisten" in text


def test_cancelling_by_the_signed_link_moves_the_first_waiting_up_and_emails_them(
        client, meeting, no_min_time):
    first = MeetingSignupFactory(meeting=meeting, people=3)
    waiting_big = MeetingSignupFactory(meeting=meeting, people=3, on_waiting_list=True,
                                       email="stor@borger.example")
    waiting_small = MeetingSignupFactory(meeting=meeting, people=1, on_waiting_list=True,
                                         email="lille@borger.example")
    link = services.signup_cancel_url(first)
    ask = client.get(link)
    assert ask.status_code == 200 and "Ja, afmeld mig" in ask.content.decode()
    assert "no-store" in ask["Cache-Control"]
    assert MeetingSignup.objects.filter(pk=first.pk).exists()  # a GET cancels nothing
    done = client.post(link)
    assert done.status_code == 200 and "er afmeldt og slettet" in done.content.decode()
    assert not MeetingSignup.objects.filter(pk=first.pk).exists()
    waiting_big.refresh_from_db()
    waiting_small.refresh_from_db()
    # The first in the queue moves up; the one behind it waits its turn (4 > 3).
    assert not waiting_big.on_waiting_list and waiting_big.promoted_at is not None
    assert waiting_small.on_waiting_list
    [mail] = deliveries("policy.meeting.promoted")
    assert mail.to == ["stor@borger.example"] and "Du har fået en plads" in mail.subject
    again = client.post(link)
    assert again.status_code == 404 and "virker ikke" in again.content.decode()


@pytest.mark.parametrize("token", ["x", "1:abc", "", "%00"])
def test_a_bad_or_tampered_cancel_link_changes_nothing(client, meeting, token):
    signup = MeetingSignupFactory(meeting=meeting)
    good = services.signup_cancel_token(signup)
    for bad in (token or "tom", good[:-2] + "xx"):
        url = _url(meeting, "policy:meeting-cancel", token=bad)
        assert client.post(url).status_code == 404
    other = MeetingFactory(step=meeting.step)
    assert client.post(_url(other, "policy:meeting-cancel", token=good)).status_code == 404
    assert MeetingSignup.objects.filter(pk=signup.pk).exists()


def test_a_past_meeting_refuses_sign_up_with_a_clear_message(client, meeting, no_min_time):
    meeting.date = timezone.localdate() - datetime.timedelta(days=1)
    meeting.save()
    page = client.get(_url(meeting)).content.decode()
    assert "Mødet har fundet sted" in page and 'name="people"' not in page
    response = fill(client, _url(meeting), ANNA)
    assert response.status_code == 400 and "Mødet har fundet sted" in response.content.decode()
    assert not MeetingSignup.objects.exists() and not Delivery.objects.exists()


def test_a_closed_sign_up_is_refused_with_a_clear_message(client, meeting, no_min_time):
    page = client.get(_url(meeting))
    meeting.signup_open = False
    meeting.save()
    from tests.volunteering.forms_support import hidden_fields

    response = client.post(_url(meeting), {**hidden_fields(page.content.decode()), **ANNA})
    assert response.status_code == 400
    assert "Tilmeldingen til mødet er lukket." in response.content.decode()
    assert not MeetingSignup.objects.exists()


def test_the_service_refuses_a_closed_meeting_too(meeting):
    meeting.signup_open = False
    meeting.save()
    with pytest.raises(Exception, match="lukket|closed"):
        services.meeting_signup_create(meeting=meeting, name="A", email="a@b.dk", people=1,
                                       language="da")


@pytest.mark.parametrize("data", [
    {"name": "x" * 10_000, "email": "a" * 300 + "@example.dk", "people": "1e309"},
    {"name": "Anna", "email": "anna@borger.example", "people": "11", "consent": "on"},
    {"name": "Anna", "email": "anna@borger.example", "people": "0", "consent": "on"},
    {"name": "Anna\r\nBcc: x@evil.example", "email": "anna@borger.example", "people": "1",
     "consent": "on"},
    {"name": ["a", "b"], "email": ["a@b.dk", "c@d.dk"], "people": ["1", "x"], "started": "x"},
    {"name": "\x00", "other_needs": "\x00" * 5, "started": "\x00"},
], ids=["huge", "too-many", "zero", "crlf", "repeated", "nul"])
def test_bad_input_gets_400_never_500_and_stores_nothing(client, meeting, no_min_time, data):
    from tests.helpers import public_form_data

    response = client.post(_url(meeting), public_form_data(data) if "started" not in data
                           else data)
    assert response.status_code == 400
    assert not MeetingSignup.objects.exists() and not Delivery.objects.exists()


def test_consent_is_required(client, meeting, no_min_time):
    response = fill(client, _url(meeting), {**ANNA, "consent": ""})
    assert response.status_code == 400 and "Sæt flueben" in response.content.decode()
    assert not MeetingSignup.objects.exists()


def test_the_rate_limit_answers_429(client, meeting, no_min_time):
    no_min_time.INTAKE_RATE_LIMIT = 2
    meeting.capacity = 100
    meeting.save()
    statuses = [fill(client, _url(meeting), ANNA).status_code for _ in range(3)]
    assert statuses == [302, 302, 429]


def test_a_cpr_number_in_the_needs_is_masked(client, meeting, no_min_time):
    fill(client, _url(meeting), {**ANNA, "other_needs": "Mit CPR er 010190-1234"})
    assert "010190-1234" not in MeetingSignup.objects.get().other_needs


def test_the_meeting_page_query_count_is_bounded(client, meeting, django_assert_max_num_queries):
    for _ in range(20):
        MeetingSignupFactory(meeting=meeting)
    client.get(_url(meeting))
    from core.cache import bump_content_version

    bump_content_version()
    with django_assert_max_num_queries(8):
        assert client.get(_url(meeting)).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_two_sign_ups_at_once_cannot_both_take_the_last_place(municipality):
    policy = PolicyFactory(status=Policy.Status.CONSULTATION,
                           consultation_ends=datetime.date(2099, 1, 1))
    meeting = MeetingFactory(step=ProcessStepFactory(policy=policy), capacity=1)
    barrier = threading.Barrier(4)

    def sign_up(number):
        try:
            barrier.wait()
            services.meeting_signup_create(meeting=meeting, name=f"P{number}",
                                           email=f"p{number}@b.dk", people=1, language="da")
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert MeetingSignup.objects.filter(meeting=meeting).count() == 4
    assert MeetingSignup.objects.filter(meeting=meeting, on_waiting_list=False).count() == 1


# Calendar, reminder, retention, personal data -------------------------------------------------

def test_the_calendar_file_has_the_meeting_in_utc_with_place_and_link(client, meeting):
    meeting.date = datetime.date(2027, 3, 10)  # winter time: 17:00 in Copenhagen is 16:00 UTC
    meeting.save()
    response = client.get(_url(meeting, "policy:meeting-calendar"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == \
        'attachment; filename="dialogmde-i-skovlunde-2027-03-10.ics"' or \
        response["Content-Disposition"].endswith('-2027-03-10.ics"')
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart") == datetime.datetime(2027, 3, 10, 16, 0, tzinfo=datetime.UTC)
    assert event.decoded("dtend") == datetime.datetime(2027, 3, 10, 18, 0, tzinfo=datetime.UTC)
    assert str(event["summary"]) == "Dialogmøde i Skovlunde"
    assert "Mødevej 3" in str(event["location"])
    assert str(event["url"]).endswith(_url(meeting))
    again = Calendar.from_ical(client.get(_url(meeting, "policy:meeting-calendar")).content)
    assert again.walk("VEVENT")[0]["uid"] == event["uid"]  # the same event on a second download


def test_the_reminder_job_emails_those_with_a_place_the_day_before_once(meeting, settings):
    today = timezone.localdate()
    meeting.date = today + datetime.timedelta(days=1)
    meeting.save()
    coming = MeetingSignupFactory(meeting=meeting, email="kommer@borger.example")
    MeetingSignupFactory(meeting=meeting, on_waiting_list=True, email="venter@borger.example")
    MeetingSignupFactory(meeting=MeetingFactory(step=meeting.step,
                                                date=today + datetime.timedelta(days=2)),
                         email="senere@borger.example")
    now = int(timezone.now().timestamp())
    assert send_meeting_reminders(timestamp=now) == 1
    assert send_meeting_reminders(timestamp=now) == 0  # a second run sends nothing
    [mail] = deliveries("policy.meeting.reminder")
    assert mail.to == ["kommer@borger.example"]
    assert mail.subject == "Påmindelse: Dialogmøde i Skovlunde i morgen"
    assert "/afmeld/" in mail.body
    coming.refresh_from_db()
    assert coming.reminded_at is not None


def test_the_reminder_job_is_scheduled_daily():
    from procrastinate.contrib.django import app

    schedules = {periodic.task.name: periodic.cron
                 for periodic in app.periodic_registry.periodic_tasks.values()}
    assert schedules["policy.send_meeting_reminders"] == "0 7 * * *"


def test_sign_ups_are_purged_after_the_retention_counted_from_the_meeting(meeting, settings):
    settings.MEETING_SIGNUP_RETENTION_DAYS = 30
    today = timezone.localdate()
    old_meeting = MeetingFactory(step=meeting.step, date=today - datetime.timedelta(days=31))
    recent_meeting = MeetingFactory(step=meeting.step, date=today - datetime.timedelta(days=29))
    MeetingSignupFactory(meeting=old_meeting)
    kept = [MeetingSignupFactory(meeting=recent_meeting).pk, MeetingSignupFactory(meeting=meeting).pk]
    counts = personal_data.purge_expired(timezone.now())
    assert sorted(MeetingSignup.objects.values_list("pk", flat=True)) == sorted(kept)
    assert counts["Tilmeldinger til møder om en politik"] == 1 or sum(counts.values()) >= 1


def test_sign_ups_are_found_exported_and_deleted_by_email(meeting):
    MeetingSignupFactory(meeting=meeting, name="Anna Hansen", email="anna@borger.example",
                         needs_step_free=True)
    found = {f.label: f.records for f in personal_data.find("ANNA@borger.example")}
    [record] = found["Tilmeldinger til møder om en politik"]
    assert record["name"] == "Anna Hansen" and record["step_free_access"] is True
    holder = next(h for h in personal_data.holders() if type(h).__name__ == "MeetingSignups")
    assert holder.delete("anna@borger.example") == 1
    assert not MeetingSignup.objects.exists()


def test_the_privacy_page_lists_the_sign_ups_with_their_retention(client, municipality):
    text = client.get(reverse("privacy")).content.decode()
    assert "Tilmeldinger til møder om en politik" in text


def test_sign_ups_are_kept_out_of_the_audit_trail(meeting):
    assert not hasattr(MeetingSignup, "history")
    assert hasattr(Meeting, "history") and hasattr(ProcessStep, "history")


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_sign_up_and_cancel_end_to_end_through_a_real_smtp_server_and_worker(
        client, smtp_server, no_min_time, municipality):  # noqa: F811 (the fixture)
    policy = PolicyFactory(status=Policy.Status.CONSULTATION,
                           consultation_ends=datetime.date(2099, 1, 1))
    meeting = MeetingFactory(step=ProcessStepFactory(policy=policy), capacity=1,
                             title_da="Borgermøde")
    bo = {**ANNA, "name": "Bo Berg", "email": "bo@borger.example", "people": "1"}
    assert fill(client, _url(meeting), bo).status_code == 302  # the one place
    assert fill(client, _url(meeting), {**ANNA, "people": "1"}).status_code == 302  # waiting
    assert smtp_server.inbox.messages == []  # sent by the worker, not in the request
    run_worker(email_url=smtp_server.url)
    by_recipient = {m["To"]: m for m in smtp_server.inbox.messages}
    assert by_recipient["anna@borger.example"]["Subject"] == "Du er på ventelisten: Borgermøde"
    confirmation = by_recipient["bo@borger.example"]
    assert confirmation["Subject"] == "Du er tilmeldt: Borgermøde"
    link = next(line for line in confirmation.get_content().splitlines() if "/afmeld/" in line)
    from django.conf import settings

    assert client.post(link.strip().removeprefix(settings.SITE_URL)).status_code == 200
    run_worker(email_url=smtp_server.url)
    promoted = smtp_server.inbox.messages[-1]
    assert promoted["To"] == "anna@borger.example"
    assert promoted["Subject"] == "Du har fået en plads: Borgermøde"
    assert not MeetingSignup.objects.get(email="anna@borger.example").on_waiting_list
    assert not MeetingSignup.objects.filter(email="bo@borger.example").exists()
