"""E-mail end to end: stored with the submission, sent by a real worker through a real SMTP
server, and nothing lost while the SMTP server is down (SECURITY.md MAIL-01, MAIL-02)."""

import datetime

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from intake.mail import queue_email
from intake.models import Delivery
from tests.intake.conftest import run_worker, run_worker_process

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _queue(**overrides):
    arguments = {
        "to": ["kontakt@forening.example"],
        "subject": "Ny interesse: Lektiecafé\r\nBcc: victim@evil.example",
        "body": "Anna vil gerne hjælpe.\n\nSvar hende direkte.",
        "reply_to": ["anna@borger.example"],
        "purpose": "test.interest",
    }
    with transaction.atomic():
        return queue_email(**{**arguments, **overrides})


def test_a_queued_email_reaches_the_smtp_server_with_reply_to_and_no_injected_header(
        smtp_server):
    delivery = _queue()
    assert Delivery.objects.get(pk=delivery.pk).status == Delivery.Status.QUEUED
    assert smtp_server.inbox.messages == []  # nothing is sent in the request

    # The worker as deployed: a process of its own, EMAIL_URL in its environment.
    run_worker_process(email_url=smtp_server.url)

    [message] = smtp_server.inbox.messages
    assert message["To"] == "kontakt@forening.example"
    assert message["Reply-To"] == "anna@borger.example"
    # (folded and encoded for the é; a mail client shows it on one line)
    assert message["Subject"].strip() == "Ny interesse: Lektiecafé Bcc: victim@evil.example"
    assert message["Bcc"] is None
    assert smtp_server.inbox.envelopes[0].rcpt_tos == ["kontakt@forening.example"]
    assert "Anna vil gerne hjælpe." in message.get_content()
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 1
    assert delivery.sent_at is not None


def test_a_rolled_back_submission_leaves_no_email_behind(smtp_server):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to=["a@example.org"], subject="S", body="B", purpose="test")
        raise RuntimeError("the submission failed after queue_email")
    assert not Delivery.objects.exists()
    run_worker(email_url=smtp_server.url)
    assert smtp_server.inbox.messages == []


def test_smtp_down_the_email_waits_is_retried_shown_to_staff_and_arrives_when_smtp_is_back(
        smtp_server, admin_client):
    smtp_server.stop()
    delivery = _queue(subject="Kvittering")

    run_worker(email_url=smtp_server.url)  # SMTP refuses the connection

    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.RETRYING
    assert delivery.attempts == 1
    assert "ConnectionRefusedError" in delivery.last_error
    assert delivery.next_attempt_at > timezone.now() - datetime.timedelta(seconds=5)
    page = admin_client.get(reverse("admin:intake_delivery_changelist"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Kvittering" in text and "prøver igen" in text

    smtp_server.start()
    # The retry comes after INTAKE_MAIL_RETRY_SECONDS (1 s in the worker run here).
    deadline = timezone.now() + datetime.timedelta(seconds=30)
    while not smtp_server.inbox.messages and timezone.now() < deadline:
        run_worker(email_url=smtp_server.url)

    [message] = smtp_server.inbox.messages
    assert message["Subject"] == "Kvittering"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 2
    assert delivery.last_error == ""


def test_after_the_last_attempt_it_is_failed_and_staff_send_it_again(smtp_server, admin_client):
    smtp_server.stop()
    delivery = _queue(subject="Afvist opslag")
    deadline = timezone.now() + datetime.timedelta(seconds=60)
    while timezone.now() < deadline:
        run_worker(email_url=smtp_server.url)  # INTAKE_MAIL_MAX_ATTEMPTS=3 in the worker run
        delivery.refresh_from_db()
        if delivery.status == Delivery.Status.FAILED:
            break
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == 3
    failed = admin_client.get(reverse("admin:intake_delivery_changelist") + "?status=failed")
    assert "Afvist opslag" in failed.content.decode()

    smtp_server.start()
    response = admin_client.post(reverse("admin:intake_delivery_changelist"), {
        "action": "send_again", "_selected_action": [delivery.pk],
    }, follow=True)
    assert "1 e-mail er sat i kø til at blive sendt igen." in response.content.decode()
    run_worker(email_url=smtp_server.url)
    [message] = smtp_server.inbox.messages
    assert message["Subject"] == "Afvist opslag"
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.attempts == 4
