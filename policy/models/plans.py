"""What a policy promises: themes, action points and their progress notes."""


from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from policy.models.policies import PUBLIC_STATUSES, RESERVED_THEME_SLUGS, Body, Policy


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



class ActionPointQuerySet(models.QuerySet):
    """As for themes: other apps list action points only through public()."""

    def public(self):
        return self.filter(theme__policy__status__in=PUBLIC_STATUSES)

    def in_drafts(self):
        return self.filter(theme__policy__status=Policy.Status.DRAFT)

    def with_action_plan(self):
        """Leaves out the commitments of a strategy that has no action plan yet: they have no
        status, owner or progress to show."""
        return self.filter(theme__policy__has_action_plan=True)

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
    status_reason = models.CharField(
        _("reason for the status"), max_length=200, blank=True,
        help_text=_("One line, shown publicly beside the status. Required when the status does "
                    "not fit what the figures that measure the action point say."),
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
