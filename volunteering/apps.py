from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VolunteeringConfig(AppConfig):
    """"Bliv frivillig": organisations and the volunteering opportunities they offer."""

    name = "volunteering"
    verbose_name = _("Volunteering")
