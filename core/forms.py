"""Form helpers every app's admin can stand on."""

from django import forms

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
