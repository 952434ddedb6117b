from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The ground floor: what every content app stands on and that knows no app."""

    name = "core"
    verbose_name = _("Shared foundation")
