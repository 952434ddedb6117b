from django.db import migrations

from core.search_columns import AddSearchColumn

DOCUMENTS = {
    "policysection": (("title", "A"), ("body", "B")),
    "policyvalue": (("title", "A"), ("text", "B")),
}


class Migration(migrations.Migration):
    """Stored search vectors for the policy's sections and values (see core/search_columns.py)."""

    dependencies = [
        ("policy", "0006_adoption_bodies"),
    ]

    operations = [
        AddSearchColumn(model, f"search_{language}", language, fields)
        for model, fields in DOCUMENTS.items()
        for language in ("da", "en")
    ]
