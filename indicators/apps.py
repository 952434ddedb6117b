from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")
    content_app = True  # see core.apps.content_apps
    staff_groups = {  # see portal/groups.py
        "Indikatorredaktører": {"apps": ["indicators"]},
        # The KFU politicians: read internal indicators on the dashboard, edit nothing.
        "Læsere af interne indikatorer": {"codenames": ["indicators.view_internal_indicator"]},
    }

    def ready(self):
        # Models are loaded only now; policy shows the figures through its hook, never by
        # importing indicators (docs/architecture.md).
        from indicators import measuring
        from policy import measures

        measures.register(measuring.attach)
