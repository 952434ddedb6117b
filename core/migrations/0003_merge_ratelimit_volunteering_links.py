from django.db import migrations


class Migration(migrations.Migration):
    """Joins main's rate-limit counter and the volunteering links of the municipality settings,
    which were added side by side on two branches."""

    dependencies = [
        ("core", "0002_ratelimit_counter"),
        ("core", "0002_volunteering_links"),
    ]

    operations = []
