"""The policy app's forms: the public consultation response form (høringssvar, an
intake.forms.PublicForm, so is_valid() also refuses robots and floods) and the admin's adoption
forms (the decisions are entered, never read off the clock).

The sign-up for a meeting in a policy's process: an intake.forms.PublicForm (honeypot,
minimum fill-in time, the shared rate limit), rendered with the volunteering forms' accessible
field tags."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.forms import PublicForm
from policy.files import RESPONSE_FILE_FORMATS, validate_response_file
from policy.models import MAX_PARTY, Body, ConsultationResponse, MeetingSignup, Policy
from volunteering.forms import OneLineField

RESPONSE_MAX_LENGTH = 20000


class ConsultationResponseForm(PublicForm):
    name = OneLineField(label=_("Your name"), max_length=150,
                        widget=forms.TextInput(attrs={"autocomplete": "name"}),
                        error_messages={"required": _("Write your name.")})
    on_behalf_of = forms.ChoiceField(
        label=_("Who is the response from?"), choices=ConsultationResponse.OnBehalfOf.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who the response is from.")},
    )
    organisation_name = OneLineField(
        label=_("Name of the association or council"), max_length=200, required=False,
        help_text=_("Only when you respond on behalf of an association or a council."),
    )
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("We send a receipt with a copy of your response here. It is never "
                    "published."),
        error_messages={"required": _("Write your e-mail address, so we can send you a "
                                      "receipt."),
                        "invalid": _("Write an e-mail address such as navn@example.dk.")},
    )
    text = forms.CharField(
        label=_("Your response"), max_length=RESPONSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("What you think of the draft, and what you would change. Do not write "
                    "CPR numbers, health information or other people's personal data."),
        error_messages={"required": _("Write your response.")},
    )
    file = forms.FileField(
        label=_("Attach a file (optional)"), required=False,
        validators=[validate_response_file],
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(
            f".{suffix}" for suffix in RESPONSE_FILE_FORMATS)}),
        help_text=_("One PDF, DOCX or ODT file of at most 10 MB, e.g. a response your board "
                    "has adopted. The file is read by the staff and not published."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Which themes does it concern? (optional)"), required=False,
        queryset=None, widget=forms.CheckboxSelectMultiple,
    )
    publish_name = forms.BooleanField(
        label=_("You may publish my name with the response"), required=False,
        help_text=_("Without a tick, a private person is shown as “Private person”, and an "
                    "association or council by its name only."),
    )

    def __init__(self, *args, policy: Policy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = policy.themes.order_by("position", "id")
        if not self.fields["themes"].queryset.exists():
            del self.fields["themes"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("on_behalf_of") in (ConsultationResponse.OnBehalfOf.ASSOCIATION,
                                           ConsultationResponse.OnBehalfOf.COUNCIL) \
                and not cleaned.get("organisation_name") \
                and "organisation_name" not in self.errors:
            self.add_error("organisation_name", _(
                "Write the name of the association or council you respond for."))
        return cleaned


class HideResponseForm(forms.Form):
    """Staff: why a response is hidden (kept with it)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Which of the published rules the response breaks. Kept with the "
                    "response."),
        error_messages={"required": _("Write the reason: it is kept with the response.")},
    )


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


def _max_length(name: str) -> int:
    return MeetingSignup._meta.get_field(name).max_length


class MeetingSignupForm(PublicForm):
    name = OneLineField(label=_("Your name"), max_length=_max_length("name"),
                        widget=forms.TextInput(attrs={"autocomplete": "name"}),
                        error_messages={"required": _("Write your name.")})
    email = forms.EmailField(
        label=_("Your e-mail"), max_length=254,
        help_text=_("We send the confirmation, a reminder the day before and the link to "
                    "cancel here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Write your e-mail address."),
                        "invalid": _("Write an e-mail address such as navn@example.dk.")})
    people = forms.IntegerField(
        label=_("Number of people, yourself included"), min_value=1, max_value=MAX_PARTY,
        initial=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": _("Write how many you will be."),
            "invalid": _("Write the number of people as a whole number."),
            "min_value": _("At least 1 person."),
            "max_value": _("At most %(limit_value)s people in one sign-up. For a larger group, "
                           "write to the organiser."),
        })
    needs_interpretation = OneLineField(
        label=_("Interpretation into (optional)"), max_length=_max_length("needs_interpretation"),
        required=False,
        help_text=_("Write the language, e.g. sign language, Arabic or English."))
    needs_step_free = forms.BooleanField(label=_("I need step-free access"), required=False)
    other_needs = OneLineField(
        label=_("Other needs (optional)"), max_length=_max_length("other_needs"), required=False,
        help_text=_("E.g. a hearing loop or a diet. Do not write health information we do not "
                    "need."))
    consent = forms.BooleanField(
        label=_("Yes, keep my sign-up as described above."),
        error_messages={"required": _("Tick the box to sign up, or write to the organiser "
                                      "instead.")})
