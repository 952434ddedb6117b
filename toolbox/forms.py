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
