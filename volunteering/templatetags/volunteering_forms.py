"""Rendering the public forms accessibly without JavaScript.

`{% form_field form.name %}` draws a label, hint, error and widget whose aria-describedby names
the hint and the error; radio buttons and check boxes become a fieldset with a legend.
`{% error_summary form %}` lists every error at the top with links to the fields.
`{% interest_form opportunity %}` puts "Jeg vil gerne hjælpe" on the opportunity page.
"""

from django import forms, template
from django.conf import settings

from volunteering.forms import InterestForm

register = template.Library()

GROUPED = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def _ids(field):
    hint = f"{field.auto_id}_helptext" if field.help_text else ""
    error = f"{field.auto_id}_error" if field.errors else ""
    return hint, error


@register.inclusion_tag("volunteering/includes/form_field.html")
def form_field(field, hint_extra=""):
    hint, error = _ids(field)
    described = " ".join(filter(None, [hint, error, hint_extra]))
    grouped = isinstance(field.field.widget, GROUPED)
    attrs = {}
    if described and not grouped:
        attrs["aria-describedby"] = described
    if field.errors and not grouped:
        attrs["aria-invalid"] = "true"
    return {
        "field": field,
        "widget": field.as_widget(attrs=attrs) if not grouped else "",
        "grouped": grouped,
        "hint_id": hint,
        "error_id": error,
        "described": described,
        "is_checkbox": isinstance(field.field.widget, forms.CheckboxInput),
    }


@register.inclusion_tag("volunteering/includes/error_summary.html")
def error_summary(form):
    items = [(None, message) for message in form.non_field_errors()]
    for field in form:
        if field.is_hidden:
            items.extend((None, message) for message in field.errors)
            continue
        target = field.auto_id
        if isinstance(field.field.widget, GROUPED) and field.subwidgets:
            target = field.subwidgets[0].id_for_label
        items.extend((target, message) for message in field.errors)
    return {"items": items}


@register.inclusion_tag("volunteering/includes/interest_form.html", takes_context=True)
def interest_form(context, opportunity):
    """The empty form for the opportunity page. The page is kept in the page cache: its CSRF
    token is replaced for every reader by the cache, and the signed start time of the intake
    only says "not sooner than", so an older one does no harm."""
    form = InterestForm(request=context.get("request"), scope="volunteering.interest")
    return {"form": form, "opportunity": opportunity, "csrf_token": context.get("csrf_token"),
            "request": context.get("request"), "municipality": context.get("municipality"),
            "retention_days": settings.INTEREST_RETENTION_DAYS}
