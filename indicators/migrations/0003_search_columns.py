from django.db import migrations

from core.search_columns import AddSearchColumn

DOCUMENT = (("name", "A"), ("description", "B"), ("definition", "C"))


class Migration(migrations.Migration):
    """Stored search vectors for the site search (see core/search_columns.py)."""

    dependencies = [
        ("indicators", "0002_historicalannotation_historicalbenchmarkpoint_and_more"),
    ]

    operations = [
        AddSearchColumn("indicator", f"search_{language}", language, DOCUMENT)
        for language in ("da", "en")
    ]
