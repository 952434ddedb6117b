from django.db import migrations

from core.search_columns import AddSearchColumn

DOCUMENTS = {
    "policy": (("title", "A"), ("introduction", "B")),
    "theme": (("title", "A"), ("summary", "B"), ("body", "B")),
    "actionpoint": (("title", "A"), ("description", "B")),
}


class Migration(migrations.Migration):
    """Stored search vectors for the site search (see core/search_columns.py)."""

    dependencies = [
        ("policy", "0003_historicalactionpoint_historicalbody_and_more"),
    ]

    operations = [
        AddSearchColumn(model, f"search_{language}", language, fields)
        for model, fields in DOCUMENTS.items()
        for language in ("da", "en")
    ]
