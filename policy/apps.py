from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Policy")
    content_app = True  # see core.apps.content_apps
    staff_groups = {"Politikredaktører": {"apps": ["policy"]}}  # see portal/groups.py

    def ready(self):
        # Here, not at the top: the holders use models, which are loaded only now.
        from intake import personal_data
        from policy.personal_data import HOLDERS

        for holder in HOLDERS:
            personal_data.register(holder)
