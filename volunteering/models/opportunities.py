"""The opportunities (frivillige opgaver) organisations offer; what the public sees is `published()`."""

import datetime

from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from toolbox.models import validate_citations
from volunteering.models.organisations import RESERVED_SLUGS, Area, Field, Organisation, Status


# Paths below /bliv-frivillig/ (both languages) that an opportunity's slug may not take.
class Suits(models.TextChoices):
    """Who an opportunity suits (the `passer` filter)."""

    YOUNG = "unge", _("Young people")
    SENIORS = "seniorer", _("Seniors")
    FAMILIES = "familier", _("Families")
    ENGLISH = "engelsk", _("English speakers")
    DISABILITY = "handicap", _("People with a disability")


class OpportunityQuerySet(models.QuerySet):
    def published(self, today=None):
        """Opportunities the public may see anywhere: approved, from an approved organisation,
        within their publication period, and not a one-off date that has passed."""
        today = today or timezone.localdate()
        return self.filter(
            Q(publish_until__isnull=True) | Q(publish_until__gte=today),
            ~Q(when=Opportunity.When.ONE_OFF, date__lt=today),
            status=Status.PUBLISHED, organisation__status=Status.PUBLISHED,
            publish_from__lte=today,
        )

    def awaiting_approval(self):
        """What staff must look at, oldest submission first."""
        return self.filter(status=Status.AWAITING).order_by(
            models.F("submitted_at").asc(nulls_first=True), "created_at")

    def without_text(self):
        """Leaves out the long text that lists never show."""
        return self.defer("description", "description_da", "description_en")

    def for_list(self):
        """What an opportunity card shows, without one query per card."""
        return (self.without_text().select_related("organisation", "area")
                .prefetch_related("fields"))


class Opportunity(models.Model):
    """A volunteering task (frivillig opgave) an organisation needs people for."""

    class When(models.TextChoices):
        ONE_OFF = "once", _("On one date")
        RECURRING = "recurring", _("Recurring")
        FLEXIBLE = "flexible", _("Flexible – here and now")

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="opportunities",
                                     verbose_name=_("organisation"))
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True,
                            help_text=_("The last part of the page address."))
    summary = models.CharField(_("summary"), max_length=300,
                               help_text=_("One plain sentence for lists, search and the feed."))
    description = models.TextField(_("what you will do"),
                                   help_text=_("Markdown. What the volunteer does, with whom, "
                                               "and what they get out of it."))
    fields = models.ManyToManyField(Field, blank=True, related_name="opportunities",
                                    verbose_name=_("fields"))
    area = models.ForeignKey(Area, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="opportunities", verbose_name=_("area"),
                             help_text=_("Empty: the organisation's area."))
    place = models.CharField(_("where"), max_length=200, blank=True,
                             help_text=_("The address or place, e.g. “Ballerup Bibliotek, "
                                         "Banegårdspladsen 2”. Empty: the organisation's "
                                         "address."))
    when = models.CharField(_("when"), max_length=20, choices=When.choices,
                            default=When.RECURRING)
    date = models.DateField(_("date"), null=True, blank=True,
                            help_text=_("For a one-off task: the day. It leaves the lists the "
                                        "day after."))
    when_text = models.CharField(
        _("time"), max_length=200, blank=True,
        help_text=_("E.g. “Hver tirsdag kl. 10–12” or “kl. 9–15”. Flexible tasks: when help is "
                    "welcome."),
    )
    time_needed = models.CharField(_("time needed"), max_length=100, blank=True,
                                   help_text=_("E.g. “2 timer om ugen” or “en lørdag”."))
    suits = ArrayField(models.CharField(max_length=20, choices=Suits.choices),
                       default=list, blank=True, verbose_name=_("suits"))
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    involves_children = models.BooleanField(
        _("involves children under 15"), default=False,
        help_text=_("The organisation must obtain a child certificate (børneattest): the page "
                    "shows the rule."),
    )
    requirements = models.TextField(_("other requirements"), blank=True,
                                    help_text=_("Markdown. E.g. a driving licence or a course."))
    contact_name = models.CharField(_("contact person"), max_length=150,
                                    help_text=_("Shown on the public page."))
    contact_email = models.EmailField(
        _("contact e-mail"),
        help_text=_("Never shown on the public page: messages from interested citizens are "
                    "sent here."),
    )
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    show_contact_phone = models.BooleanField(
        _("show the phone number publicly"), default=False,
        help_text=_("Only with the contact person's consent."),
    )
    volunteers_wanted = models.PositiveSmallIntegerField(_("volunteers wanted"), null=True,
                                                         blank=True)
    publish_from = models.DateField(_("publish from"), default=datetime.date.today)
    publish_until = models.DateField(_("publish until"), null=True, blank=True,
                                     help_text=_("Empty: until it is withdrawn."))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT,
        help_text=_("Only published opportunities of published organisations are shown, "
                    "within the publication period."),
    )
    is_example = models.BooleanField(
        _("example data"), default=False,
        help_text=_("Invented for the demo: the public page says so."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True,
                                        help_text=_("When it was sent for approval."))
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True,
                                      help_text=_("Sent to the submitter when declined."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = OpportunityQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_from", "title"]
        verbose_name = _("opportunity")
        verbose_name_plural = _("opportunities")
        indexes = [models.Index(fields=["status", "publish_from"],
                                name="volunteering_opp_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(publish_until__isnull=True)
                | Q(publish_until__gte=models.F("publish_from")),
                name="volunteering_opportunity_period_in_order",
                violation_error_message=_("The publication must end after it starts."),
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.area_id is None and self.organisation_id is not None:
            self.area_id = self.organisation.area_id
        if self.status == Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at", "area"}
        super().save(*args, **kwargs)

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by another page.")
        if self.when == self.When.ONE_OFF and self.date is None:
            errors["date"] = _("A one-off task needs its date.")
        if self.when != self.When.ONE_OFF and self.date is not None:
            errors["date"] = _("Only a one-off task has a date; describe the time instead.")
        if self.status == Status.DECLINED and not self.decline_reason.strip():
            errors["decline_reason"] = _("Say why, so the submitter knows.")
        if self.show_contact_phone and not self.contact_phone:
            errors["contact_phone"] = _("Give the number to show, or untick “show”.")
        if self.minimum_age is not None and self.minimum_age > 100:
            errors["minimum_age"] = _("Give an age of at most 100.")
        if errors:
            raise ValidationError(errors)
        validate_citations({f"{name}_{language}": getattr(self, f"{name}_{language}", None) or ""
                            for name in ("description", "requirements")
                            for language in ("da", "en")})

    def get_absolute_url(self):
        return reverse("volunteering:opportunity-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status == Status.PUBLISHED

    @property
    def public_phone(self):
        return self.contact_phone if self.show_contact_phone else ""

    @property
    def where(self):
        return self.place or self.organisation.address

    @property
    def suits_labels(self):
        labels = dict(Suits.choices)
        return [labels[value] for value in self.suits if value in labels]


# What the public sends in: the forms' records ------------------------------------------------
# Both hold personal data, so neither is tracked by the audit trail (a history row would keep a
# name after it was deleted) and both are registered as personal-data holders
# (volunteering/personal_data.py), which delete them after the retention period.

