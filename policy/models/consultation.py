"""The consultation (høring): responses sent on the site, and the staff's høringsnotat.

A response is private until staff publish it after the deadline; a hidden one (it broke the
published rules) never shows, whatever else is set. The høringsnotat is one note per theme (or
for the policy as a whole) with the changes made because of the responses, each pointing to the
responses that caused it.
"""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from policy.files import validate_response_file
from policy.models.plans import Theme
from policy.models.policies import PUBLIC_STATUSES, Policy


def response_file_path(instance, filename):
    """A generated name: never the respondent's file name (it may hold their name)."""
    suffix = PurePosixPath(filename or "").suffix.lower()
    return f"policy/responses/{uuid.uuid4().hex}{suffix}"


class ConsultationResponseQuerySet(models.QuerySet):
    def public(self):
        """Published by staff, not hidden, of a policy the public may read."""
        return self.filter(is_published=True, is_hidden=False,
                           policy__status__in=PUBLIC_STATUSES)

    def for_email(self, email: str):
        return self.filter(email__iexact=email) if email else self.none()


class ConsultationResponse(models.Model):
    """A høringssvar sent through the form on the site."""

    class OnBehalfOf(models.TextChoices):
        ASSOCIATION = "association", _("An association or organisation")
        COUNCIL = "council", _("A council or board")
        PRIVATE = "private", _("Myself, as a private person")

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE,
                               related_name="consultation_responses", verbose_name=_("policy"))
    name = models.CharField(_("name"), max_length=150, blank=True,
                            help_text=_("Emptied for private persons when the retention "
                                        "period ends."))
    on_behalf_of = models.CharField(_("on behalf of"), max_length=20, choices=OnBehalfOf.choices)
    organisation_name = models.CharField(
        _("name of the association or council"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True,
                              help_text=_("Emptied when the retention period ends."))
    text = models.TextField(_("response"))
    file = models.FileField(_("attached file"), upload_to=response_file_path, blank=True,
                            validators=[validate_response_file],
                            help_text=_("Never published; staff download it here."))
    themes = models.ManyToManyField(Theme, blank=True, related_name="consultation_responses",
                                    verbose_name=_("themes it concerns"))
    publish_name = models.BooleanField(
        _("may be published with the name"), default=False,
        help_text=_("The respondent's own choice. Without it a private person is shown as "
                    "“Private person” and an association without the person's name."))
    language = models.CharField(_("language"), max_length=5, default="da")
    submitted_at = models.DateTimeField(_("received"), default=timezone.now)
    is_published = models.BooleanField(
        _("published"), default=False,
        help_text=_("Shown in the list of responses on the policy's page. Only after the "
                    "deadline."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_hidden = models.BooleanField(
        _("hidden"), default=False,
        help_text=_("A response that breaks the published rules is never shown, even when "
                    "the others are published."))
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)
    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("hidden by"))
    personal_data_removed_at = models.DateTimeField(
        _("personal data removed"), null=True, blank=True)

    objects = ConsultationResponseQuerySet.as_manager()

    class Meta:
        ordering = ["policy", "submitted_at", "id"]
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        constraints = [
            models.CheckConstraint(
                condition=Q(is_hidden=False) | ~Q(hidden_reason=""),
                name="consultation_response_hidden_has_reason",
                violation_error_message=_("Write why the response is hidden."),
            ),
        ]

    def __str__(self):
        # For staff (the admin's lists and choices); the public sees public_name.
        who = ", ".join(filter(None, [self.name, self.organisation_name])) or self.get_on_behalf_of_display()
        return f"{who} ({timezone.localtime(self.submitted_at):%d.%m.%Y})"

    def clean(self):
        if self.on_behalf_of in (self.OnBehalfOf.ASSOCIATION, self.OnBehalfOf.COUNCIL) \
                and not self.organisation_name:
            raise ValidationError({"organisation_name": _(
                "Write the name of the association or council.")})
        if self.is_hidden and not self.hidden_reason.strip():
            raise ValidationError({"hidden_reason": _(
                "Write why the response is hidden: the reason is kept with it.")})
        if self.is_published and self.policy_id and self.policy.consultation_is_open():
            raise ValidationError({"is_published": _(
                "Responses can be published only after the deadline.")})

    @property
    def anchor(self) -> str:
        return f"hoeringssvar-{self.pk}"

    @property
    def public_name(self) -> str:
        """Who sent it, as the public sees it: a person's name only where they agreed."""
        if self.on_behalf_of == self.OnBehalfOf.PRIVATE:
            return self.name if self.publish_name and self.name else str(_("Private person"))
        if self.publish_name and self.name:
            return f"{self.organisation_name} ({self.name})"
        return self.organisation_name

    @property
    def file_suffix(self) -> str:
        return PurePosixPath(self.file.name or "").suffix.lower().lstrip(".")


class ConsultationNoteQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_published=True, policy__status__in=PUBLIC_STATUSES)


class ConsultationNote(models.Model):
    """The høringsnotat for one theme (or the policy as a whole): what the responses said and
    what was changed because of them."""

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE,
                               related_name="consultation_notes", verbose_name=_("policy"))
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, null=True, blank=True, related_name="consultation_notes",
        verbose_name=_("theme"), help_text=_("Empty: about the policy as a whole."))
    position = models.PositiveIntegerField(_("position"), default=0)
    said = models.TextField(_("what the responses said"), help_text=_("Markdown."))
    changed = models.TextField(
        _("what was changed because of them"), blank=True,
        help_text=_("Markdown. A summary; list each change below, with the responses behind "
                    "it."))
    is_published = models.BooleanField(
        pgettext_lazy("consultation note", "published"), default=False,
        help_text=_("Shown on the policy's page and in its print version."))

    objects = ConsultationNoteQuerySet.as_manager()

    class Meta:
        ordering = ["policy", "position", "id"]
        verbose_name = _("consultation note (høringsnotat)")
        verbose_name_plural = _("consultation notes (høringsnotat)")
        constraints = [
            models.UniqueConstraint(fields=["policy", "theme"],
                                    name="one_consultation_note_per_theme",
                                    violation_error_message=_(
                                        "This theme already has a note.")),
            models.UniqueConstraint(fields=["policy"], condition=Q(theme__isnull=True),
                                    name="one_general_consultation_note",
                                    violation_error_message=_(
                                        "The policy already has a note about it as a whole.")),
        ]

    def __str__(self):
        return str(self.theme or _("The policy as a whole"))

    def clean(self):
        if self.theme_id and self.policy_id and self.theme.policy_id != self.policy_id:
            raise ValidationError({"theme": _("Choose a theme of this policy.")})


class PolicyChange(models.Model):
    """One change to the policy text made after the høring, and the responses that caused it."""

    note = models.ForeignKey(ConsultationNote, on_delete=models.CASCADE, related_name="changes",
                             verbose_name=_("consultation note"))
    position = models.PositiveIntegerField(_("position"), default=0)
    section = models.CharField(
        _("section"), max_length=200, blank=True,
        help_text=_("Where in the text, e.g. “Introduction” or “Action point 3”. Empty: the "
                    "note's theme."))
    description = models.TextField(_("what changed"))
    responses = models.ManyToManyField(
        ConsultationResponse, blank=True, related_name="changes",
        verbose_name=_("responses that caused it"),
        help_text=_("Only published responses are linked on the site."))

    class Meta:
        ordering = ["note", "position", "id"]
        verbose_name = _("change after the consultation")
        verbose_name_plural = _("changes after the consultation")

    def __str__(self):
        return self.section or str(self.note)
