from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    """"Steder": the municipality's rooms, halls and urban spaces, and what it takes to use them."""

    name = "places"
    verbose_name = _("Places")
    content_app = True  # see core.apps.content_apps
    staff_groups = {"Stedredaktører": {"apps": ["places"]}}  # see portal/groups.py
