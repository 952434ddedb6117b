from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("Frivillighedsportalen – administration")
    site_title = _("Frivillighedsportalen")
    index_title = _("Content and settings")

    def get_urls(self):
        from portal import two_factor  # needs the apps loaded; this module is imported earlier

        own = [
            path("2fa/", self.admin_view(two_factor.overview), name="two-factor"),
            path("2fa/backup-codes/", self.admin_view(two_factor.backup_codes),
                 name="two-factor-backup-codes"),
            path("2fa/setup/", self.admin_view(two_factor.setup), name="two-factor-setup"),
            path("2fa/verify/", self.admin_view(two_factor.verify), name="two-factor-verify"),
        ]
        return own + super().get_urls()
