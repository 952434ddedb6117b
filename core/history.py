"""The audit trail: who changed what and when, with every field's old and new value.

Models are registered from each app's translation.py, after modeltranslation has added the
per-language fields (title_da, title_en …): registered any earlier, the history would miss
them. Their admins inherit HistoryAdmin, which adds "History" (browse and revert) per object.
"""

from simple_history import register
from simple_history.admin import SimpleHistoryAdmin

from core.forms import ChooseFileAgainMixin, StripControlCharactersMixin


def track(*models, table_name: str | None = None, m2m_fields=()) -> None:
    """`m2m_fields`: links whose every state is kept with the version (e.g. an indicator's
    themes, so moving them to a new policy leaves the old ones in the history)."""
    for model in models:
        # Columns PostgreSQL computes itself (search vectors) are derived, not edited.
        generated = [f.name for f in model._meta.fields if f.generated]
        register(model, app=model._meta.app_label, excluded_fields=generated,
                 table_name=table_name, **({"m2m_fields": list(m2m_fields)} if m2m_fields else {}))


class HistoryAdmin(ChooseFileAgainMixin, StripControlCharactersMixin, SimpleHistoryAdmin):
    """Shows the history per object; staff can compare versions and revert to one.

    Text fields drop control characters, which would break the spreadsheet downloads; a file
    chosen before a failed save is asked for again at its field.
    """

    history_list_display = ["history_change_reason"]
