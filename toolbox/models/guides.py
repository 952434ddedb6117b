"""Guides and what they are filed under, their attachments and readers' feedback."""

import uuid
from pathlib import PurePosixPath

from django.contrib.postgres.expressions import ArraySubquery
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, Func, OuterRef, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy as _, pgettext_lazy

from toolbox.models.files import Document, document_field
from toolbox.models.rules import add_months, used_rule_slugs, validate_citations



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
    entry_label = models.CharField(
        _("entry label"), max_length=100, blank=True,
        help_text=_("How readers recognise themselves on the front pages, e.g. “Jeg er "
                    "frivillig”. Empty: the name is used."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolbox:audience-detail", kwargs={"slug": self.slug})

    @property
    def label(self):
        return self.entry_label or self.name


class Contact(models.Model):
    name = models.CharField(_("unit or person"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    # Demo and imported contacts hold placeholders (…@example.dk, +45 00 00 00 00) until staff
    # check them: until then the public pages show the municipality's main contact instead.
    details_confirmed = models.BooleanField(
        _("details confirmed"), default=False,
        help_text=_("Tick when the e-mail, phone and opening hours are checked and real. Until "
                    "then the public pages show the municipality's main contact instead."))

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

    def without_text(self):
        """Leaves out the long column (body) that lists and links never show."""
        return self.defer("body", "body_da", "body_en")

    def for_list(self):
        """What a list of guide cards shows: the topics, without one query per guide."""
        return self.without_text().prefetch_related("topics")

    def with_topic_names(self):
        """Annotates `topic_names`: the guide's topics in topic order and the reader's language
        (Danish where the translation is empty), read in the same query as the guides. The
        search page uses it instead of prefetching, which would cost it a query of its own."""
        language = (get_language() or "da")[:2]
        name = f"name_{language}" if language in ("da", "en") else "name_da"
        names = (Topic.objects.filter(guides=OuterRef("pk")).order_by("position", "name", "pk")
                 .values_list(Coalesce(NullIf(name, Value("")), "name_da",
                                       output_field=models.CharField()), flat=True))
        return self.annotate(topic_names=ArraySubquery(names))

    def with_review_due(self):
        """Annotates `review_due` (a date): last review plus the review interval."""
        interval = Func(F("review_interval_months"), template="make_interval(months => %(expressions)s)")
        return self.annotate(review_due=ExpressionWrapper(
            Func(F("reviewed_on") + interval, template="(%(expressions)s)::date"),
            output_field=models.DateField(),
        ))

    def review_overdue(self, today=None):
        """Guides never reviewed, or whose review is due on or before `today`."""
        today = today or timezone.localdate()
        return self.with_review_due().filter(Q(reviewed_on__isnull=True) | Q(review_due__lte=today))

    def review_not_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.with_review_due().filter(review_due__gt=today)

    def with_feedback_summary(self):
        """Annotates `feedback_count` and `feedback_yes` (answers that said "useful")."""
        return self.annotate(
            feedback_count=Count("feedback", distinct=True),
            feedback_yes=Count("feedback", filter=Q(feedback__is_useful=True), distinct=True),
        )

    def using_rule(self, slug: str) -> list:
        """The guides whose body uses the rule `slug` through any token ([[regel:]],
        [[værdi:]], [[udsagn:]]): narrowed in SQL by the token's end, then exactly."""
        needle = f":{slug}]]"
        candidates = self.filter(Q(body_da__contains=needle) | Q(body_en__contains=needle))
        return [guide for guide in candidates
                if slug in used_rule_slugs(f"{guide.body_da or ''} {guide.body_en or ''}")]

    def most_used(self):
        """Featured guides first, then those most readers answered "Var siden nyttig?" on."""
        return self.annotate(feedback_count=Count("feedback")).order_by(
            "-is_featured", "-feedback_count", "-published_at", "title"
        )



PLAIN_TEXT_TOKEN = _("Rule tokens work in the body only: write this text without them.")


class Guide(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("guide status", "Draft")
        PUBLISHED = "published", pgettext_lazy("guide status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("guide status", "Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True,
        help_text=_("The last part of the page address. Filled in from the Danish title."),
    )
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences."))
    body = models.TextField(_("body"), help_text=_("Markdown. Use ## for section headings."))
    topics = models.ManyToManyField(Topic, related_name="guides", verbose_name=_("topics"))
    audiences = models.ManyToManyField(
        Audience, related_name="guides", verbose_name=_("audiences")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
        help_text=_("Draft: only staff can see it. Withdrawn: still readable with a notice, but "
                    "no longer listed or found by search."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False,
        help_text=_("Shown first among the most used guides on the toolbox front page."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="guides",
        verbose_name=_("contact"),
        help_text=_("Who readers can ask. Empty: the municipality's general contact."),
    )
    owner = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_guides",
        verbose_name=_("owner"),
        help_text=_("Who keeps the guide up to date and gets the review reminder. Empty: the "
                    "contact above."),
    )
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("related guides")
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_on = models.DateField(
        _("last reviewed"), null=True, blank=True,
        help_text=_("The date the facts were last checked against the rules."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12
    )
    # The stored search vectors (search_da/en: what search matches; rank_da/en: what it ranks
    # on) are columns the model does not declare, read by search alone: see
    # core/search_columns.py and migration 0009.

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    def clean(self):
        # Titles and summaries are shown as plain text in lists, feeds and search results,
        # where a token would show as written: numbers from rules belong in the body.
        errors = {f"{name}_{language}": PLAIN_TEXT_TOKEN
                  for name in ("title", "summary", "legal_basis") for language in ("da", "en")
                  if used_rule_slugs(getattr(self, f"{name}_{language}", None) or "")}
        if errors:
            raise ValidationError(errors)
        validate_citations({f"body_{language}": getattr(self, f"body_{language}", None) or ""
                            for language in ("da", "en")})

    def get_absolute_url(self):
        return reverse("toolbox:guide-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    @property
    def review_due_on(self):
        if self.reviewed_on is None:
            return None
        return add_months(self.reviewed_on, self.review_interval_months)

    @property
    def is_review_overdue(self):
        due = self.review_due_on
        return due is None or due <= timezone.localdate()

    @property
    def main_topic(self):
        """The first topic by position (uses prefetched topics when there are any)."""
        topics = sorted(self.topics.all(), key=lambda t: (t.position, t.pk))
        return topics[0] if topics else None

    @property
    def responsible(self):
        return self.owner or self.contact


def attachment_path(instance, filename):
    """A generated name: the uploader's file name never reaches the disk or other readers."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"toolbox/attachments/{uuid.uuid4().hex}{suffix}"


class AttachmentQuerySet(models.QuerySet):
    def public(self):
        """Attachments the public may download: offered by at least one guide that is not a
        draft (a withdrawn guide stays readable, so do its files)."""
        return self.filter(pk__in=GuideAttachment.objects.exclude(
            guide__status=Guide.Status.DRAFT).values("attachment_id"))


class Attachment(Document):
    """A template or document to download; stored once and offered by any number of guides
    (through GuideAttachment, which holds its place in each guide's list). One file per
    language (Danish required, English optional and falling back to the Danish file)."""

    guides = models.ManyToManyField(
        Guide, through="GuideAttachment", related_name="attachments", blank=True,
        verbose_name=_("guides"),
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    file = document_field(upload_to=attachment_path)

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("toolbox:attachment-download", kwargs={"pk": self.pk})


class GuideAttachment(models.Model):
    """One guide offering one attachment, at a place in the guide's list of downloads."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="attachment_links",
                              verbose_name=_("guide"))
    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE,
                                   related_name="guide_links", verbose_name=_("attachment"))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["guide", "attachment"],
                                               name="toolbox_guideattachment_once_per_guide")]
        verbose_name = _("attachment on the guide")
        verbose_name_plural = _("attachments on the guide")

    def __str__(self):
        return f"{self.guide} – {self.attachment}"


class AttachmentAlias(models.Model):
    """The download address of an attachment that was merged into another (migration 0014
    stored each duplicated template once): the old address redirects to the one kept."""

    old_id = models.PositiveIntegerField(_("old number"), unique=True)
    attachment = models.ForeignKey(Attachment, on_delete=models.CASCADE, related_name="aliases",
                                   verbose_name=_("attachment"))

    class Meta:
        verbose_name = _("old attachment address")
        verbose_name_plural = _("old attachment addresses")

    def __str__(self):
        return f"{self.old_id} → {self.attachment_id}"


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
