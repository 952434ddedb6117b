"""The consultation response form (høringssvar): an intake.forms.PublicForm, so is_valid() also
refuses robots (honeypot, minimum fill-in time) and floods (the shared rate limit)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intake.forms import PublicForm
from policy.files import RESPONSE_FILE_FORMATS, validate_response_file
from policy.models import ConsultationResponse, Policy
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
