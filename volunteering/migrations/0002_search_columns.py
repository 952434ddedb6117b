from django.db import migrations

from core.search_columns import AddSearchColumn

# What the site search matches in an opportunity (see volunteering/search.py).
DOCUMENT = (("title", "A"), ("summary", "B"), ("description", "C"))


class Migration(migrations.Migration):

    dependencies = [
        ("volunteering", "0001_initial"),
    ]

    operations = [
        *(AddSearchColumn("opportunity", f"search_{language}", language, DOCUMENT)
          for language in ("da", "en")),
        # Only published opportunities are searched (the status check is the index condition).
        *(migrations.RunSQL(
            f"CREATE INDEX volunteering_opp_search_{language}_gin ON volunteering_opportunity "
            f"USING gin (search_{language}) WHERE status = 'published';",
            f"DROP INDEX volunteering_opp_search_{language}_gin;",
        ) for language in ("da", "en")),
    ]
