from django.db import migrations

from core.search_columns import AddSearchColumn

# What the site search matches in a place (see places/search.py).
DOCUMENT = (("name", "A"), ("summary", "B"), ("description", "C"))


class Migration(migrations.Migration):

    dependencies = [
        ("places", "0001_initial"),
    ]

    operations = [
        *(AddSearchColumn("place", f"search_{language}", language, DOCUMENT)
          for language in ("da", "en")),
        # Only published places are searched (the status check is the index condition).
        *(migrations.RunSQL(
            f"CREATE INDEX places_place_search_{language}_gin ON places_place "
            f"USING gin (search_{language}) WHERE status = 'published';",
            f"DROP INDEX places_place_search_{language}_gin;",
        ) for language in ("da", "en")),
    ]
