"""What the public sends: a self-service submission and the interest messages to a contact."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from volunteering.models.opportunities import Opportunity
from volunteering.models.organisations import Organisation


# Paths below /bliv-frivillig/ (both languages) that an opportunity's slug may not take.
class SubmissionQuerySet(models.QuerySet):
    def awaiting(self):
        """What staff must decide, the oldest first."""
        return self.filter(status=Submission.State.AWAITING).order_by("submitted_at")

    def for_email(self, email: str):
        return self.filter(submitter_email__iexact=email.strip())


class Submission(models.Model):
    """An association's request, sent through the public form without an account: a new
    opportunity (saved as an Opportunity awaiting approval, invisible to the public) or changes
    to its organisation's entry (kept here until staff approve them)."""

    class Kind(models.TextChoices):
        OPPORTUNITY = "opportunity", _("New opportunity")
        ORGANISATION_UPDATE = "organisation_update", _("Update of an organisation")

    class State(models.TextChoices):
        AWAITING = "awaiting", pgettext_lazy("submission state", "Awaiting approval")
        APPROVED = "approved", pgettext_lazy("submission state", "Approved")
        DECLINED = "declined", pgettext_lazy("submission state", "Declined")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=State.choices,
                              default=State.AWAITING)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="submissions", verbose_name=_("organisation"))
    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="submissions", verbose_name=_("opportunity"))
    creates_organisation = models.BooleanField(
        _("new organisation"), default=False,
        help_text=_("The organisation was sent in with this submission and is not public yet."),
    )
    changes = models.JSONField(_("proposed changes"), default=dict, blank=True,
                               help_text=_("For an update: the new value of each field."))
    submitter_name = models.CharField(_("submitter's name"), max_length=150)
    submitter_email = models.EmailField(_("submitter's e-mail"))
    submitter_phone = models.CharField(_("submitter's phone"), max_length=30, blank=True)
    language = models.CharField(_("language"), max_length=5, default="da")
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("decided by"))
    decline_reason = models.TextField(_("reason for declining"), blank=True,
                                      help_text=_("Sent to the submitter."))

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        permissions = [("decide_submission", _("Can approve or decline submissions"))]
        indexes = [models.Index(fields=["status", "submitted_at"],
                                name="volunteering_sub_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="opportunity") | Q(opportunity__isnull=False),
                name="volunteering_submission_opportunity_given",
            ),
        ]

    def __str__(self):
        subject = self.opportunity if self.opportunity_id else self.organisation
        return f"{self.get_kind_display()}: {subject}"

    def clean(self):
        if self.status == self.State.DECLINED and not self.decline_reason.strip():
            raise ValidationError({"decline_reason": _("Say why, so the submitter knows.")})

    @property
    def subject(self):
        """What the submission is about, as the submitter named it."""
        return self.opportunity if self.opportunity_id else self.organisation


class InterestMessageQuerySet(models.QuerySet):
    def for_email(self, email: str):
        return self.filter(email__iexact=email.strip())


class InterestMessage(models.Model):
    """"Jeg vil gerne hjælpe": a citizen's message to an opportunity's contact person.

    Sent by e-mail at once (the contact answers the citizen directly: Reply-To) and kept only
    for settings.INTEREST_RETENTION_DAYS, so staff can help when a message went astray.
    """

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE,
                                    related_name="interest_messages",
                                    verbose_name=_("opportunity"))
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=2000)
    language = models.CharField(_("language"), max_length=5, default="da")
    created_at = models.DateTimeField(_("sent"), default=timezone.now, db_index=True)

    objects = InterestMessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interest message")
        verbose_name_plural = _("interest messages")
        constraints = [
            models.CheckConstraint(condition=~Q(email="") | ~Q(phone=""),
                                   name="volunteering_interest_reachable"),
        ]

    def __str__(self):
        return f"{self.name} → {self.opportunity}"

    def clean(self):
        if not self.email and not self.phone:
            raise ValidationError(_("Give an e-mail address or a phone number, so the contact "
                                    "person can reach you."))
