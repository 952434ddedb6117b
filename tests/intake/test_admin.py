"""The deliveries in the admin: staff read what was sent and why one failed; only staff who may
change deliveries send them again; nothing is edited by hand."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from intake.models import Delivery

pytestmark = pytest.mark.django_db

LIST = "/admin/intake/delivery/"


@pytest.fixture
def failed():
    return Delivery.objects.create(
        to=["kontakt@forening.example"], reply_to=["anna@borger.example"], subject="Ny interesse",
        body="Anna vil gerne hjælpe.", purpose="volunteering.interest",
        status=Delivery.Status.FAILED, attempts=12,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed")


def _staff(*codenames):
    user = User.objects.create_user("staff", password="x" * 12, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def test_a_reader_of_deliveries_sees_the_error_but_cannot_edit_or_send_again(client, failed):
    client.force_login(_staff("view_delivery"))
    listing = client.get(LIST + "?status=failed").content.decode()
    assert "Ny interesse" in listing and "mislykkedes" in listing
    assert 'value="send_again"' not in listing
    detail = client.get(reverse("admin:intake_delivery_change", args=[failed.pk]))
    text = detail.content.decode()
    assert "Connection unexpectedly closed" in text and "Anna vil gerne hjælpe." in text
    assert 'name="_save"' not in text
    client.post(LIST, {"action": "send_again", "_selected_action": [failed.pk]})
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.FAILED


def test_staff_who_may_change_deliveries_send_them_again(client, failed):
    client.force_login(_staff("view_delivery", "change_delivery"))
    response = client.post(LIST, {"action": "send_again", "_selected_action": [failed.pk]},
                           follow=True)
    assert "1 e-mail er sat i kø til at blive sendt igen." in response.content.decode()
    failed.refresh_from_db()
    assert failed.status == Delivery.Status.QUEUED
    assert client.get(reverse("admin:intake_delivery_add")).status_code == 403


def test_staff_without_permission_get_403(client, failed):
    client.force_login(_staff())
    assert client.get(LIST).status_code == 403
