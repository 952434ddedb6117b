from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django_otp.plugins.otp_static.apps import DefaultConfig as OTPStaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OTPTOTPConfig
from procrastinate.contrib.django.apps import ProcrastinateConfig
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


# The admin's sidebar names each app by its config's verbose_name: the third-party apps would
# show "Axes", "Otp_Totp", "Otp_Static" and "Procrastinate" (in capitals) to Danish staff. The
# subclasses below (named in INSTALLED_APPS) only give them names staff understand; the three
# security apps begin alike so they stand together in the alphabetical sidebar.

class PortalAxesConfig(AxesAppConfig):
    verbose_name = _("Security: login attempts")


class PortalOTPTOTPConfig(OTPTOTPConfig):
    verbose_name = _("Security: authenticator apps")


class PortalOTPStaticConfig(OTPStaticConfig):
    verbose_name = _("Security: backup codes")


class PortalProcrastinateConfig(ProcrastinateConfig):
    verbose_name = _("Background jobs")
