"""The municipality settings move from portal to core, keeping their tables.

The tables were created by portal's first two migrations and keep their names (db_table), so an
existing database changes nothing but Django's idea of which app owns them; a fresh one gets them
from those two migrations, which is why this one depends on them. The content types (and so the
permissions granted to staff and groups) move with the model instead of being created again.
"""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

MODELS = ["municipality", "historicalmunicipality"]


def move_content_types(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label="core", model=model).exists():
            content_type.objects.filter(app_label="portal", model=model).update(app_label="core")


def move_content_types_back(apps, schema_editor):
    content_type = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        if not content_type.objects.filter(app_label="portal", model=model).exists():
            content_type.objects.filter(app_label="core", model=model).update(app_label="portal")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("portal", "0002_historicalmunicipality"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Municipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(help_text='E.g. “Ballerup Kommune”.', max_length=100, verbose_name='name')),
                        ('site_name', models.CharField(default='Frivillighedsportalen', help_text='Shown in the header and in the browser tab.', max_length=100, verbose_name='site name')),
                        ('logo', models.ImageField(blank=True, help_text='PNG or JPEG, at least 96 pixels high. Leave empty to show the name.', upload_to='logo/', verbose_name='logo')),
                        ('brand_colour', models.CharField(default='#00587c', help_text='Header colour. White text must be readable on it (contrast at least 4.5:1).', max_length=7, validators=[django.core.validators.RegexValidator('^#[0-9a-fA-F]{6}$', 'Use the form #1a2b3c.')], verbose_name='brand colour')),
                        ('contact_email', models.EmailField(max_length=254, verbose_name='contact e-mail')),
                        ('phone', models.CharField(max_length=30, verbose_name='phone')),
                        ('address', models.CharField(max_length=200, verbose_name='address')),
                        ('opening_hours', models.CharField(blank=True, max_length=200, verbose_name='opening hours')),
                        ('opening_hours_da', models.CharField(blank=True, max_length=200, null=True, verbose_name='opening hours')),
                        ('opening_hours_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='opening hours')),
                        ('website_url', models.URLField(blank=True, verbose_name='municipality website')),
                        ('accessibility_statement_url', models.URLField(help_text='The published accessibility statement (tilgængelighedserklæring); /was leads here.', verbose_name='accessibility statement')),
                        ('privacy_notice', models.TextField(help_text="Markdown. Controller, purpose, legal basis, retention and the reader's rights.", verbose_name='privacy notice')),
                        ('privacy_notice_da', models.TextField(help_text="Markdown. Controller, purpose, legal basis, retention and the reader's rights.", null=True, verbose_name='privacy notice')),
                        ('privacy_notice_en', models.TextField(help_text="Markdown. Controller, purpose, legal basis, retention and the reader's rights.", null=True, verbose_name='privacy notice')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                    ],
                    options={
                        'verbose_name': 'municipality settings',
                        'verbose_name_plural': 'municipality settings',
                        'db_table': 'portal_municipality',
                    },
                ),
                migrations.CreateModel(
                    name='HistoricalMunicipality',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('name', models.CharField(help_text='E.g. “Ballerup Kommune”.', max_length=100, verbose_name='name')),
                        ('site_name', models.CharField(default='Frivillighedsportalen', help_text='Shown in the header and in the browser tab.', max_length=100, verbose_name='site name')),
                        ('logo', models.TextField(blank=True, help_text='PNG or JPEG, at least 96 pixels high. Leave empty to show the name.', max_length=100, verbose_name='logo')),
                        ('brand_colour', models.CharField(default='#00587c', help_text='Header colour. White text must be readable on it (contrast at least 4.5:1).', max_length=7, validators=[django.core.validators.RegexValidator('^#[0-9a-fA-F]{6}$', 'Use the form #1a2b3c.')], verbose_name='brand colour')),
                        ('contact_email', models.EmailField(max_length=254, verbose_name='contact e-mail')),
                        ('phone', models.CharField(max_length=30, verbose_name='phone')),
                        ('address', models.CharField(max_length=200, verbose_name='address')),
                        ('opening_hours', models.CharField(blank=True, max_length=200, verbose_name='opening hours')),
                        ('opening_hours_da', models.CharField(blank=True, max_length=200, null=True, verbose_name='opening hours')),
                        ('opening_hours_en', models.CharField(blank=True, max_length=200, null=True, verbose_name='opening hours')),
                        ('website_url', models.URLField(blank=True, verbose_name='municipality website')),
                        ('accessibility_statement_url', models.URLField(help_text='The published accessibility statement (tilgængelighedserklæring); /was leads here.', verbose_name='accessibility statement')),
                        ('privacy_notice', models.TextField(help_text="Markdown. Controller, purpose, legal basis, retention and the reader's rights.", verbose_name='privacy notice')),
                        ('privacy_notice_da', models.TextField(help_text="Markdown. Controller, purpose, legal basis, retention and the reader's rights.", null=True, verbose_name='privacy notice')),
                        ('privacy_notice_en', models.TextField(help_text="Markdown. Controller, purpose, legal basis, retention and the reader's rights.", null=True, verbose_name='privacy notice')),
                        ('updated_at', models.DateTimeField(blank=True, editable=False, verbose_name='updated')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'historical municipality settings',
                        'verbose_name_plural': 'historical municipality settings',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                        'db_table': 'portal_historicalmunicipality',
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
