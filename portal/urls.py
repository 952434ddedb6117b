from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from portal import readers, views
from portal.sitemaps import all_sitemaps

handler400 = "portal.errors.bad_request"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("was", views.accessibility_statement, name="accessibility-statement"),
    path("brand.css", views.brand_css, name="brand-css"),
    path("logo", views.logo, name="logo"),
    path("sitemap.xml", sitemap, {"sitemaps": all_sitemaps()}, name="sitemap"),
]

# Danish pages have no prefix; English pages live under /en/.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path(_("privacy/"), views.privacy, name="privacy"),
    # The readers' login for internal figures (issue 15.5, portal/readers.py).
    path(_("log-in/"), readers.login, name="reader-login"),
    path(_("log-in/code/"), readers.verify, name="reader-verify"),
    path(_("log-in/set-up/"), readers.setup, name="reader-setup"),
    path(_("log-in/backup-codes/"), readers.codes, name="reader-codes"),
    path(_("log-out/"), readers.logout, name="reader-logout"),
    path(_("toolbox/"), include("toolbox.urls")),
    path(_("volunteer/"), include("volunteering.urls")),
    path(_("places/"), include("places.urls")),
    path(_("policy/"), include("policy.urls")),
    path(_("indicators/"), include("indicators.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)
