"""queue_email stores the delivery and its job in the caller's transaction; deliver() sends it
through Django's e-mail backend and records what happened."""

import json

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from intake import mail as intake_mail
from intake.mail import queue_email
from intake.models import Delivery
from intake.worker import MailRetry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_jobs_from_other_tests():
    # procrastinate's job table is not flushed after a committed (transaction=True) test, so
    # jobs left by one would count here; emptied inside this test's transaction (rolled back).
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM procrastinate_jobs")


def _jobs():
    with connection.cursor() as cursor:
        cursor.execute("SELECT task_name, args, queue_name, lock FROM procrastinate_jobs")
        return cursor.fetchall()


def test_queue_email_stores_the_delivery_and_its_job_carries_only_the_id():
    delivery = queue_email(to=["kontakt@forening.example"], subject="Hej", body="Tekst",
                           reply_to=["anna@borger.example"], purpose="test.interest",
                           language="en")
    assert (delivery.status, delivery.attempts, delivery.language) == ("queued", 0, "en")
    [(task, args, queue, lock)] = _jobs()
    assert (task, json.loads(args), queue) == (
        "intake.send_delivery", {"delivery_id": delivery.pk}, "mail")
    assert lock == f"intake.delivery:{delivery.pk}"


def test_the_job_is_rolled_back_with_the_submission():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email(to=["a@example.org"], subject="S", body="B", purpose="test")
        raise RuntimeError
    assert not Delivery.objects.exists()
    assert _jobs() == []


@pytest.mark.parametrize("arguments", [
    {"to": []},
    {"to": ["not an address"]},
    {"to": ["a@example.org\r\nBcc: b@evil.example"]},
    {"reply_to": ["anna@borger.example\nBcc: b@evil.example"]},
])
def test_bad_addresses_are_refused_and_nothing_is_stored(arguments):
    with pytest.raises(ValueError) as error:
        queue_email(**{"to": ["a@example.org"], "subject": "S", "body": "B", "purpose": "t",
                       **arguments})
    assert "@" not in str(error.value)  # the message names the argument, not the address
    assert not Delivery.objects.exists()


def test_line_breaks_in_the_subject_are_removed():
    delivery = queue_email(to=["a@example.org"], subject="Hej\r\nBcc: b@evil.example\nX",
                           body="B", purpose="t")
    assert delivery.subject == "Hej Bcc: b@evil.example X"


def test_deliver_sends_with_reply_to_and_marks_it_sent(settings):
    settings.DEFAULT_FROM_EMAIL = "Portalen <noreply@kommune.example>"
    delivery = queue_email(to=["kontakt@forening.example"], subject="Hej", body="Tekst",
                           reply_to=["anna@borger.example"], purpose="t")
    intake_mail.deliver(delivery.pk, attempt=1)
    [message] = mail.outbox
    assert message.to == ["kontakt@forening.example"]
    assert message.reply_to == ["anna@borger.example"]
    assert message.from_email == "Portalen <noreply@kommune.example>"
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("sent", 1)
    intake_mail.deliver(delivery.pk, attempt=1)  # a second job for it sends nothing
    assert len(mail.outbox) == 1


class BrokenBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise ConnectionRefusedError(111, "Connection refused")


def test_a_failed_attempt_is_recorded_and_raised_without_the_address(settings):
    settings.EMAIL_BACKEND = "tests.intake.test_mail.BrokenBackend"
    settings.INTAKE_MAIL_MAX_ATTEMPTS = 2
    delivery = queue_email(to=["a@example.org"], subject="S", body="B", purpose="t")
    with pytest.raises(intake_mail.DeliveryError) as error:
        intake_mail.deliver(delivery.pk, attempt=1)
    assert "a@example.org" not in str(error.value)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("retrying", 1)
    assert "Connection refused" in delivery.last_error
    assert delivery.next_attempt_at is not None
    with pytest.raises(intake_mail.DeliveryError):
        intake_mail.deliver(delivery.pk, attempt=2)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 2, None)


def test_the_retry_waits_twice_as_long_each_time(settings):
    settings.INTAKE_MAIL_RETRY_SECONDS = 60
    settings.INTAKE_MAIL_MAX_ATTEMPTS = 4

    class Job:
        def __init__(self, attempts):
            self.attempts = attempts

    waits = []
    for attempts in range(4):
        decision = MailRetry().get_retry_decision(exception=Exception(), job=Job(attempts))
        waits.append(None if decision is None else
                     round((decision.retry_at - timezone.now()).total_seconds() / 60))
    assert waits == [1, 2, 4, None]


def test_send_again_requeues_failed_ones_and_leaves_sent_ones():
    failed = Delivery.objects.create(to=["a@example.org"], subject="F", body="B", purpose="t",
                                     status=Delivery.Status.FAILED, attempts=12)
    sent = Delivery.objects.create(to=["a@example.org"], subject="S", body="B", purpose="t",
                                   status=Delivery.Status.SENT)
    assert intake_mail.send_again(Delivery.objects.all()) == 1
    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, sent.status) == ("queued", "sent")
    assert len(_jobs()) == 1


def test_file_backend_writes_one_file_per_email_and_says_where(settings, tmp_path, capsys):
    settings.EMAIL_BACKEND = "intake.backends.FileBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path)
    for subject in ("Første", "Anden"):
        delivery = queue_email(to=["a@example.org"], subject=subject, body="B", purpose="t")
        intake_mail.deliver(delivery.pk, attempt=1)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 2
    printed = capsys.readouterr().out
    assert all(f"E-mail written to {path}" in printed for path in files)
    assert "a@example.org" not in printed
