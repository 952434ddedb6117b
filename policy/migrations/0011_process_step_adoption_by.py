from django.db import migrations, models


def mark_adoption_steps(apps, schema_editor):
    """Steps made before the field existed: the default "Vedtagelse i udvalget" and
    "Vedtagelse i kommunalbestyrelsen" and the demo's "Vedtagelse i Kultur- og
    Fritidsudvalget" are the committee's and the council's decisions."""
    ProcessStep = apps.get_model("policy", "ProcessStep")
    steps = ProcessStep.objects.filter(title_da__istartswith="Vedtagelse i ", adoption_by="")
    steps.filter(title_da__icontains="kommunalbestyrelse").update(adoption_by="council")
    steps.filter(title_da__icontains="udvalg").exclude(
        title_da__icontains="kommunalbestyrelse").update(adoption_by="committee")


class Migration(migrations.Migration):

    dependencies = [
        ('policy', '0010_action_point_status_reason'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalprocessstep',
            name='adoption_by',
            field=models.CharField(blank=True, choices=[('committee', 'a committee'), ('council', 'the council')], help_text='For the step in which a committee or the council adopts the policy: the “Adopt” button then marks it done with the date of that decision.', max_length=20, verbose_name='adoption by'),
        ),
        migrations.AddField(
            model_name='processstep',
            name='adoption_by',
            field=models.CharField(blank=True, choices=[('committee', 'a committee'), ('council', 'the council')], help_text='For the step in which a committee or the council adopts the policy: the “Adopt” button then marks it done with the date of that decision.', max_length=20, verbose_name='adoption by'),
        ),
        migrations.RunPython(mark_adoption_steps, migrations.RunPython.noop),
    ]
