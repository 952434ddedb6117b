from django import forms
from django.utils.translation import gettext_lazy as _

from intake.forms import PublicForm
from toolbox.models import Feedback


class FeedbackForm(PublicForm):
    """ "Var siden nyttig?". The honeypot, the minimum fill-in time and the limit per reader come
    from PublicForm (the limit per guide: scope toolbox.feedback:<guide id>)."""

    is_useful = forms.TypedChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose yes or no.")},
    )
    comment = forms.CharField(
        label=_("What can we do better? (optional)"),
        max_length=Feedback._meta.get_field("comment").max_length,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write names, CPR numbers, e-mail addresses or other personal data. "
                    "We cannot answer here: to get an answer, use the contact details on the page."),
    )


class SubscribeForm(PublicForm):
    """"Få besked, når den ændres": only the address. Shown on the guide, topic and front pages
    and on its own page, always with the prefix "alert", so it never clashes with the feedback
    form beside it. The honeypot, fill-in time and limit come from PublicForm."""

    prefix = "alert"

    email = forms.EmailField(
        label=_("Your e-mail address"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Write the e-mail address the alerts should go to."),
                        "invalid": _("Write a whole e-mail address, e.g. navn@example.dk.")},
    )
