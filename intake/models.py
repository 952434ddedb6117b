import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _


class DeliveryQuerySet(models.QuerySet):
    def about(self, email: str):
        """Deliveries that name the address as recipient or Reply-To, or carry it in the body."""
        email = email.strip()
        in_headers = RawSQL(
            'EXISTS (SELECT 1 FROM unnest("intake_delivery"."to" || "intake_delivery"."reply_to")'
            " AS address WHERE lower(address) = lower(%s))",
            [email],
            output_field=models.BooleanField(),
        )
        # In the text only as a whole address: "a@b.dk" must not find "anna@b.dk".
        in_body = (r"(^|[^[:alnum:]_.+-])" + re.sub(r"([^\w@])", r"\\\1", email)
                   + r"($|[^[:alnum:]_-])")
        return self.filter(in_headers | models.Q(body__iregex=in_body))

    def finished(self):
        return self.filter(status__in=[Delivery.Status.SENT, Delivery.Status.FAILED])


class Delivery(models.Model):
    """One e-mail on its way: stored with the submission, sent by the worker.

    The contract (docs/intake.md) names these fields; the queue job carries only the id, so no
    address or text sits in the job table or the worker's log.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        # An attempt failed; the worker tries again later (see next_attempt_at).
        RETRYING = "retrying", _("retrying")
        SENT = "sent", _("sent")
        # Every attempt failed; staff can send it again from the admin.
        FAILED = "failed", _("failed")

    to = ArrayField(models.EmailField(max_length=254), verbose_name=_("to"))
    reply_to = ArrayField(
        models.EmailField(max_length=254), default=list, blank=True, verbose_name=_("reply to")
    )
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    purpose = models.CharField(
        _("purpose"), max_length=100,
        help_text=_("What the e-mail is for, e.g. volunteering.interest."),
    )
    language = models.CharField(_("language"), max_length=8, blank=True)
    # Extra headers for this message only, e.g. List-Unsubscribe (RFC 8058) on an alert.
    headers = models.JSONField(_("extra headers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("e-mail delivery")
        verbose_name_plural = _("e-mail deliveries")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.subject} ({self.get_status_display()})"


class PersonalDataRequest(models.Model):
    """A record that staff searched, exported or deleted personal data (GDPR art. 15 and 17).

    It holds who did what, when and how many records it touched, never the address itself, so
    the record of a deletion does not keep what was deleted.
    """

    class Action(models.TextChoices):
        FIND = "find", _("find")
        EXPORT = "export", _("export")
        DELETE = "delete", _("delete")

    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("staff member"),
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    records = models.PositiveIntegerField(_("records"), default=0)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("personal data")
        verbose_name_plural = _("personal data")
        permissions = [
            ("handle_personal_data", _("Can find, export and delete personal data")),
        ]

    def __str__(self):
        return f"{self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"
