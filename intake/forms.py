"""Forms that receive something from the public: honeypot, minimum fill-in time, rate limit.

    form = InterestForm(request.POST or None, request=request, scope="volunteering.interest")
    if form.is_valid(): ...

and in the template, inside the <form>: {% include "intake/antispam_fields.html" %} (it renders
the two extra fields of `form`; use `{% include ... with form=my_form %}` for another name).

`is_valid()` fails with a clear non-field error when the hidden field was filled in, the form
came back sooner than INTAKE_MIN_SECONDS after it was shown, its signed start time is missing
or tampered with, or the client address is over the limit. The limit is counted in PostgreSQL by
`core.ratelimit.hit`, shared by every worker and server; `form.rate_limited` tells the view to
answer 429 and `form.caught_robot` that the honeypot caught something.
"""

import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from core import ratelimit

HONEYPOT_FIELD = "website"
STARTED_FIELD = "started"
_SALT = "intake.forms.started"


def _started_token() -> str:
    return signing.dumps(round(time.time(), 3), salt=_SALT)


class PublicFormMixin:
    """Mix into a Form or ModelForm. Keyword arguments for a bound form: `request` and `scope`
    (what is counted, e.g. "volunteering.interest"; add an id to count per object; an unbound
    form for display needs neither),
    and optionally `limit` / `per_seconds` (default INTAKE_RATE_LIMIT per INTAKE_RATE_SECONDS).
    """

    honeypot_field = HONEYPOT_FIELD
    started_field = STARTED_FIELD

    def __init__(self, *args, request=None, scope: str | None = None, limit: int | None = None,
                 per_seconds: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.scope = scope
        self.limit = limit if limit is not None else getattr(settings, "INTAKE_RATE_LIMIT", 5)
        self.per_seconds = (per_seconds if per_seconds is not None
                            else getattr(settings, "INTAKE_RATE_SECONDS", 3600))
        self.rate_limited = False
        self.caught_robot = False
        # A field people never see (hidden by CSS, out of the tab order); robots that fill in
        # every field give themselves away.
        # Its own field template keeps it hidden when a template renders the whole form
        # ({{ form }}) instead of the include.
        self.fields[self.honeypot_field] = forms.CharField(
            label=_("Leave this field empty"), required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
            template_name="intake/honeypot_field.html",
        )
        self.fields[self.started_field] = forms.CharField(
            required=False, widget=forms.HiddenInput, initial=_started_token,
        )

    def clean(self):
        cleaned = super().clean()
        if self.data.get(self.add_prefix(self.honeypot_field)):
            self.caught_robot = True
            self._replace_data(self.honeypot_field, "")
            raise forms.ValidationError(
                _("The form could not be sent: leave the last field empty and send it again."),
                code="honeypot",
            )
        self._check_started()
        if not self._errors and not self._within_limit():
            self.rate_limited = True
            raise forms.ValidationError(
                _("We have received several forms from you in a short time. Please try again "
                  "later."),
                code="rate_limited",
            )
        return cleaned

    def _check_started(self):
        token = self.data.get(self.add_prefix(self.started_field), "")
        max_age = getattr(settings, "INTAKE_MAX_FORM_AGE", 2 * 24 * 3600)
        try:
            started = float(signing.loads(token, salt=_SALT))
            if time.time() - started > max_age:
                raise ValueError("older than INTAKE_MAX_FORM_AGE")
        except (signing.BadSignature, TypeError, ValueError):
            # The form is shown again with a fresh start time, so sending it again works.
            self._replace_data(self.started_field, _started_token())
            raise forms.ValidationError(
                _("The form has expired. Please fill it in again and send it."), code="expired"
            ) from None
        if time.time() - started < getattr(settings, "INTAKE_MIN_SECONDS", 3):
            raise forms.ValidationError(
                _("The form was sent very quickly after it was opened. Please check it and send "
                  "it again."),
                code="too_fast",
            )

    def _replace_data(self, name: str, value: str):
        data = self.data.copy()
        data[self.add_prefix(name)] = value
        self.data = data

    def _within_limit(self) -> bool:
        if self.request is None or not self.scope:
            raise TypeError(f"{type(self).__name__} needs request= and scope= to count the limit")
        return ratelimit.hit_for_request(self.request, self.scope, limit=self.limit,
                                         per_seconds=self.per_seconds)


class PublicForm(PublicFormMixin, forms.Form):
    pass


class PublicModelForm(PublicFormMixin, forms.ModelForm):
    pass
