from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PolicyConfig(AppConfig):
    name = "policy"
    verbose_name = _("Policy")
    content_app = True  # see core.apps.content_apps
    staff_groups = {"Politikredaktører": {"apps": ["policy"]}}  # see portal/groups.py
