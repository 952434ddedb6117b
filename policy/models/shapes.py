"""The parts of a policy around its themes: free sections before and after them, a list of
values, and the record of the decisions that adopted it (committee, then council).

Kalundborg's strategy (seed 003) ends with "Vejen videre" after its six themes; Rudersdal's
policy (seed 004) is four values before its themes. Both used to be squeezed into the
introduction.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from policy.models.policies import Body, Policy


class PolicySection(models.Model):
    class Placement(models.TextChoices):
        BEFORE_THEMES = "before", _("Before the themes")
        AFTER_THEMES = "after", _("After the themes")

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="sections", verbose_name=_("policy")
    )
    placement = models.CharField(
        _("placement"), max_length=10, choices=Placement.choices,
        default=Placement.BEFORE_THEMES,
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["policy", "placement", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections before and after the themes")

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"afsnit-{self.pk}"


class PolicyValue(models.Model):
    """One of the values a policy is built on ("Det er enkelt at være frivillig")."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="values", verbose_name=_("policy")
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    title = models.CharField(_("value"), max_length=200)
    text = models.TextField(_("short text"), blank=True)

    class Meta:
        ordering = ["policy", "position", "id"]
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self):
        return self.title

    @property
    def anchor(self):
        return f"vaerdi-{self.pk}"


class Adoption(models.Model):
    """One political decision on a policy, entered by staff with the date of the meeting:
    the committee's, then the council's. The last one is the policy's adoption."""

    policy = models.ForeignKey(
        Policy, on_delete=models.CASCADE, related_name="adoptions", verbose_name=_("policy")
    )
    body = models.ForeignKey(
        Body, on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("decided by")
    )
    decided_on = models.DateField(_("date of the decision"))

    class Meta:
        ordering = ["policy", "decided_on", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions (committee, then council)")
        constraints = [
            models.UniqueConstraint(fields=["policy", "body"], name="one_decision_per_body"),
        ]

    def __str__(self):
        return f"{self.body}: {self.decided_on:%Y-%m-%d}"

    def clean(self):
        ends = self.policy.consultation_ends if self.policy_id else None
        if self.decided_on and ends and self.decided_on <= ends:
            raise ValidationError({"decided_on": _(
                "The consultation ran until %(date)s: a policy is adopted after the deadline "
                "for responses.") % {"date": ends.strftime("%d.%m.%Y")}})
