import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from core.private import may_preview
from core.uploads import PDF_SIGNATURE

DOCUMENT_MAX_BYTES = 20 * 1024 * 1024
# Paths these words take under /politik/ (both languages); a policy or theme may not use them.
RESERVED_POLICY_SLUGS = {"handlingsplan", "action-plan", "arkiv", "archive"}
RESERVED_THEME_SLUGS = {"udskriv", "print", "dokument", "document"}


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


class ThemeQuerySet(models.QuerySet):
    """Other apps list themes only through public() (e.g. an indicator's themes), so a draft
    policy's titles never reach a reader."""

    def public(self):
        return self.filter(policy__status__in=PUBLIC_STATUSES)

    def in_drafts(self):
        """Themes of a draft policy: hidden from the public wherever they are linked."""
        return self.filter(policy__status=Policy.Status.DRAFT)

    def in_policy_order(self):
        return self.select_related("policy").order_by("policy__title", "position")

    def with_progress(self):
        """Each theme with `action_point_count` and `done_count`, in one query."""
        return self.annotate(
            action_point_count=Count("action_points", distinct=True),
            done_count=Count(
                "action_points", filter=Q(action_points__status=ActionPoint.Status.DONE),
                distinct=True,
            ),
        )


class Theme(models.Model):
    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="themes", verbose_name=_("policy")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(
        _("body"), blank=True, help_text=_("Markdown: background, or what we know.")
    )

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["policy", "position"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["policy", "slug"], name="theme_slug_unique_in_policy"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "policy:theme-detail", kwargs={"policy_slug": self.policy.slug, "slug": self.slug}
        )

    def clean(self):
        if self.slug in RESERVED_THEME_SLUGS:
            raise ValidationError({"slug": _("This address is used by another page.")})


PUBLIC_STATUSES = [s for s in Policy.Status.values if s != Policy.Status.DRAFT]


class ActionPointQuerySet(models.QuerySet):
    """As for themes: other apps list action points only through public()."""

    def public(self):
        return self.filter(theme__policy__status__in=PUBLIC_STATUSES)

    def in_drafts(self):
        return self.filter(theme__policy__status=Policy.Status.DRAFT)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today).exclude(status=ActionPoint.Status.DONE)

    def for_listing(self):
        """Everything a list of action points shows, in a fixed number of queries."""
        return self.select_related("theme__policy").prefetch_related(
            "owners",
            models.Prefetch(
                "progress_notes",
                queryset=ProgressNote.objects.order_by("-noted_on", "-id")[:1],
                to_attr="latest_notes",
            ),
        )


class ActionPoint(models.Model):
    """One thing the municipality has promised to do ("Ballerup Kommune vil", "Vi vil")."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", pgettext_lazy("action point status", "Not started")
        IN_PROGRESS = "in_progress", pgettext_lazy("action point status", "In progress")
        DONE = "done", pgettext_lazy("action point status", "Done")
        PAUSED = "paused", pgettext_lazy("action point status", "Paused")

    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="action_points", verbose_name=_("theme")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    slug = models.SlugField(_("slug"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    owners = models.ManyToManyField(
        Body, blank=True, related_name="action_points",
        verbose_name=_("responsible departments and committees"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED
    )
    start_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    related_guides = models.ManyToManyField(
        "toolbox.Guide", blank=True, related_name="action_points",
        verbose_name=_("related guides"),
    )

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["theme", "position"]
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        constraints = [
            models.UniqueConstraint(
                fields=["theme", "slug"], name="action_point_slug_unique_in_theme"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{self.theme.get_absolute_url()}#{self.anchor}"

    def clean(self):
        if self.start_on and self.due_on and self.due_on < self.start_on:
            raise ValidationError({"due_on": _("The due date must be after the start.")})

    @property
    def anchor(self):
        return f"indsats-{self.slug}"

    @property
    def is_overdue(self):
        return (self.due_on is not None and self.due_on < timezone.localdate()
                and self.status != self.Status.DONE)

    @property
    def latest_note(self):
        """The newest progress note; use ActionPoint.objects.for_listing() to prefetch it."""
        notes = getattr(self, "latest_notes", None)
        if notes is None:
            notes = list(self.progress_notes.order_by("-noted_on", "-id")[:1])
        return notes[0] if notes else None


class ProgressNote(models.Model):
    """A dated note on how far an action point has come."""

    action_point = models.ForeignKey(
        ActionPoint, on_delete=models.CASCADE, related_name="progress_notes",
        verbose_name=_("action point"),
    )
    noted_on = models.DateField(_("date"), default=timezone.localdate)
    text = models.TextField(_("progress note"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("written by"), editable=False,
    )

    class Meta:
        ordering = ["-noted_on", "-id"]
        verbose_name = _("progress note")
        verbose_name_plural = _("progress notes")

    def __str__(self):
        return f"{self.action_point}: {self.noted_on:%Y-%m-%d}"
