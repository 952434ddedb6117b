from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """"Bliv frivillig": organisations and the volunteering opportunities they offer."""

    name = "volunteering"
    verbose_name = _("Volunteering")
    content_app = True  # see core.apps.content_apps
    # Approve what associations submit and enter municipal units' opportunities.
    staff_groups = {"Frivillighedsformidlere": {"apps": ["volunteering"]}}  # see portal/groups.py

    def ready(self):
        # Here, not at the top: the holders use models, which are loaded only now.
        from intake import personal_data
        from volunteering.personal_data import HOLDERS

        for holder in HOLDERS:
            personal_data.register(holder)
