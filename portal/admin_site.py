from django.contrib import admin
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class PortalAdminSite(admin.AdminSite):
    site_header = _("Frivillighedsportalen – administration")
    site_title = _("Frivillighedsportalen")
    index_title = _("Content and settings")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin's JavaScript catalog by language: every admin page fetches it, and it only
        # changes with the translation files, which a process reads once when it starts (a
        # deploy restarts it), so it is built once per language and process.
        self._javascript_catalogs = {}

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

    def i18n_javascript(self, request, extra_context=None):
        language = get_language()
        if language not in self._javascript_catalogs:
            built = super().i18n_javascript(request, extra_context)
            self._javascript_catalogs[language] = (built.content, built["Content-Type"])
        content, content_type = self._javascript_catalogs[language]
        return HttpResponse(content, content_type=content_type)
