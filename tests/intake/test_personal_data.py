"""The personal-data registry: staff with the permission find, export and delete everything held
about one e-mail address (GDPR art. 15 and 17); the privacy page lists every processing."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation

from intake import personal_data
from intake.mail import queue_email
from intake.models import Delivery, PersonalDataRequest
from portal.groups import ADMINISTRATORS, groups_ensure

pytestmark = pytest.mark.django_db

URL = "/admin/intake/personaldatarequest/"


class NotesHolder:
    """A second holder, as an app would register one."""

    label = "Test notes"
    purpose = "Notes for the test."
    retention_days = staticmethod(lambda: 7)
    notes = []

    def find(self, email):
        return [{"note": note} for address, note in self.notes if address == email]

    def delete(self, email):
        before = len(self.notes)
        self.notes[:] = [(a, n) for a, n in self.notes if a != email]
        return before - len(self.notes)

    def purge_expired(self, now):
        return 0


@pytest.fixture
def notes():
    holder = personal_data.register(NotesHolder())
    NotesHolder.notes[:] = [("anna@borger.example", "Anna's note"), ("bo@x.example", "Bo's")]
    yield holder
    personal_data._HOLDERS.remove(holder)


@pytest.fixture
def deliveries():
    queue_email(to=["kontakt@forening.example"], subject="Ny interesse",
                body="Anna (Anna@Borger.example) vil gerne hjælpe.", purpose="t")
    queue_email(to=["anna@borger.example"], subject="Kvittering", body="Tak.", purpose="t")
    queue_email(to=["kontakt@forening.example"], subject="Andet", body="Bo", purpose="t",
                reply_to=["ANNA@borger.example"])
    queue_email(to=["bo@x.example"], subject="Bos kvittering", body="Tak.", purpose="t")


@pytest.fixture
def officer(db):
    """A staff member in the Administratorer group (which holds the permission)."""
    groups_ensure()
    user = User.objects.create_user("officer", password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATORS))
    return user


def test_register_refuses_something_that_is_no_holder():
    with pytest.raises(TypeError, match="missing"):
        personal_data.register(object())


def test_the_registry_holds_the_intakes_own_processings():
    with translation.override("en"):
        labels = [str(h.label) for h in personal_data.holders()]
    assert "E-mails sent by the portal" in labels
    assert "Counting of forms per address" in labels


def test_find_export_and_delete_through_the_admin(client, officer, notes, deliveries):
    client.force_login(officer)
    page = client.post(URL, {"action": "find", "email": "anna@borger.example"})
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and "private" in page["Cache-Control"]
    text = page.content.decode()
    assert "4 registreringer fundet" in text
    assert "Ny interesse" in text and "Kvittering" in text and "Andet" in text
    assert "Anna&#x27;s note" in text
    assert "Bos kvittering" not in text and "Bo&#x27;s" not in text

    export = client.post(URL, {"action": "export", "email": "anna@borger.example"})
    assert export["Content-Disposition"].startswith('attachment; filename="personal-data-')
    document = json.loads(export.content)
    assert document["email"] == "anna@borger.example"
    by_label = {p["label"]: p for p in document["processings"]}
    assert {r["subject"] for r in by_label["E-mails, som portalen sender"]["records"]} == {
        "Ny interesse", "Kvittering", "Andet"}
    assert by_label["Test notes"] == {"label": "Test notes", "purpose": "Notes for the test.",
                                      "retention_days": 7, "records": [{"note": "Anna's note"}]}

    unconfirmed = client.post(URL, {"action": "delete", "email": "anna@borger.example"})
    assert "Sæt flueben for at bekræfte sletningen." in unconfirmed.content.decode()
    assert Delivery.objects.count() == 4

    deleted = client.post(URL, {"action": "delete", "email": "anna@borger.example",
                                "confirm": "on"}, follow=True)
    assert "4 registreringer om adressen blev slettet." in deleted.content.decode()
    assert list(Delivery.objects.values_list("subject", flat=True)) == ["Bos kvittering"]
    assert NotesHolder.notes == [("bo@x.example", "Bo's")]
    again = client.post(URL, {"action": "find", "email": "anna@borger.example"})
    assert "0 registreringer fundet" in again.content.decode()

    # Recorded: who did what and how many records, never the address.
    log = list(PersonalDataRequest.objects.order_by("id").values_list("action", "records",
                                                                      "staff__username"))
    assert log == [("find", 4, "officer"), ("export", 4, "officer"), ("delete", 4, "officer"),
                   ("find", 0, "officer")]


def test_a_bad_address_gets_a_message(client, officer):
    client.force_login(officer)
    page = client.post(URL, {"action": "find", "email": "ikke en adresse"})
    assert 'class="errorlist' in page.content.decode()
    assert not PersonalDataRequest.objects.exists()


def test_staff_without_the_permission_get_403(client, deliveries):
    editor = User.objects.create_user("editor", password="x" * 12, is_staff=True)
    client.force_login(editor)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"action": "export", "email": "anna@borger.example"}
                       ).status_code == 403
    assert client.post(URL, {"action": "delete", "email": "anna@borger.example",
                             "confirm": "on"}).status_code == 403
    assert Delivery.objects.count() == 4


def test_the_administrators_group_holds_the_permission(officer):
    assert officer.has_perm("intake.handle_personal_data")
    assert officer.has_perm("intake.change_delivery")


def test_the_privacy_page_lists_every_processing_with_purpose_and_retention(
        client, municipality, notes, settings):
    settings.INTAKE_DELIVERY_RETENTION_DAYS = 30
    with translation.override("en"):
        page = client.get(reverse("privacy"))
    text = page.content.decode()
    assert page.status_code == 200
    assert "E-mails sent by the portal" in text and "30 days" in text
    assert "Test notes" in text and "Notes for the test." in text and "7 days" in text
