"""The adoption form of the policy admin: the decisions are entered, never read off the clock."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.models import Body, Policy


class PolicyAdminForm(forms.ModelForm):
    class Meta:
        model = Policy
        fields = "__all__"

    def clean_status(self):
        status = self.cleaned_data["status"]
        if status == Policy.Status.ADOPTED and self.instance.status != Policy.Status.ADOPTED:
            raise ValidationError(_(
                "Save first, then use the “Adopt” button at the top of this page: it records "
                "who adopted it and when, and archives the current one of the same kind."))
        return status


class AdoptForm(forms.Form):
    """Up to two decisions: the committee's recommendation or decision, then the council's."""

    first_body = forms.ModelChoiceField(
        label=_("First decision: body"), queryset=Body.objects.all(), required=False,
        help_text=_("Usually the committee, e.g. Kultur- og Fritidsudvalget. Leave empty when "
                    "only one body decided."),
    )
    first_on = forms.DateField(
        label=_("First decision: date of the meeting"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    final_body = forms.ModelChoiceField(
        label=_("Adopted by"), queryset=Body.objects.all(),
        help_text=_("The body whose decision puts it in force, usually the council."),
    )
    final_on = forms.DateField(
        label=_("Adopted on (date of the meeting)"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        first_body, first_on = data.get("first_body"), data.get("first_on")
        final_body, final_on = data.get("final_body"), data.get("final_on")
        if bool(first_body) != bool(first_on) and "first_on" not in self.errors:
            raise ValidationError(_("Give both the body and the date of the first decision, "
                                    "or neither."))
        today = timezone.localdate()
        for name, value in (("first_on", first_on), ("final_on", final_on)):
            if value and value > today:
                self.add_error(name, _("A decision can be recorded once it is made: this date "
                                       "is in the future."))
        if first_on and final_on and first_on > final_on:
            self.add_error("first_on", _("The first decision must come before the adoption."))
        if first_body and final_body and first_body == final_body:
            self.add_error("first_body", _("The two decisions are by two different bodies."))
        return data

    def decisions(self) -> list[tuple[Body, object]]:
        data = self.cleaned_data
        first = [(data["first_body"], data["first_on"])] if data.get("first_body") else []
        return [*first, (data["final_body"], data["final_on"])]
