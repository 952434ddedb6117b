"""Durable e-mail: stored with the submission, sent by the worker, retried, visible to staff.

`queue_email` is the contract every app uses (docs/intake.md). Call it inside the
`transaction.atomic()` that saves the submission: the Delivery row and its job are written in the
same transaction, so either both the submission and its e-mail exist or neither does.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from intake import worker
from intake.models import Delivery


class DeliveryError(Exception):
    """An attempt failed. Carries the kind of error only: the worker logs it, and an SMTP
    error's text can name addresses (the full text is kept on the Delivery, for staff)."""


def absolute_url(path: str) -> str:
    """A link for an e-mail: SITE_URL (the portal's public address) and the path."""
    return settings.SITE_URL + path


def one_line(value: str) -> str:
    """Header text with CR, LF and other line breaks replaced by spaces (no header injection)."""
    return " ".join(str(value).splitlines()).replace("\r", " ").replace("\n", " ").strip()


def _addresses(values, *, what: str) -> list[str]:
    addresses = []
    for value in values or []:
        address = one_line(value)
        try:
            validate_email(address)
        except ValidationError:
            raise ValueError(f"{what}: not an e-mail address") from None
        addresses.append(address)
    return addresses


# Headers a caller may add to its message (a List-Unsubscribe link, RFC 2369 and 8058); the
# ones Django sets from the Delivery's fields are not among them.
EXTRA_HEADERS = {"List-Unsubscribe", "List-Unsubscribe-Post", "List-Id"}


def _headers(values: dict | None) -> dict[str, str]:
    headers = {}
    for name, value in (values or {}).items():
        if name not in EXTRA_HEADERS:
            raise ValueError(f"headers: {name} is not one a caller may set")
        headers[name] = one_line(value)
    return headers


def queue_email(*, to: list[str], subject: str, body: str, reply_to: list[str] | None = None,
                purpose: str, language: str | None = None,
                headers: dict[str, str] | None = None) -> Delivery:
    """Store a Delivery and defer the job that sends it, in the current transaction.

    Addresses are validated (ValueError names the argument, not the address); the subject and
    any extra `headers` (only those in EXTRA_HEADERS) lose their line breaks. Render `body`
    from a template in the caller.
    """
    recipients = _addresses(to, what="to")
    if not recipients:
        raise ValueError("to: at least one recipient is needed")
    with transaction.atomic():
        delivery = Delivery(
            to=recipients,
            reply_to=_addresses(reply_to, what="reply_to"),
            subject=one_line(subject)[:300],
            body=body,
            purpose=one_line(purpose),
            language=(language or get_language() or settings.LANGUAGE_CODE)[:8],
            headers=_headers(headers),
        )
        delivery.full_clean()
        delivery.save()
        defer(delivery)
    return delivery


def defer(delivery: Delivery) -> int:
    """Defer the send job. The lock keeps two jobs for one delivery from running at once, so a
    "send again" while a retry waits cannot send it twice."""
    # By the task's name: tasks.py defines the task around this module's `deliver`, so
    # importing it here would tie the two modules in a circle.
    return worker.app.configure_task(
        "intake.send_delivery", lock=f"intake.delivery:{delivery.pk}"
    ).defer(delivery_id=delivery.pk)


def send_again(deliveries) -> int:
    """Queue deliveries that failed (or wait for a retry) once more; sent ones are left alone."""
    count = 0
    with transaction.atomic():
        for delivery in deliveries.select_for_update().exclude(status=Delivery.Status.SENT):
            delivery.status = Delivery.Status.QUEUED
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "next_attempt_at"])
            defer(delivery)
            count += 1
    return count


def deliver(delivery_id: int, *, attempt: int) -> None:
    """Send one delivery (called by the worker). `attempt` counts this job's runs from 1.

    Raises DeliveryError when sending failed, so the queue retries with back-off; the Delivery
    records the attempt, the error and when the next try comes (or that it gave up).
    """
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    if delivery is None or delivery.status == Delivery.Status.SENT:
        return  # deleted (a GDPR request, the retention job) or already sent by another job
    message = EmailMessage(
        subject=delivery.subject,
        body=delivery.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=delivery.to,
        reply_to=delivery.reply_to or None,
        headers={**(delivery.headers or {}), "Auto-Submitted": "auto-generated"},
    )
    try:
        message.send()
    except Exception as error:
        final = attempt >= worker.max_attempts()
        now = timezone.now()
        Delivery.objects.filter(pk=delivery_id).update(
            status=Delivery.Status.FAILED if final else Delivery.Status.RETRYING,
            attempts=delivery.attempts + 1,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=None if final else now + datetime.timedelta(
                seconds=worker.first_wait() * 2 ** (attempt - 1)
            ),
        )
        raise DeliveryError(f"delivery {delivery_id}: {type(error).__name__}") from None
    Delivery.objects.filter(pk=delivery_id).update(
        status=Delivery.Status.SENT, attempts=delivery.attempts + 1, sent_at=timezone.now(),
        next_attempt_at=None, last_error="",
    )
