from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("short description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolbox:topic-detail", kwargs={"slug": self.slug})


class Audience(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("short description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolbox:audience-detail", kwargs={"slug": self.slug})


class Contact(models.Model):
    name = models.CharField(_("unit or person"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


class GuideQuerySet(models.QuerySet):
    def published(self):
        """Guides the public may find in lists, search, sitemaps and feeds."""
        return self.filter(status=Guide.Status.PUBLISHED)

    def readable(self):
        """Guides the public may open: published, and withdrawn ones (shown with a banner)."""
        return self.filter(status__in=[Guide.Status.PUBLISHED, Guide.Status.WITHDRAWN])


class Guide(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("guide status", "Draft")
        PUBLISHED = "published", pgettext_lazy("guide status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("guide status", "Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences."))
    body = models.TextField(_("body"), help_text=_("Markdown. Use ## for section headings."))
    topics = models.ManyToManyField(Topic, related_name="guides", verbose_name=_("topics"))
    audiences = models.ManyToManyField(
        Audience, related_name="guides", verbose_name=_("audiences")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="guides",
        verbose_name=_("contact"),
        help_text=_("Who readers can ask. Empty: the municipality's general contact."),
    )
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("related guides")
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12
    )

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("toolbox:guide-detail", kwargs={"slug": self.slug})


class Feedback(models.Model):
    """An answer to "Var siden nyttig?". Deliberately holds no IP address, name or e-mail."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("guide")
    )
    language = models.CharField(_("language"), max_length=5)
    is_useful = models.BooleanField(_("useful"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_on = models.DateField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["-created_on", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.guide}: {'+' if self.is_useful else '-'}"
