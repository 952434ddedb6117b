"""A policy or strategy, its status and official document, and the bodies that own its points."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.private import may_preview
from core.uploads import PDF_SIGNATURE

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# Paths these words take under /politik/ (both languages); a policy or theme may not use them.
RESERVED_POLICY_SLUGS = {"handlingsplan", "action-plan", "arkiv", "archive", "raad-og-udvalg",
                         "bodies"}
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


class BodyQuerySet(models.QuerySet):
    def with_pages(self):
        return self.filter(has_page=True)


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
    has_page = models.BooleanField(
        _("has a public page"), default=False,
        help_text=_("Show a page about this body (its role, members, meetings and contact), and "
                    "link its name to it wherever it owns an action point."),
    )
    role = models.TextField(
        _("role"), blank=True,
        help_text=_("Markdown: what the body does for volunteering, in plain language, and the "
                    "rule it is set up under."),
    )
    contact = models.TextField(
        _("contact"), blank=True,
        help_text=_("Markdown: how to reach the body (usually its secretariat), not a member's "
                    "private details."),
    )
    website = models.URLField(
        _("page on the municipality's site"), blank=True,
        help_text=_("Where the municipality publishes the body's agendas and minutes."),
    )

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("department or committee")
        verbose_name_plural = _("departments and committees")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("policy:body-detail", kwargs={"slug": self.slug})

    @property
    def page_url(self):
        """The public page's address, or "" for a body without one (its name is not linked)."""
        return self.get_absolute_url() if self.has_page else ""


class PolicyQuerySet(models.QuerySet):
    def public(self):
        """Policies anyone may read: in consultation, adopted (current) or archived."""
        return self.exclude(status=Policy.Status.DRAFT)

    def visible_to(self, user):
        """Staff who may view policies also see drafts (as a preview)."""
        return self.all() if may_preview(user, "policy.view_policy") else self.public()

    def in_force(self):
        """The adopted policies: at most one of each kind (a constraint), policy first."""
        return self.filter(status=Policy.Status.ADOPTED).order_by("kind", "title")

    def current(self):
        """The adopted policy in force, a policy before a strategy before an action plan."""
        return self.in_force().first()

    def current_pk(self):
        """`current()` as a subquery of its primary key, for a query that must know, without a
        query of its own, which policy the front page shows."""
        return Subquery(self.in_force().values("pk")[:1])

    def current_of_kind(self, kind):
        return self.filter(status=Policy.Status.ADOPTED, kind=kind).first()

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
        help_text=_("Drafts are only visible to staff. One policy of each kind can be adopted "
                    "at a time: it is the current one; earlier ones are archived. Adopt with "
                    "the “Adopt” button at the top of this page."),
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
    has_action_plan = models.BooleanField(
        _("the action points have an action plan"), default=True,
        help_text=_("Untick for a strategy whose points are commitments without an action plan "
                    "yet: no status, responsible or progress is then shown anywhere, and its "
                    "points are left out of the action plan, until you tick it again."),
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
                fields=["kind"], condition=Q(status="adopted"),
                name="one_adopted_policy_per_kind",
                violation_error_message=_(
                    "Another one of this kind is already adopted and current. Use the “Adopt” "
                    "button on this page: it archives the current one."
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
