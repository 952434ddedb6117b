"""Form helpers every app's admin can stand on."""

from django import forms
from django.utils.translation import gettext

from core.spreadsheets import strip_control_characters


class StripControlCharactersMixin:
    """For a ModelAdmin or inline: every text field drops control characters as it is read.

    Text typed or pasted in the admin ends up in CSV and XLSX downloads (core/spreadsheets.py
    says why control characters must not); here they go before validation and saving.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(field, forms.CharField):
            to_python = field.to_python
            field.to_python = lambda value: strip_control_characters(to_python(value))
        return field


class ChooseFileAgainMixin:
    """For a ModelAdmin: after a save that failed validation, each file field that had a file
    chosen says at the field that it must be chosen again.

    A browser never fills a file input in for the reader (it may not: the page cannot choose a
    file on the reader's disk), so the page shown with the errors has every file input empty
    and the chosen file would be lost without a word. The file is not kept on the server
    between the two tries: an upload that failed to save is not yet checked as a whole, and a
    temporary store would need its own cleanup and retention (docs/content.md "Admin").
    """

    def render_change_form(self, request, context, *args, **kwargs):
        if request.method == "POST":
            forms_shown = [context["adminform"].form] + [
                form for inline in context.get("inline_admin_formsets", ())
                for form in inline.formset.forms]
            for form in forms_shown:
                for name, field in form.fields.items():
                    if isinstance(field, forms.FileField) and form.add_prefix(name) in request.FILES:
                        form.add_error(name, choose_again_message())
        return super().render_change_form(request, context, *args, **kwargs)


def choose_again_message() -> str:
    return gettext("Choose the file again: a browser does not send a file again after an "
                   "error, so the one you chose was not saved.")
