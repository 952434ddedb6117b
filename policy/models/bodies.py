"""Who sits on the bodies behind the policy and when they meet.

Members are public office holders only (elected members and appointed representatives), entered
by staff with name and role; no private contact details are kept. Agendas and minutes stay on
the municipality's own site: a meeting holds the links.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.models.policies import Body


class BodyMember(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="members", verbose_name=_("body")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(
        _("name"), max_length=150,
        help_text=_("Only people who hold the seat as a public office."),
    )
    role = models.CharField(
        _("role"), max_length=150, blank=True,
        help_text=_('E.g. "Formand", "Næstformand", "Medlem" or "Repræsentant for '
                    'idrætsforeningerne".'),
    )
    party = models.CharField(
        _("party or organisation"), max_length=150, blank=True,
        help_text=_("The party of an elected member, or the organisation that appointed a "
                    "representative."),
    )

    class Meta:
        ordering = ["body", "position", "id"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return self.name


class BodyMeetingQuerySet(models.QuerySet):
    def upcoming(self, today=None):
        return self.filter(meets_on__gte=today or timezone.localdate()).order_by("meets_on")

    def past(self, today=None):
        return self.filter(meets_on__lt=today or timezone.localdate()).order_by("-meets_on")


class BodyMeeting(models.Model):
    body = models.ForeignKey(
        Body, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("body")
    )
    meets_on = models.DateField(_("date"))
    agenda_url = models.URLField(
        _("agenda"), blank=True, help_text=_("The agenda on the municipality's own site."),
    )
    minutes_url = models.URLField(
        _("minutes"), blank=True, help_text=_("The minutes on the municipality's own site."),
    )

    objects = BodyMeetingQuerySet.as_manager()

    class Meta:
        ordering = ["body", "-meets_on"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.UniqueConstraint(fields=["body", "meets_on"], name="one_meeting_per_day"),
        ]

    def __str__(self):
        return f"{self.body}: {self.meets_on:%Y-%m-%d}"

    def clean(self):
        if self.minutes_url and self.meets_on and self.meets_on > timezone.localdate():
            raise ValidationError({"minutes_url": _("A meeting has minutes only after it.")})
