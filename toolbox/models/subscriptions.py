"""E-mail alerts when the toolbox changes (issue 18 §5): who asked to be told (Subscription) and
what changed in a way worth telling (ChangeNote). The sending is toolbox/subscriptions.py."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toolbox.models.guides import Guide, Topic
from toolbox.models.rules import Rule


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def for_email(self, email: str):
        return self.filter(email=normalise_email(email))

    def unconfirmed_expired(self, now=None):
        """Requests nobody confirmed within TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS)
        return self.unconfirmed().filter(requested_at__lt=cutoff)

    def confirmed_expired(self, now=None):
        """Confirmed subscriptions older than TOOLBOX_SUBSCRIPTION_RETENTION_DAYS."""
        now = now or timezone.now()
        cutoff = now - datetime.timedelta(days=settings.TOOLBOX_SUBSCRIPTION_RETENTION_DAYS)
        return self.confirmed().filter(confirmed_at__lt=cutoff)

    def reaching(self, guides):
        """Confirmed subscriptions that a change to any of `guides` concerns: the guide itself,
        one of its topics, or the whole toolbox."""
        guide_ids = [guide.pk for guide in guides]
        topic_ids = Topic.objects.filter(guides__in=guide_ids).values("pk")
        return self.confirmed().filter(
            Q(kind=Subscription.Kind.TOOLBOX) | Q(guide__in=guide_ids) | Q(topic__in=topic_ids))


def normalise_email(email: str) -> str:
    """One spelling per address, so the same reader cannot be stored twice (Anna@X = anna@x)."""
    return (email or "").strip().lower()


class Subscription(models.Model):
    """One e-mail address told about major changes to one guide, one topic or the whole toolbox.

    Holds the address, what it follows, its language and dates: nothing else (no account, no
    name, no client address). Nothing is sent to it but the confirmation until it is confirmed."""

    class Kind(models.TextChoices):
        GUIDE = "guide", _("one guide")
        TOPIC = "topic", _("one topic")
        TOOLBOX = "toolbox", _("the whole toolbox")

    email = models.EmailField(_("e-mail"), max_length=254)
    kind = models.CharField(_("follows"), max_length=10, choices=Kind.choices)
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="subscriptions", verbose_name=_("guide"))
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="subscriptions", verbose_name=_("topic"))
    language = models.CharField(_("language"), max_length=5, default="da")
    requested_at = models.DateTimeField(_("asked for"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["email", "id"]
        verbose_name = _("subscription to changes")
        verbose_name_plural = _("subscriptions to changes")
        constraints = [
            # One row per address and thing followed, whatever the reader sends twice.
            models.UniqueConstraint(fields=["email", "kind", "guide", "topic"],
                                    nulls_distinct=False, name="toolbox_subscription_once"),
            models.CheckConstraint(
                condition=(Q(kind="guide", guide__isnull=False, topic__isnull=True)
                           | Q(kind="topic", topic__isnull=False, guide__isnull=True)
                           | Q(kind="toolbox", guide__isnull=True, topic__isnull=True)),
                name="toolbox_subscription_target"),
        ]

    def __str__(self):
        return f"{self.email}: {self.target_name}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def target(self):
        """The guide or topic followed; None for the whole toolbox."""
        return self.guide if self.kind == self.Kind.GUIDE else (
            self.topic if self.kind == self.Kind.TOPIC else None)

    @property
    def target_name(self) -> str:
        target = self.target
        return str(target) if target is not None else str(_("the whole toolbox"))


class ChangeNoteQuerySet(models.QuerySet):
    def public(self):
        """Notes readers may see: on published guides (a draft's or withdrawn guide's notes stay
        hidden)."""
        return self.filter(guide__status=Guide.Status.PUBLISHED)


class ChangeNote(models.Model):
    """A major change ("væsentlig ændring") to a published guide, with its one-line note: shown
    on the guide as "Ændret <dato>: …" and e-mailed once to the guide's subscribers. A rule
    change marked major gives one note on every published guide that uses the rule."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="change_notes",
                              verbose_name=_("guide"))
    rule = models.ForeignKey(Rule, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="change_notes", verbose_name=_("rule"),
                             help_text=_("Set when the change was to a rule the guide uses."))
    note = models.CharField(_("change note"), max_length=200)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    notified_at = models.DateTimeField(_("subscribers e-mailed"), null=True, blank=True)

    objects = ChangeNoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")

    def __str__(self):
        return f"{self.guide}: {self.note}"
