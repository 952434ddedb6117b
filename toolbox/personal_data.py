"""What the toolbox keeps about people, for the intake's personal-data register: the e-mail
addresses that follow changes (docs/subscriptions.md). Registered in ToolboxConfig.ready().

Two processings with their own periods: a request nobody confirmed is deleted after
TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS; a confirmed subscription after
TOOLBOX_SUBSCRIPTION_RETENTION_DAYS (or at once by the unsubscribe link in every e-mail)."""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from toolbox.models import Subscription


def _records(queryset) -> list[dict]:
    return [{"email": s.email, "follows": s.get_kind_display(), "name": s.target_name,
             "language": s.language, "asked_for": s.requested_at.isoformat(),
             "confirmed": s.confirmed_at.isoformat() if s.confirmed_at else None}
            for s in queryset.select_related("guide", "topic")]


class UnconfirmedSubscriptions:
    label = _("Requests for e-mail alerts, not yet confirmed")
    purpose = _(
        "When you ask to be told about changes to a guide, a topic or the whole toolbox, we "
        "keep your e-mail address, what you asked to follow and the date, and send one e-mail "
        "with a link to confirm. If you do not confirm, the request is deleted after the period "
        "stated here, and nothing more is sent."
    )

    @staticmethod
    def retention_days() -> int:
        return settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS

    def find(self, email: str) -> list[dict]:
        return _records(Subscription.objects.for_email(email).unconfirmed())

    def delete(self, email: str) -> int:
        return Subscription.objects.for_email(email).unconfirmed().delete()[0]

    def purge_expired(self, now: datetime.datetime) -> int:
        return Subscription.objects.unconfirmed_expired(now).delete()[0]


class ConfirmedSubscriptions:
    label = _("E-mail alerts about changes in the toolbox")
    purpose = _(
        "We keep your e-mail address, what you follow, your language and the dates, to e-mail "
        "you when a guide you follow changes in a way that matters. Every e-mail has a link "
        "that deletes your address at once; otherwise it is deleted after the period stated "
        "here, and you can subscribe again."
    )

    @staticmethod
    def retention_days() -> int:
        return settings.TOOLBOX_SUBSCRIPTION_RETENTION_DAYS

    def find(self, email: str) -> list[dict]:
        return _records(Subscription.objects.for_email(email).confirmed())

    def delete(self, email: str) -> int:
        return Subscription.objects.for_email(email).confirmed().delete()[0]

    def purge_expired(self, now: datetime.datetime) -> int:
        return Subscription.objects.confirmed_expired(now).delete()[0]


HOLDERS = [UnconfirmedSubscriptions(), ConfirmedSubscriptions()]
