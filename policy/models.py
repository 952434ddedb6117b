from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy


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
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    introduction = models.TextField(_("introduction"), blank=True, help_text=_("Markdown."))
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        Body, on_delete=models.SET_NULL, null=True, blank=True, related_name="adopted_policies",
        verbose_name=_("adopted by"),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    consultation_ends = models.DateField(_("consultation deadline"), null=True, blank=True)
    consultation_how = models.TextField(
        _("how to respond to the consultation"), blank=True, help_text=_("Markdown.")
    )

    class Meta:
        ordering = ["-adopted_on", "title"]
        verbose_name = _("policy")
        verbose_name_plural = _("policies")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("policy:policy-detail", kwargs={"slug": self.slug})


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
