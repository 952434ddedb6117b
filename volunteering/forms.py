"""The public forms of "Bliv frivillig": "Jeg vil gerne hjælpe" and the associations' submissions.

Each is an intake.forms.PublicForm (honeypot, minimum fill-in time, a rate limit per address shared
by every worker), so is_valid() also refuses robots and floods with a message of its own.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intake.forms import PublicForm
from volunteering.models import (
    Area, Field, InterestMessage, Opportunity, Organisation, Suits,
)

# Anything below a space (CR, LF, tab, NUL …) in a one-line field: a name never needs it, and a
# line break in a value that reaches an e-mail is how header injection starts.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A Danish or foreign number as people write it: digits with spaces, +, -, parentheses, dots.
_PHONE = re.compile(r"^\+?[\d\s().-]+$")


def validate_one_line(value: str) -> None:
    if _CONTROL.search(value):
        raise ValidationError(_("Write it on one line, without line breaks or tabs."),
                              code="control")


def validate_phone(value: str) -> None:
    digits = re.sub(r"\D", "", value)
    if not _PHONE.match(value) or not 8 <= len(digits) <= 15:
        raise ValidationError(_("Write a phone number of 8 to 15 digits, e.g. 12 34 56 78."),
                              code="phone")


class OneLineField(forms.CharField):
    """A short text on one line (names, places, titles)."""

    default_validators = [validate_one_line]


class PhoneField(forms.CharField):
    default_validators = [validate_one_line, validate_phone]

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})


def _email_field(label, **kwargs):
    # Django's EmailField already refuses line breaks; the widget helps phones show "@".
    field = forms.EmailField(label=label, max_length=254, **kwargs)
    field.widget.attrs["autocomplete"] = "email"
    return field


class InterestForm(PublicForm):
    """"Jeg vil gerne hjælpe". The fields are meant to carry the citizen's contact details and a
    message to the contact person, so nothing here is masked except CPR numbers in the message
    (see services.interest_create)."""

    name = OneLineField(label=_("Your name"), max_length=150,
                        widget=forms.TextInput(attrs={"autocomplete": "name"}),
                        error_messages={"required": _("Write your name.")})
    email = _email_field(_("Your e-mail"), required=False,
                         error_messages={"invalid": _("Write an e-mail address such as "
                                                      "navn@example.dk.")})
    phone = PhoneField(label=_("Your phone number"), required=False)
    message = forms.CharField(
        label=_("Message to the contact person (optional)"), required=False,
        max_length=InterestMessage._meta.get_field("message").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example when you can help, or what you would like to know. Do not "
                    "write your CPR number or health information."),
    )
    consent = forms.BooleanField(
        label=_("Yes, send my details to the contact person for this opportunity."),
        error_messages={"required": _("Tick the box to send your details, or contact the "
                                      "organisation yourself.")},
    )

    # The contact details are one question: fill in either or both.
    contact_fields = ("email", "phone")

    def clean(self):
        cleaned = super().clean()
        if not self.errors.keys() & set(self.contact_fields) and not (
            cleaned.get("email") or cleaned.get("phone")
        ):
            message = _("Give your e-mail or your phone number (or both), so the contact person "
                        "can reach you.")
            self.add_error("email", message)
            self.add_error("phone", message)
        return cleaned


class SubmitterFields(forms.Form):
    """Who sent a submission: told when it is received, published or declined."""

    submitter_name = OneLineField(label=_("Your name"), max_length=150,
                                  widget=forms.TextInput(attrs={"autocomplete": "name"}),
                                  error_messages={"required": _("Write your name.")})
    submitter_email = _email_field(
        _("Your e-mail"),
        help_text=_("We send a receipt here, and a message when the entry is published or "
                    "declined."),
        error_messages={"required": _("Write your e-mail address, so we can tell you when it "
                                      "is published."),
                        "invalid": _("Write an e-mail address such as navn@example.dk.")},
    )
    submitter_phone = PhoneField(label=_("Your phone number (optional)"), required=False,
                                 help_text=_("If the staff have a question."))


class PublicOrganisationChoice(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Organisation.objects.public().order_by("name"), **kwargs)


class OpportunitySubmissionForm(PublicForm, SubmitterFields):
    """A new opportunity from an association. It is saved awaiting approval and published only
    when a member of the staff approves it."""

    organisation = PublicOrganisationChoice(
        label=_("Organisation"), required=False,
        empty_label=_("Our organisation is not on the list yet"),
    )
    new_organisation_name = OneLineField(
        label=_("Name of the organisation"), max_length=150, required=False,
        help_text=_("Only if it is not on the list. The staff add it with the opportunity."),
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind of organisation"), choices=Organisation.Kind.choices, required=False,
        initial=Organisation.Kind.ASSOCIATION, widget=forms.RadioSelect,
    )
    new_organisation_website = forms.URLField(label=_("Website of the organisation (optional)"),
                                              required=False, max_length=200, assume_scheme="https")
    title = OneLineField(label=_("Title"), max_length=200,
                         help_text=_("What the volunteer does, e.g. “Lektiehjælper i Skovlunde”."),
                         error_messages={"required": _("Give the opportunity a title.")})
    summary = OneLineField(label=_("In one sentence"), max_length=300,
                           help_text=_("Shown in the list and in search results."),
                           error_messages={"required": _("Write one sentence about the task.")})
    description = forms.CharField(
        label=_("What will the volunteer do?"), max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("With whom, how, and what the volunteer gets out of it. Do not write "
                    "personal data about anyone: it will be public."),
        error_messages={"required": _("Describe the task.")},
    )
    activity_fields = forms.ModelMultipleChoiceField(
        label=_("Field"), queryset=Field.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("The organisation's area"))
    place = OneLineField(label=_("Where"), max_length=200, required=False,
                         help_text=_("Address or place. Empty: the organisation's address."))
    when = forms.ChoiceField(label=_("When"), choices=Opportunity.When.choices,
                             initial=Opportunity.When.RECURRING, widget=forms.RadioSelect)
    date = forms.DateField(label=_("Date (one-off tasks only)"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": _("Write the date as YYYY-MM-DD.")})
    when_text = OneLineField(label=_("Time"), max_length=200, required=False,
                             help_text=_("E.g. “Every Tuesday 10–12” or “9–15”."))
    time_needed = OneLineField(label=_("Time needed"), max_length=100, required=False,
                               help_text=_("E.g. “2 hours a week” or “one Saturday”."))
    suits = forms.MultipleChoiceField(label=_("Suits especially"), choices=Suits.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple)
    minimum_age = forms.IntegerField(label=_("Minimum age (optional)"), required=False,
                                     min_value=0, max_value=100)
    involves_children = forms.BooleanField(
        label=_("The volunteer will be in contact with children under 15"), required=False,
        help_text=_("Then the organisation must obtain a child certificate (børneattest) "
                    "before the volunteer starts."),
    )
    requirements = forms.CharField(label=_("Other requirements (optional)"), max_length=2000,
                                   required=False, widget=forms.Textarea(attrs={"rows": 3}))
    volunteers_wanted = forms.IntegerField(label=_("Volunteers wanted (optional)"),
                                           required=False, min_value=1, max_value=1000)
    contact_name = OneLineField(label=_("Contact person"), max_length=150,
                                help_text=_("Shown on the page."),
                                error_messages={"required": _("Name the contact person.")})
    contact_email = _email_field(
        _("Contact person's e-mail"),
        help_text=_("Not shown on the page: messages from interested citizens are sent here."),
        error_messages={"required": _("Give the contact person's e-mail address."),
                        "invalid": _("Write an e-mail address such as navn@example.dk.")},
    )
    contact_phone = PhoneField(label=_("Contact person's phone (optional)"), required=False)
    show_contact_phone = forms.BooleanField(
        label=_("Show the phone number on the page"), required=False,
        help_text=_("Only if the contact person agrees."),
    )
    publish_until = forms.DateField(label=_("Show until (optional)"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}),
                                    help_text=_("Empty: until you ask us to take it down."),
                                    error_messages={"invalid": _("Write the date as "
                                                                 "YYYY-MM-DD.")})

    field_order = [
        "organisation", "new_organisation_name", "new_organisation_kind",
        "new_organisation_website", "title", "summary", "description", "activity_fields", "area",
        "place",
        "when", "date", "when_text", "time_needed", "suits", "minimum_age", "involves_children",
        "requirements", "volunteers_wanted", "contact_name", "contact_email", "contact_phone",
        "show_contact_phone", "publish_until", "submitter_name", "submitter_email",
        "submitter_phone",
    ]

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        if not cleaned.get("organisation") and not cleaned.get("new_organisation_name"):
            if "organisation" not in self.errors and "new_organisation_name" not in self.errors:
                self.add_error("new_organisation_name", _(
                    "Choose your organisation on the list, or write its name."))
        if cleaned.get("organisation") and cleaned.get("new_organisation_name"):
            self.add_error("new_organisation_name", _(
                "Either choose an organisation on the list or write a new name, not both."))
        if not cleaned.get("organisation") and cleaned.get("new_organisation_name") \
                and not cleaned.get("new_organisation_kind"):
            self.add_error("new_organisation_kind", _("Choose the kind of organisation."))
        when, date = cleaned.get("when"), cleaned.get("date")
        if when == Opportunity.When.ONE_OFF and "date" not in self.errors:
            if date is None:
                self.add_error("date", _("A one-off task needs its date."))
            elif date < today:
                self.add_error("date", _("The date has passed."))
        elif when and date is not None:
            self.add_error("date", _("Only a one-off task has a date; describe the time under "
                                     "“Time” instead."))
        until = cleaned.get("publish_until")
        if until is not None and until < today:
            self.add_error("publish_until", _("The date has passed."))
        if cleaned.get("show_contact_phone") and not cleaned.get("contact_phone") \
                and "contact_phone" not in self.errors:
            self.add_error("contact_phone", _("Give the number to show, or untick “show”."))
        return cleaned


class OrganisationChoiceForm(forms.Form):
    """Step one of an update, a GET form: which organisation (its current entry fills step two)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.public().order_by("name"),
        to_field_name="slug", empty_label=_("Choose …"),
        error_messages={"required": _("Choose the organisation."),
                        "invalid_choice": _("Choose an organisation on the list.")},
    )


class OrganisationUpdateForm(PublicForm, SubmitterFields):
    """Changes to an organisation's public entry; applied only when the staff approve them."""

    # Field name -> the model field it changes (the presentation in the reader's language).
    # (Not "website": that is the intake's honeypot field.)
    CHANGEABLE = ("presentation", "address", "homepage", "public_email", "public_phone", "area",
                  "activity_fields")

    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.public(), to_field_name="slug", widget=forms.HiddenInput,
        error_messages={"required": _("Choose the organisation."),
                        "invalid_choice": _("Choose an organisation on the list.")},
    )
    presentation = forms.CharField(
        label=_("Short presentation"), max_length=3000, required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few sentences: what you do and for whom. It will be public."),
    )
    address = OneLineField(label=_("Address"), max_length=200, required=False)
    homepage = forms.URLField(label=_("Website"), max_length=200, required=False,
                             assume_scheme="https")
    public_email = _email_field(_("Public e-mail"), required=False,
                                help_text=_("Shown on the page."))
    public_phone = PhoneField(label=_("Public phone"), required=False,
                              help_text=_("Shown on the page."))
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.all(), required=False,
                                  empty_label=_("No particular area"))
    activity_fields = forms.ModelMultipleChoiceField(
        label=_("Fields"), queryset=Field.objects.all(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Anything the staff should know (optional)"), max_length=1000, required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. why the details changed. Not shown on the page."),
    )

    field_order = ["organisation", *CHANGEABLE, "note", "submitter_name", "submitter_email",
                   "submitter_phone"]

    @classmethod
    def initial_for(cls, organisation: Organisation) -> dict:
        return {
            "organisation": organisation.slug, "presentation": organisation.presentation,
            "address": organisation.address, "homepage": organisation.website,
            "public_email": organisation.public_email, "public_phone": organisation.public_phone,
            "area": organisation.area_id,
            "activity_fields": [f.pk for f in organisation.fields.all()],
        }

    def changes(self) -> dict:
        """The fields whose value differs from the organisation's entry now, by form field."""
        organisation = self.cleaned_data["organisation"]
        current = self.initial_for(organisation)
        proposed = {
            "presentation": self.cleaned_data["presentation"],
            "address": self.cleaned_data["address"],
            "homepage": self.cleaned_data["homepage"],
            "public_email": self.cleaned_data["public_email"],
            "public_phone": self.cleaned_data["public_phone"],
            "area": self.cleaned_data["area"].pk if self.cleaned_data["area"] else None,
            "activity_fields": sorted(f.pk for f in self.cleaned_data["activity_fields"]),
        }
        current["activity_fields"] = sorted(current["activity_fields"])
        return {name: value for name, value in proposed.items() if value != current[name]}

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.changes():
            raise ValidationError(_("Nothing was changed. Change at least one detail, or close "
                                    "the page."), code="unchanged")
        return cleaned


class DeclineForm(forms.Form):
    """Staff: why a submission is declined (sent to the submitter)."""

    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Written to the submitter in the e-mail. Be specific and kind: say what "
                    "would make it possible to publish."),
        error_messages={"required": _("Write the reason: the submitter is told it.")},
    )
