"""The intake's own personal data: the e-mails on their way (Delivery) and the form limiter's
counters (core/ratelimit.py), which hold a keyed hash of each client address."""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from intake.models import Delivery


def delivery_retention_days() -> int:
    return getattr(settings, "INTAKE_DELIVERY_RETENTION_DAYS", 30)


class DeliveryHolder:
    label = _("E-mails sent by the portal")
    purpose = _(
        "A copy of each e-mail the portal sends (receipts, messages to contact persons), kept so "
        "that it can be sent again if the mail server was down, and so staff can see that it "
        "arrived."
    )
    retention_days = staticmethod(delivery_retention_days)

    def find(self, email: str) -> list[dict]:
        return [
            {
                "to": delivery.to,
                "reply_to": delivery.reply_to,
                "subject": delivery.subject,
                "body": delivery.body,
                "purpose": delivery.purpose,
                "status": delivery.status,
                "created_at": delivery.created_at,
                "sent_at": delivery.sent_at,
            }
            for delivery in Delivery.objects.about(email).order_by("created_at", "id")
        ]

    def delete(self, email: str) -> int:
        return Delivery.objects.about(email).delete()[0]

    def purge_expired(self, now: datetime.datetime) -> int:
        """Sent and failed deliveries older than the retention. One still being retried is kept
        until the worker is done with it (the retries end within two days)."""
        cutoff = now - datetime.timedelta(days=delivery_retention_days())
        return Delivery.objects.finished().filter(created_at__lt=cutoff).delete()[0]


class RateLimitHolder:
    """The limiter keeps no address, only a keyed hash of it, so nothing can be found by e-mail;
    it is registered so the privacy page lists it and the daily purge deletes old counters."""

    label = _("Counting of forms per address")
    purpose = _(
        "To stop automated abuse of the public forms, the portal counts how many forms each "
        "internet address sends. It keeps a scrambled code of the address (never the address "
        "itself) with the count, and deletes it when the count no longer matters, within a day."
    )
    retention_days = 1

    def find(self, email: str) -> list[dict]:
        return []

    def delete(self, email: str) -> int:
        return 0

    def purge_expired(self, now: datetime.datetime) -> int:
        return ratelimit.prune_expired()
