from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core.cache import connect_signals


class PortalConfig(AppConfig):
    default = True
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal.groups import on_post_migrate  # imports auth's models: loaded only by now

        # After every migrate, once all apps' permissions exist.
        post_migrate.connect(on_post_migrate, dispatch_uid="portal-groups")
        # Any change to content makes every cached page stale.
        connect_signals()


class PortalAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "portal.admin_site.PortalAdminSite"
