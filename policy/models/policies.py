"""A policy or strategy, its status and official document, and the bodies that own its points."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.private import may_preview
from core.uploads import PDF_SIGNATURE

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# Paths these words take under /politik/ (both languages); a policy or theme may not use them.
RESERVED_POLICY_SLUGS = {"handlingsplan", "action-plan", "arkiv", "archive"}
RESERVED_THEME_SLUGS = {"udskriv", "print", "dokument", "document", "svar", "respond"}


def validate_pdf(upload):
    """The official document must really be a PDF (checked by content) and not too large."""
    if upload.size > DOCUMENT_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s MB; the limit is %(limit)s MB."),
            code="too_large",
            params={"size": round(upload.size / 1024 / 1024, 1),
                    "limit": DOCUMENT_MAX_BYTES // 1024 // 1024},
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(5)
    upload.seek(position)
    if head != PDF_SIGNATURE:
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")


def document_path(instance, filename):
    """A generated name: never the uploader's file name."""
    return f"policy/documents/{uuid.uuid4().hex}.pdf"


class Body(models.Model):
    """A municipal body that owns action points: a committee, the council or a department."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        COMMITTEE = "committee", _("Committee")
        DEPARTMENT = "department", _("Department")
        ADMINISTRATION = "administration", _("Administration")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("department or committee")
        verbose_name_plural = _("departments and committees")

    def __str__(self):
        return self.name


class PolicyQuerySet(models.QuerySet):
    def public(self):
        """Policies anyone may read: in consultation, adopted (current) or archived."""
        return self.exclude(status=Policy.Status.DRAFT)

    def visible_to(self, user):
        """Staff who may view policies also see drafts (as a preview)."""
        return self.all() if may_preview(user, "policy.view_policy") else self.public()

    def current(self):
        """The adopted policy in force (a constraint allows at most one)."""
        return self.filter(status=Policy.Status.ADOPTED).first()

    def archived(self):
        return self.filter(status=Policy.Status.ARCHIVED)

    def in_consultation(self):
        return self.filter(status=Policy.Status.CONSULTATION)


class Policy(models.Model):
    """A volunteering policy, strategy or action plan."""

    class Kind(models.TextChoices):
        POLICY = "policy", _("Policy")
        STRATEGY = "strategy", _("Strategy")
        ACTION_PLAN = "action_plan", _("Action plan")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("policy status", "Draft")
        CONSULTATION = "consultation", pgettext_lazy("policy status", "In consultation")
        ADOPTED = "adopted", pgettext_lazy("policy status", "Adopted")
        ARCHIVED = "archived", pgettext_lazy("policy status", "Archived")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.POLICY)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
        help_text=_("Drafts are only visible to staff. Only one policy can be adopted at a time: "
                    "it is the current policy; earlier ones are archived."),
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="adopted_policies",
        verbose_name=_("adopted by"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    consultation_starts = models.DateField(_("consultation starts"), null=True, blank=True)
    consultation_ends = models.DateField(_("consultation deadline"), null=True, blank=True)
    consultation_how = models.TextField(
        _("how to respond to the consultation"), blank=True, help_text=_("Markdown.")
    )
    theme_body_heading = models.CharField(
        _("heading of a theme's text"), max_length=100, blank=True,
        help_text=_('Shown above each theme\'s text, e.g. "Baggrund" or "Vi ved". '
                    "Leave empty for no heading."),
    )
    action_points_heading = models.CharField(
        _("heading of a theme's action points"), max_length=100, blank=True,
        help_text=_('Shown above each theme\'s action points, e.g. "Ballerup Kommune vil" or '
                    '"Vi vil". Empty: "Action points".'),
    )
    document = models.FileField(
        _("official document (PDF)"), upload_to=document_path, blank=True,
        validators=[FileExtensionValidator(["pdf"]), validate_pdf],
        help_text=_("The adopted or consultation version as a PDF, at most 20 MB."),
    )

    objects = PolicyQuerySet.as_manager()

    class Meta:
        ordering = ["-adopted_on", "title"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="adopted"), name="one_adopted_policy",
                violation_error_message=_(
                    "Another policy is already adopted and current. Archive it first, or use "
                    'the action "Adopt as the current policy" in the list of policies.'
                ),
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="policy_valid_period_in_order",
                violation_error_message=_("The validity must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(consultation_ends__isnull=True) | Q(consultation_starts__isnull=True)
                | Q(consultation_ends__gte=models.F("consultation_starts")),
                name="policy_consultation_period_in_order",
                violation_error_message=_("The consultation must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("policy:policy-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.slug in RESERVED_POLICY_SLUGS:
            raise ValidationError({"slug": _("This address is used by another page.")})
        if self.status == self.Status.CONSULTATION and not self.consultation_ends:
            raise ValidationError(
                {"consultation_ends": _("A policy in consultation needs a deadline.")}
            )

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def action_points_title(self):
        return self.action_points_heading or _("Action points")

    def consultation_is_open(self, today=None):
        today = today or timezone.localdate()
        return (self.status == self.Status.CONSULTATION and self.consultation_ends is not None
                and self.consultation_ends >= today)

    def document_filename(self):
        return f"{self.slug}.pdf"

    def themes_with_progress(self):
        return self.themes.with_progress()


PUBLIC_STATUSES = [s for s in Policy.Status.values if s != Policy.Status.DRAFT]
