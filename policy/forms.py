"""The sign-up for a meeting in a policy's process: an intake.forms.PublicForm (honeypot,
minimum fill-in time, the shared rate limit), rendered with the volunteering forms' accessible
field tags."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.forms import PublicForm
from policy.models import MAX_PARTY, MeetingSignup
from volunteering.forms import OneLineField


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
