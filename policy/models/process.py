"""How a policy comes about, step by step: the process steps, their files, the meetings of a step
and the people who signed up for them (docs/process.md).

The default steps follow CFSA's advice on making a volunteering policy with volunteers (seed
002); staff rename, add, remove and reorder them per policy in the admin.
"""

import datetime
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from places.models import Place
from policy.models.policies import Body, Policy
from toolbox.models import Document, document_field

# The kinds of body whose decision is an adoption step (policy.services.policy_adopt).
ADOPTION_BY = [(Body.Kind.COMMITTEE, _("a committee")), (Body.Kind.COUNCIL, _("the council"))]

# The largest party one sign-up may bring; larger groups write to the organiser.
MAX_PARTY = 10


class ProcessStepQuerySet(models.QuerySet):
    def public(self):
        return self.filter(policy__in=Policy.objects.public())


class ProcessStep(models.Model):
    """One step in making a policy: planned and actual dates, what happens and what came of it."""

    class Status(models.TextChoices):
        PLANNED = "planned", pgettext_lazy("process step", "Planned")
        IN_PROGRESS = "in_progress", pgettext_lazy("process step", "In progress")
        DONE = "done", pgettext_lazy("process step", "Done")
        SKIPPED = "skipped", pgettext_lazy("process step", "Skipped")

    policy = models.ForeignKey(Policy, on_delete=models.CASCADE, related_name="process_steps",
                               verbose_name=_("policy"))
    position = models.PositiveIntegerField(
        _("position"), default=0, help_text=_("Steps are shown in this order, lowest first."))
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PLANNED)
    description = models.TextField(
        _("what happens"), blank=True, max_length=1500,
        help_text=_("A few sentences for the public: what the step is and who takes part."))
    outcome = models.TextField(
        _("what we heard"), blank=True,
        help_text=_("Markdown. What came out of the step, once it is done."))
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_end = models.DateField(_("planned end"), null=True, blank=True)
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_end = models.DateField(_("actual end"), null=True, blank=True)
    adoption_by = models.CharField(
        _("adoption by"), max_length=20, blank=True, choices=ADOPTION_BY,
        help_text=_("For the step in which a committee or the council adopts the policy: the "
                    "“Adopt” button then marks it done with the date of that decision."))

    objects = ProcessStepQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("process step")
        verbose_name_plural = _("process steps")
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_start__isnull=True)
                | Q(planned_end__gte=models.F("planned_start")),
                name="process_step_planned_in_order",
                violation_error_message=_("The planned end must be on or after the start."),
            ),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | Q(actual_start__isnull=True)
                | Q(actual_end__gte=models.F("actual_start")),
                name="process_step_actual_in_order",
                violation_error_message=_("The actual end must be on or after the start."),
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def start(self):
        """When it started, or else when it is planned to start."""
        return self.actual_start or self.planned_start

    @property
    def end(self):
        return self.actual_end or self.planned_end

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.SKIPPED)


def process_file_path(instance, filename):
    """A generated name: the uploader's file name never reaches the disk or other readers."""
    return f"policy/process/{uuid.uuid4().hex}{PurePosixPath(filename).suffix.lower()}"


class ProcessAttachment(Document):
    """A file that belongs to a step (an invitation, the notes from a dialogue meeting)."""

    step = models.ForeignKey(ProcessStep, on_delete=models.CASCADE, related_name="attachments",
                             verbose_name=_("process step"))
    title = models.CharField(_("title"), max_length=200)
    file = document_field(upload_to=process_file_path)  # checked like the toolbox's
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("file for a process step")
        verbose_name_plural = _("files for the process step")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("policy:process-file", kwargs={"slug": self.step.policy.slug,
                                                      "pk": self.pk})


class MeetingQuerySet(models.QuerySet):
    def public(self):
        return self.filter(step__policy__in=Policy.objects.public())

    def upcoming(self, today=None):
        return self.filter(date__gte=today or timezone.localdate())

    def with_taken(self):
        """`taken`: people with a confirmed place; `waiting`: people on the waiting list."""
        return self.annotate(
            taken=Sum("signups__people", filter=Q(signups__on_waiting_list=False), default=0),
            waiting=Sum("signups__people", filter=Q(signups__on_waiting_list=True), default=0),
        )


class Meeting(models.Model):
    """A dialogue meeting or citizens' meeting in a step, which people sign up for."""

    class Kind(models.TextChoices):
        DIALOGUE = "dialogue", _("Dialogue meeting")
        CITIZENS = "citizens", _("Citizens' meeting")
        OPENING = "opening", _("Joint meeting")
        FOCUS_GROUP = "focus_group", _("Focus group")

    step = models.ForeignKey(ProcessStep, on_delete=models.CASCADE, related_name="meetings",
                             verbose_name=_("process step"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.DIALOGUE)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    audience = models.CharField(
        _("who it is for"), max_length=300,
        help_text=_("E.g. “Volunteers and associations in Skovlunde” or “Everyone”."))
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="policy_meetings",
        verbose_name=_("place"), help_text=_("A place from Steder, or write the address below."))
    address = models.CharField(_("address"), max_length=300, blank=True,
                               help_text=_("Where, if the place is not in Steder."))
    capacity = models.PositiveIntegerField(
        _("number of places"), validators=[MinValueValidator(1)],
        help_text=_("How many people can come. Sign-ups beyond this go on the waiting list."))
    signup_open = models.BooleanField(
        _("sign-up open"), default=True,
        help_text=_("Untick to close the sign-up early. It always closes when the meeting "
                    "starts."))
    contact_email = models.EmailField(
        _("organiser's e-mail"), blank=True,
        help_text=_("Shown on the page, for questions and for groups larger than the form "
                    "allows."))

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date", "starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                   name="meeting_ends_after_it_starts",
                                   violation_error_message=_("The meeting must end after it "
                                                             "starts.")),
        ]

    def __str__(self):
        return f"{self.title} ({self.date:%d.%m.%Y})"

    def clean(self):
        if self.place_id is None and not self.address.strip():
            raise ValidationError({"address": _("Choose a place or write the address.")})

    def get_absolute_url(self):
        return reverse("policy:meeting-detail", kwargs={"slug": self.step.policy.slug,
                                                        "pk": self.pk})

    @property
    def starts(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.starts_at))

    @property
    def ends(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.date, self.ends_at))

    @property
    def where(self) -> str:
        if self.place_id:
            return f"{self.place.name}, {self.place.address}" if self.place.address \
                else self.place.name
        return self.address

    def signup_closed_reason(self, now=None) -> str:
        """Why nobody can sign up now, or "" when they can."""
        now = now or timezone.now()
        if not self.step.policy.is_public:
            return str(_("This meeting is not public yet."))
        if self.starts <= now:
            return str(_("The meeting has taken place, so the sign-up is closed."))
        if not self.signup_open:
            return str(_("The sign-up for this meeting is closed."))
        return ""

    def places_left(self) -> int:
        """Needs `taken` from MeetingQuerySet.with_taken()."""
        return max(0, self.capacity - (self.taken or 0))


class MeetingSignupQuerySet(models.QuerySet):
    def for_email(self, email: str):
        return self.filter(email__iexact=email.strip())

    def expired(self, now):
        """Sign-ups for meetings held more than the retention period ago."""
        cutoff = timezone.localdate(now) - datetime.timedelta(
            days=settings.MEETING_SIGNUP_RETENTION_DAYS)
        return self.filter(meeting__date__lt=cutoff)


class MeetingSignup(models.Model):
    """Someone coming to a meeting (or waiting for a place). Personal data: deleted
    MEETING_SIGNUP_RETENTION_DAYS after the meeting (policy/personal_data.py)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="signups",
                                verbose_name=_("meeting"))
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"), max_length=254)
    people = models.PositiveSmallIntegerField(
        _("number of people"), default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTY)])
    needs_interpretation = models.CharField(
        _("interpretation into"), max_length=100, blank=True,
        help_text=_("The language, including sign language."))
    needs_step_free = models.BooleanField(_("needs step-free access"), default=False)
    other_needs = models.CharField(_("other needs"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=8, default="da")
    on_waiting_list = models.BooleanField(_("on the waiting list"), default=False)
    created_at = models.DateTimeField(_("signed up"), default=timezone.now, db_index=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True,
                                       blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    objects = MeetingSignupQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "on_waiting_list", "created_at", "id"]
        verbose_name = _("sign-up for a meeting")
        verbose_name_plural = _("sign-ups for meetings")
        indexes = [models.Index(fields=["meeting", "on_waiting_list", "created_at"],
                                name="policy_signup_queue")]

    def __str__(self):
        return f"{self.name} ({self.meeting})"

    def needs(self) -> list[str]:
        items = []
        if self.needs_interpretation:
            items.append(str(_("Interpretation into %(language)s")
                             % {"language": self.needs_interpretation}))
        if self.needs_step_free:
            items.append(str(_("Step-free access")))
        if self.other_needs:
            items.append(self.other_needs)
        return items
