from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """"Bliv frivillig": organisations and the volunteering opportunities they offer."""

    name = "volunteering"
    verbose_name = _("Volunteering")

    def ready(self):
        from intake import personal_data
        from volunteering.personal_data import HOLDERS

        for holder in HOLDERS:
            personal_data.register(holder)
