from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "toolbox"
    verbose_name = _("Toolbox")
    content_app = True  # see core.apps.content_apps
    # Group name -> its permissions: whole apps, single models ("app.model") or codenames
    # ("app.codename"); kept in step after every migrate (portal/groups.py).
    staff_groups = {"Værktøjskasseredaktører": {"apps": ["toolbox"]}}

    def ready(self):
        from toolbox import checks  # noqa: F401 - registers the system checks
        # Here, not at the top: the holders use models, which are loaded only now.
        from intake import personal_data
        from toolbox.personal_data import HOLDERS

        for holder in HOLDERS:
            personal_data.register(holder)
