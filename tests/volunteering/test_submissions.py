"""Associations submit, staff approve: nothing is public until a Frivillighedsformidler says so."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from intake import personal_data
from intake.models import Delivery
from tests.factories import AreaFactory, FieldFactory, OrganisationFactory
from tests.intake.conftest import run_worker
from tests.volunteering.forms_support import deliveries, fill
from volunteering.models import Opportunity, Organisation, Status, Submission

VOLUNTEERING_BROKERS = "Frivillighedsformidlere"

pytestmark = pytest.mark.django_db

SUBMIT = reverse("volunteering:submit-opportunity")
UPDATE = reverse("volunteering:submit-organisation")
SENDER = {"submitter_name": "Karen Jensen", "submitter_email": "karen@forening.example",
          "submitter_phone": ""}


def _opportunity_data(**overrides):
    return {
        "title": "Hjælp i Naturklubbens værksted", "summary": "Byg fuglekasser med børn.",
        "description": "Du hjælper børnene med at save og skrue.", "when": "recurring",
        "when_text": "Hver onsdag kl. 16–18", "contact_name": "Ole Olsen",
        "contact_email": "ole@forening.example", "involves_children": "on",
        **SENDER, **overrides,
    }


@pytest.fixture
def club(municipality):
    return OrganisationFactory(name="Naturklubben", slug="naturklubben",
                               public_email="info@naturklubben.example")


@pytest.fixture
def broker(django_user_model):
    user = django_user_model.objects.create_user("formidler", password="x" * 16, is_staff=True)
    user.groups.add(Group.objects.get(name=VOLUNTEERING_BROKERS))
    return user


def _public_outputs(client, text):
    """Where a published opportunity shows up; a hidden one is in none of them."""
    pages = {
        "list": client.get(reverse("volunteering:opportunity-list")),
        "search": client.get("/vaerktoejskasse/soeg/", {"q": "værksted"}),
        "sitemap": client.get("/sitemap.xml"),
        "feed": client.get(reverse("volunteering:opportunity-feed")),
        "directory": client.get(reverse("volunteering:organisation-list")),
    }
    return {name: text in page.content.decode() for name, page in pages.items()}


def test_a_submitted_opportunity_waits_hidden_and_the_submitter_gets_a_receipt(
        client, club, no_min_time):
    response = fill(client, SUBMIT, _opportunity_data(organisation=club.pk))

    assert response.status_code == 302
    assert response["Location"] == reverse("volunteering:submission-sent")
    opportunity = Opportunity.objects.get()
    assert opportunity.status == Status.AWAITING and opportunity.organisation == club
    assert opportunity.title_da == "Hjælp i Naturklubbens værksted"
    submission = Submission.objects.get()
    assert submission.status == Submission.State.AWAITING
    assert submission.submitter_email == "karen@forening.example"
    [receipt] = deliveries("volunteering.submission.receipt")
    assert receipt.to == ["karen@forening.example"]
    assert receipt.subject == "Vi har modtaget jeres opgave: Hjælp i Naturklubbens værksted"
    assert "Intet vises på portalen" in receipt.body
    # Nowhere public: not the page, list, search, sitemap or feed.
    assert client.get(opportunity.get_absolute_url()).status_code == 404
    assert client.get(reverse("volunteering:interest", args=[opportunity.slug])).status_code == 404
    assert _public_outputs(client, "Naturklubbens værksted") == {
        "list": False, "search": False, "sitemap": False, "feed": False, "directory": False}


def test_a_new_organisation_waits_with_its_opportunity_and_is_not_in_the_directory(
        client, municipality, no_min_time):
    fill(client, SUBMIT, _opportunity_data(new_organisation_name="Havegruppen Øst",
                                           new_organisation_kind="association"))
    organisation = Organisation.objects.get(name="Havegruppen Øst")
    assert organisation.status == Status.AWAITING and organisation.slug == "havegruppen-oest"
    assert Submission.objects.get().creates_organisation
    assert client.get(organisation.get_absolute_url()).status_code == 404
    assert _public_outputs(client, "Havegruppen Øst")["directory"] is False


@pytest.mark.parametrize("overrides, field, message", [
    ({}, "new_organisation_name", "Vælg jeres organisation på listen, eller skriv dens navn."),
    ({"when": "once"}, "date", "En enkeltstående opgave skal have en dato."),
    ({"when": "once", "date": "2001-01-01"}, "date", "Datoen er overskredet."),
    ({"date": "2099-01-01"}, "date", "Kun en enkeltstående opgave har en dato"),
    ({"contact_email": "ikke en adresse"}, "contact_email", "Skriv en e-mailadresse"),
    ({"title": "Titel\r\nBcc: x@evil.example"}, "title", "Skriv det på én linje"),
    ({"show_contact_phone": "on"}, "contact_phone", "Skriv nummeret, der skal vises"),
    ({"description": "Læs [[regel:findes-ikke]]"}, None, "findes-ikke"),
], ids=["no-organisation", "one-off-without-date", "past-date", "date-not-one-off",
        "bad-email", "header-injection", "phone-to-show", "unknown-rule"])
def test_a_bad_submission_names_the_problem_and_saves_nothing(
        client, municipality, no_min_time, overrides, field, message):
    response = fill(client, SUBMIT, _opportunity_data(**overrides))
    text = response.content.decode()
    assert response.status_code == 400
    assert message in text
    assert 'class="error-summary"' in text
    if field:
        assert f'id="id_{field}_error"' in text
    assert not Opportunity.objects.exists() and not Submission.objects.exists()
    assert not Delivery.objects.exists()


def test_personal_data_in_the_public_text_is_masked(client, club, no_min_time):
    fill(client, SUBMIT, _opportunity_data(
        organisation=club.pk, description="Ring til Ole på 12 34 56 78 eller ole@privat.example."))
    description = Opportunity.objects.get().description_da
    assert "12 34 56 78" not in description and "ole@privat.example" not in description


@pytest.mark.parametrize("data", [
    {"organisation": "999999", "title": "x"},
    {"organisation": "\x00", "when": "sometimes", "suits": ["alle"], "minimum_age": "-1"},
    {"date": "2030-02-31", "publish_until": "igår", "volunteers_wanted": "mange"},
    {"title": ["a", "b"], "activity_fields": ["x"], "area": "\x00"},
], ids=["unknown-organisation", "nul-and-bad-choices", "bad-dates", "repeated"])
def test_odd_input_gets_400_never_500(client, municipality, no_min_time, data):
    response = client.post(SUBMIT, {**_opportunity_data(), **data})
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_the_submission_form_has_its_own_rate_limit(client, club, no_min_time):
    no_min_time.INTAKE_RATE_LIMIT = 1
    first = fill(client, SUBMIT, _opportunity_data(organisation=club.pk))
    second = fill(client, SUBMIT, _opportunity_data(organisation=club.pk, title="Endnu en"))
    assert (first.status_code, second.status_code) == (302, 429)
    assert Submission.objects.count() == 1


def test_the_honeypot_saves_nothing(client, club, no_min_time):
    response = fill(client, SUBMIT, _opportunity_data(organisation=club.pk,
                                                      website="http://spam.example"))
    assert response.status_code == 400
    assert not Submission.objects.exists()


def _submit(client, club):
    fill(client, SUBMIT, _opportunity_data(organisation=club.pk))
    return Submission.objects.get()


def test_the_admin_lists_what_waits_oldest_first(client, admin_client, club, no_min_time):
    first = _submit(client, club)
    Submission.objects.filter(pk=first.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=3))
    fill(client, SUBMIT, _opportunity_data(organisation=club.pk, title="Nyere opgave"))
    decided = Submission.objects.exclude(pk=first.pk).get()
    Submission.objects.filter(pk=decided.pk).update(status=Submission.State.DECLINED,
                                                    decline_reason="Nej")
    fill(client, SUBMIT, _opportunity_data(organisation=club.pk, title="Seneste opgave"))
    page = admin_client.get(reverse("admin:volunteering_submission_changelist")).content.decode()
    assert page.index("Hjælp i Naturklubbens værksted") < page.index("Seneste opgave") \
        < page.index("Nyere opgave")


def test_a_broker_approves_and_the_opportunity_is_published_and_the_submitter_told(
        client, club, broker, no_min_time):
    submission = _submit(client, club)
    staff = type(client)()
    staff.force_login(broker)
    change = staff.get(reverse("admin:volunteering_submission_change", args=[submission.pk]))
    assert change.status_code == 200 and "Godkend og offentliggør" in change.content.decode()

    response = staff.post(reverse("admin:volunteering_submission_approve", args=[submission.pk]))

    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == Submission.State.APPROVED and submission.decided_by == broker
    opportunity = submission.opportunity
    opportunity.refresh_from_db()
    assert opportunity.status == Status.PUBLISHED
    [message] = deliveries("volunteering.submission.approved")
    assert message.to == ["karen@forening.example"]
    assert message.subject == "Offentliggjort: Hjælp i Naturklubbens værksted"
    assert f"{settings.SITE_URL}{opportunity.get_absolute_url()}" in message.body
    assert client.get(opportunity.get_absolute_url()).status_code == 200
    assert _public_outputs(client, "Naturklubbens værksted")["list"] is True
    # A second click changes nothing and sends nothing.
    staff.post(reverse("admin:volunteering_submission_approve", args=[submission.pk]))
    assert len(deliveries("volunteering.submission.approved")) == 1


def test_approving_a_new_organisation_publishes_it_too(client, municipality, broker, no_min_time):
    fill(client, SUBMIT, _opportunity_data(new_organisation_name="Havegruppen Øst",
                                           new_organisation_kind="association"))
    staff = type(client)()
    staff.force_login(broker)
    staff.post(reverse("admin:volunteering_submission_approve",
                       args=[Submission.objects.get().pk]))
    organisation = Organisation.objects.get(name="Havegruppen Øst")
    assert organisation.status == Status.PUBLISHED
    assert client.get(organisation.get_absolute_url()).status_code == 200


def test_declining_needs_a_reason_and_tells_the_submitter_it(client, club, broker, no_min_time):
    submission = _submit(client, club)
    staff = type(client)()
    staff.force_login(broker)
    url = reverse("admin:volunteering_submission_decline", args=[submission.pk])
    empty = staff.post(url, {"reason": "  "})
    assert empty.status_code == 400
    assert "Skriv begrundelsen" in empty.content.decode()
    assert deliveries("volunteering.submission.declined") == []

    staff.post(url, {"reason": "Opgaven mangler en kontaktperson, der kan træffes i dagtimerne."})

    submission.refresh_from_db()
    assert submission.status == Submission.State.DECLINED
    assert submission.opportunity.status == Status.DECLINED
    [message] = deliveries("volunteering.submission.declined")
    assert message.subject == "Ikke offentliggjort: Hjælp i Naturklubbens værksted"
    assert "Opgaven mangler en kontaktperson" in message.body
    assert client.get(submission.opportunity.get_absolute_url()).status_code == 404


def test_staff_outside_the_group_cannot_decide(client, club, django_user_model, no_min_time):
    submission = _submit(client, club)
    editor = django_user_model.objects.create_user("redaktoer", password="x" * 16,
                                                   is_staff=True)
    editor.groups.add(Group.objects.get(name="Værktøjskasseredaktører"))
    staff = type(client)()
    staff.force_login(editor)
    for name in ("approve", "decline"):
        url = reverse(f"admin:volunteering_submission_{name}", args=[submission.pk])
        assert staff.post(url, {"reason": "x"}).status_code == 403
    submission.refresh_from_db()
    assert submission.status == Submission.State.AWAITING


def test_publishing_from_the_opportunity_list_approves_the_submission_too(
        client, club, broker, no_min_time):
    submission = _submit(client, club)
    staff = type(client)()
    staff.force_login(broker)
    staff.post(reverse("admin:volunteering_opportunity_changelist"), {
        "action": "publish_selected", "_selected_action": [submission.opportunity_id]})
    submission.refresh_from_db()
    assert submission.status == Submission.State.APPROVED
    assert len(deliveries("volunteering.submission.approved")) == 1


# Updates of an organisation's entry ---------------------------------------------------------

def test_an_update_starts_from_the_entry_as_it_is(client, club):
    page = client.get(UPDATE, {"organisation": "naturklubben"}).content.decode()
    assert "info@naturklubben.example" in page and 'value="naturklubben"' in page
    assert client.get(UPDATE, {"organisation": "findes-ikke"}).status_code == 400


def test_an_approved_update_changes_the_entry_and_a_declined_one_does_not(
        client, club, broker, no_min_time):
    area, field = AreaFactory(name_da="Skovlunde"), FieldFactory(name_da="Natur")
    get_url = f"{UPDATE}?organisation=naturklubben"
    data = {"organisation": "naturklubben", "presentation": "Vi passer mosen hver uge.",
            "address": club.address, "homepage": "https://naturklubben.example",
            "public_email": "ny@naturklubben.example", "public_phone": "",
            "area": area.pk, "activity_fields": [field.pk], **SENDER}
    assert fill(client, UPDATE, data, get_url=get_url).status_code == 302
    submission = Submission.objects.get()
    assert submission.kind == Submission.Kind.ORGANISATION_UPDATE
    assert set(submission.changes) == {"presentation", "homepage", "public_email", "area",
                                       "activity_fields"}
    club.refresh_from_db()
    assert club.public_email == "info@naturklubben.example"  # nothing changes yet
    assert "ny@naturklubben.example" not in client.get(club.get_absolute_url()).content.decode()

    staff = type(client)()
    staff.force_login(broker)
    change = staff.get(reverse("admin:volunteering_submission_change", args=[submission.pk]))
    assert "ny@naturklubben.example" in change.content.decode()  # the proposed value shown
    staff.post(reverse("admin:volunteering_submission_approve", args=[submission.pk]))

    club.refresh_from_db()
    assert club.public_email == "ny@naturklubben.example"
    assert club.website == "https://naturklubben.example"
    assert club.presentation_da == "Vi passer mosen hver uge." and club.area == area
    assert list(club.fields.all()) == [field]
    [message] = deliveries("volunteering.submission.approved")
    assert message.subject == "Opdateret: Naturklubben"

    fill(client, UPDATE, {**data, "public_email": "forkert@naturklubben.example"},
         get_url=get_url)
    second = Submission.objects.get(status=Submission.State.AWAITING)
    staff.post(reverse("admin:volunteering_submission_decline", args=[second.pk]),
               {"reason": "Adressen er ikke foreningens."})
    club.refresh_from_db()
    assert club.public_email == "ny@naturklubben.example"
    assert "Adressen er ikke foreningens." in deliveries("volunteering.submission.declined")[0].body


def test_an_update_that_changes_nothing_is_refused(client, club, no_min_time):
    from volunteering.forms import OrganisationUpdateForm

    initial = OrganisationUpdateForm.initial_for(club)
    data = {**{k: v for k, v in initial.items() if v is not None}, **SENDER}
    response = fill(client, UPDATE, data, get_url=f"{UPDATE}?organisation=naturklubben")
    assert response.status_code == 400
    assert "Intet blev ændret" in response.content.decode()
    assert not Submission.objects.exists()


# Personal data ------------------------------------------------------------------------------

def test_submissions_are_found_and_deleted_by_email_with_what_never_became_public(
        client, club, no_min_time):
    _submit(client, club)
    holder = next(h for h in personal_data.holders() if type(h).__name__ == "Submissions")
    [record] = holder.find("KAREN@forening.example")
    assert record["name"] == "Karen Jensen"
    assert holder.delete("karen@forening.example") == 2  # the submission and its hidden opportunity
    assert not Submission.objects.exists() and not Opportunity.objects.exists()
    assert not Opportunity.history.exists()


def test_decided_submissions_are_purged_after_the_retention_and_waiting_ones_kept(
        client, club, broker, settings, no_min_time):
    settings.SUBMISSION_RETENTION_DAYS = 90
    decided = _submit(client, club)
    staff = type(client)()
    staff.force_login(broker)
    staff.post(reverse("admin:volunteering_submission_approve", args=[decided.pk]))
    fill(client, SUBMIT, _opportunity_data(organisation=club.pk, title="Venter stadig"))
    Submission.objects.filter(pk=decided.pk).update(
        decided_at=timezone.now() - datetime.timedelta(days=91))
    Submission.objects.exclude(pk=decided.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=400))

    personal_data.purge_expired(timezone.now())

    assert list(Submission.objects.values_list("opportunity__title_da", flat=True)) == [
        "Venter stadig"]
    # What was published stays public.
    assert Opportunity.objects.filter(status=Status.PUBLISHED).count() == 1


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_submit_approve_and_decline_end_to_end_through_smtp(client, smtp_server, no_min_time,
                                                           django_user_model):
    from tests.factories import MunicipalityFactory

    MunicipalityFactory()
    club = OrganisationFactory(name="Naturklubben", slug="naturklubben")
    broker = django_user_model.objects.create_user("formidler", password="x" * 16,
                                                   is_staff=True)
    broker.groups.add(Group.objects.get_or_create(name=VOLUNTEERING_BROKERS)[0])
    from portal.groups import groups_ensure

    groups_ensure()
    fill(client, SUBMIT, _opportunity_data(organisation=club.pk))
    fill(client, SUBMIT, _opportunity_data(organisation=club.pk, title="Anden opgave"))
    first, second = Submission.objects.order_by("pk")
    staff = type(client)()
    staff.force_login(broker)
    staff.post(reverse("admin:volunteering_submission_approve", args=[first.pk]))
    staff.post(reverse("admin:volunteering_submission_decline", args=[second.pk]),
               {"reason": "Opgaven findes allerede."})

    run_worker(email_url=smtp_server.url)

    # (A long encoded subject starts on the header's next line; the parser keeps that fold's space.)
    subjects = sorted(message["Subject"].strip() for message in smtp_server.inbox.messages)
    assert subjects == [
        "Ikke offentliggjort: Anden opgave",
        "Offentliggjort: Hjælp i Naturklubbens værksted",
        "Vi har modtaget jeres opgave: Anden opgave",
        "Vi har modtaget jeres opgave: Hjælp i Naturklubbens værksted",
    ]
    assert {message["To"] for message in smtp_server.inbox.messages} == {
        "karen@forening.example"}
    declined = next(m for m in smtp_server.inbox.messages
                    if m["Subject"].startswith("Ikke"))
    assert "Opgaven findes allerede." in declined.get_content()


def test_the_forms_are_in_the_sitemap_and_the_privacy_page_lists_what_they_keep(
        client, municipality, settings):
    settings.INTEREST_RETENTION_DAYS = 60
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/bliv-frivillig/indsend/" in sitemap and "/en/volunteer/submit/organisation/" in sitemap
    privacy = client.get("/privatliv/").content.decode()
    assert "Beskeder fra “Jeg vil gerne hjælpe”" in privacy
    assert "Indsendte opgaver og opdateringer af organisationer" in privacy
    assert "60 dage" in privacy
