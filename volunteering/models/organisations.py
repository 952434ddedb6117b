"""Who offers volunteering: organisations, and the areas and fields they are sorted by."""

import uuid
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from volunteering.files import validate_logo

# Paths below /bliv-frivillig/ (both languages) that an opportunity's slug may not take.
RESERVED_SLUGS = {"foreninger", "organisations", "feed"}


class Status(models.TextChoices):
    """Where a submission or entry is in the approval flow (organisations and opportunities)."""

    DRAFT = "draft", pgettext_lazy("volunteering status", "Draft")
    AWAITING = "awaiting", pgettext_lazy("volunteering status", "Awaiting approval")
    PUBLISHED = "published", pgettext_lazy("volunteering status", "Published")
    DECLINED = "declined", pgettext_lazy("volunteering status", "Declined")
    WITHDRAWN = "withdrawn", pgettext_lazy("volunteering status", "Withdrawn")


class Area(models.Model):
    """A part of the municipality (a town or district) readers can filter by."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True,
                            help_text=_("The value in the page address, e.g. “skovlunde”."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self):
        return self.name


class Field(models.Model):
    """A field of activity: sport, social, culture, nature …"""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True,
                            help_text=_("The value in the page address, e.g. “natur”."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self):
        return self.name


def logo_path(instance, filename):
    """A generated name: the uploader's file name never reaches the disk or other readers."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"volunteering/logos/{uuid.uuid4().hex}{suffix}"


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """Organisations the public may see: approved (published) ones."""
        return self.filter(status=Status.PUBLISHED)

    def awaiting_approval(self):
        """What staff must look at, oldest submission first."""
        return self.filter(status=Status.AWAITING).order_by(
            models.F("submitted_at").asc(nulls_first=True), "created_at")

    def for_directory(self):
        """What the directory shows: public organisations with their fields and the number
        of opportunities the public can see (a subquery, not one query per card)."""
        # Reached through the relation: opportunities.py imports this module, not the reverse.
        opportunities = self.model.opportunities.rel.related_model
        published = (opportunities.objects.published().filter(organisation=models.OuterRef("pk"))
                     .order_by().values("organisation").annotate(n=models.Count("pk"))
                     .values("n"))
        return (self.public().select_related("area").prefetch_related("fields")
                .annotate(opportunity_count=Coalesce(models.Subquery(published), 0)))


class Organisation(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        MUNICIPAL = "municipal", _("Municipal unit")
        OTHER = "other", _("Other group")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True,
                            help_text=_("The last part of the page address."))
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.ASSOCIATION,
        help_text=_("Municipal unit: a plejecenter, library, school or other part of the "
                    "municipality. Volunteering there is deducted from dagpenge and efterløn; "
                    "in an association it is not (within limits). The opportunity pages say so."),
    )
    presentation = models.TextField(_("short presentation"), blank=True,
                                    help_text=_("Markdown. A few sentences: what you do and for "
                                                "whom."))
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="organisations", verbose_name=_("area"))
    fields = models.ManyToManyField(Field, blank=True, related_name="organisations",
                                    verbose_name=_("fields"))
    address = models.CharField(_("address"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True,
                                     help_text=_("Shown on the public page."))
    public_phone = models.CharField(_("public phone"), max_length=30, blank=True,
                                    help_text=_("Shown on the public page."))
    logo = models.ImageField(
        _("logo"), upload_to=logo_path, blank=True, max_length=200, validators=[validate_logo],
        help_text=_("Optional. PNG or JPEG, at most 2 MB."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
        help_text=_("Only published organisations and their opportunities are shown to the "
                    "public."),
    )
    is_example = models.BooleanField(
        _("example data"), default=False,
        help_text=_("Invented for the demo: the public page says so."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True,
                                        help_text=_("When it was sent for approval."))
    decline_reason = models.TextField(_("reason for declining"), blank=True,
                                      help_text=_("Sent to the submitter when declined."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("volunteering:organisation-detail", kwargs={"slug": self.slug})

    def clean(self):
        if self.status == Status.DECLINED and not self.decline_reason.strip():
            raise ValidationError({"decline_reason": _("Say why, so the submitter knows.")})

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    @property
    def is_public_institution(self):
        return self.kind == self.Kind.MUNICIPAL


