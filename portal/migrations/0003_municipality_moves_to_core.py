"""The municipality settings now belong to core (see core/migrations/0001_initial.py).

Only Django's record of the models goes; the tables stay, owned by core from now on.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0002_historicalmunicipality"),
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HistoricalMunicipality"),
                migrations.DeleteModel(name="Municipality"),
            ],
            database_operations=[],
        ),
    ]
