from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    """Durable e-mail, anti-abuse for public forms, masking and the personal-data registry."""

    name = "intake"
    verbose_name = _("Intake from the public")

    def ready(self):
        # Here, not at the top: the holders use models, which are loaded only now.
        from intake import personal_data
        from intake.holders import DeliveryHolder, RateLimitHolder

        personal_data.register(DeliveryHolder())
        personal_data.register(RateLimitHolder())
