"""Places (steder): the municipality's rooms, halls and urban spaces that associations, groups
and citizens may use, and what it takes to use them.

What the public may see is decided in one place: `Place.objects.public()`. The list, the site
search and the sitemap start there. This portal does not book anything: each place links to the
municipality's booking system.
"""

import uuid
from pathlib import PurePosixPath

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from places.files import validate_photo
from toolbox.models import Guide, Rule
from toolbox.models import validate_citations
from volunteering.models import Area, Organisation


class Kind(models.TextChoices):
    MEETING_ROOM = "moedelokale", _("Meeting room")
    SPORTS_HALL = "hal", _("Sports hall")
    CLASSROOM = "klasselokale", _("School classroom")
    KITCHEN = "koekken", pgettext_lazy("kind of place", "Kitchen")
    OUTDOOR = "udeareal", _("Outdoor area")
    SQUARE = "plads", _("Square")
    PARK = "park", _("Park")


class Equipment(models.TextChoices):
    PROJECTOR = "projektor", _("Projector")
    SCREEN = "skaerm", _("Screen")
    SOUND = "lyd", _("Sound system")
    KITCHEN = "koekken", pgettext_lazy("equipment", "Kitchen")
    WIFI = "wifi", _("Wi-Fi")
    TABLES = "borde", _("Tables and chairs")
    POWER = "stroem", _("Power outlets outdoors")


class Booker(models.TextChoices):
    """Who may book a place (the `hvem` filter)."""

    FOLKEOPLYSENDE = "folkeoplysende", _("Approved folkeoplysende associations")
    ASSOCIATIONS = "foreninger", _("Other associations")
    GROUPS = "grupper", _("Informal groups")
    CITIZENS = "borgere", _("Citizens")


class Status(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("places status", "Draft")
    PUBLISHED = "published", pgettext_lazy("places status", "Published")


def photo_path(instance, filename):
    """A generated name: the uploader's file name never reaches the disk or other readers."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"places/photos/{uuid.uuid4().hex}{suffix}"


class PlaceQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Status.PUBLISHED)

    def with_capacity(self):
        """`capacity`: the larger of seated and standing, for "room for at least N"."""
        return self.annotate(capacity=Greatest(Coalesce("seats", 0), Coalesce("standing", 0)))

    def for_list(self):
        """What a card shows, without one query per card and without the long texts."""
        return (self.public().with_capacity().select_related("area")
                .defer("description", "description_da", "description_en",
                       "opening_hours", "opening_hours_da", "opening_hours_en",
                       "price", "price_da", "price_en"))


class Place(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True,
                            help_text=_("The last part of the page address."))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    summary = models.CharField(_("summary"), max_length=300,
                               help_text=_("One plain sentence for lists and search."))
    description = models.TextField(
        _("description"), blank=True,
        help_text=_("Markdown. What the place is like and what it suits; may cite rules as "
                    "[[regel:slug]]."))
    address = models.CharField(_("address"), max_length=200,
                               help_text=_("Street, number, postcode and town: the page links "
                                           "it to a map."))
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="places", verbose_name=_("area"))
    seats = models.PositiveIntegerField(_("seated capacity"), null=True, blank=True)
    standing = models.PositiveIntegerField(_("standing capacity"), null=True, blank=True,
                                           help_text=_("Outdoors: how many people it holds."))
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessible_toilet = models.BooleanField(_("accessible toilet"), default=False)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    equipment = ArrayField(models.CharField(max_length=20, choices=Equipment.choices),
                           default=list, blank=True, verbose_name=_("equipment"))
    opening_hours = models.TextField(
        _("opening times for associations"), blank=True,
        help_text=_("E.g. “Hverdage kl. 16–22, weekender kl. 8–22”."))
    bookers = ArrayField(models.CharField(max_length=20, choices=Booker.choices),
                         default=list, blank=True, verbose_name=_("who may book"))
    free_for_folkeoplysning = models.BooleanField(
        _("free for folkeoplysende activity"), default=False,
        help_text=_("The page cites the rule on free premises (folkeoplysningsloven § 21)."))
    price = models.TextField(_("price for others"), blank=True,
                             help_text=_("E.g. “Gratis” or “350 kr. pr. dag”."))
    booking_rules = models.ManyToManyField(
        Rule, blank=True, related_name="places", verbose_name=_("booking deadlines"),
        help_text=_("The rules the page cites for when to book, e.g. the season deadlines."))
    booking_url = models.URLField(
        _("booking link"), blank=True,
        help_text=_("The place in the municipality's booking system: the portal does not "
                    "take bookings itself."))
    owner = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="places", verbose_name=_("owner unit"),
        limit_choices_to={"kind": Organisation.Kind.MUNICIPAL},
        help_text=_("The municipal unit that runs the place."))
    owner_name = models.CharField(_("owner (text)"), max_length=200, blank=True,
                                  help_text=_("When no municipal unit in the directory fits."))
    contact_name = models.CharField(_("contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True,
                                      help_text=_("Shown on the public page."))
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True,
                                     help_text=_("Shown on the public page."))
    photo = models.ImageField(
        _("photo"), upload_to=photo_path, blank=True, max_length=200,
        validators=[validate_photo], width_field="photo_width", height_field="photo_height",
        help_text=_("Optional. PNG or JPEG, at most 5 MB."))
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(_("photo description (alt text)"), max_length=300, blank=True,
                                 help_text=_("What the photo shows, for readers who cannot see "
                                             "it. Required with a photo."))
    guides = models.ManyToManyField(
        Guide, blank=True, related_name="places", verbose_name=_("guides that apply"),
        help_text=_("E.g. fire safety, overnight stays, alcohol, road use. Only published "
                    "guides are shown."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT)
    is_example = models.BooleanField(_("example data"), default=False,
                                     help_text=_("Invented for the demo: the public page says "
                                                 "so."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PlaceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("place")
        verbose_name_plural = _("places")
        indexes = [models.Index(fields=["status", "kind"], name="places_status_kind_idx")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("places:place-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.photo and not (getattr(self, "photo_alt_da", None) or "").strip():
            errors["photo_alt"] = _("Describe the photo for readers who cannot see it.")
        if self.owner_id and self.owner_name.strip():
            errors["owner_name"] = _("Choose the unit or write its name, not both.")
        if errors:
            raise ValidationError(errors)
        validate_citations({f"description_{language}":
                            getattr(self, f"description_{language}", None) or ""
                            for language in ("da", "en")})

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    @property
    def owner_display(self):
        return self.owner.name if self.owner_id else self.owner_name

    @property
    def equipment_labels(self):
        labels = dict(Equipment.choices)
        return [labels[value] for value in self.equipment if value in labels]

    @property
    def booker_labels(self):
        labels = dict(Booker.choices)
        return [labels[value] for value in self.bookers if value in labels]

    @property
    def accessibility_labels(self):
        return [str(label) for flag, label in (
            (self.step_free, _("Step-free access")),
            (self.accessible_toilet, _("Accessible toilet")),
            (self.hearing_loop, _("Hearing loop"))) if flag]
