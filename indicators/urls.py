from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path(_("print/"), views.dashboard_print, name="dashboard-print"),
    path(_("how-we-judge/"), views.method, name="method"),
    path(_("statuses/"), views.status_list, name="status-list"),
    path(_("statuses/<slug:slug>/"), views.status_detail, name="status-detail"),
    path(_("statuses/<slug:slug>/print/"), views.status_print, name="status-print"),
    # The open-data catalogue (DCAT-AP-DK): one address per format, the same in both languages.
    path("dcat.ttl", views.catalogue, {"kind": "turtle"}, name="catalogue-turtle"),
    path("dcat.jsonld", views.catalogue, {"kind": "json-ld"}, name="catalogue-jsonld"),
    path("<slug:slug>/", views.indicator_detail, name="indicator-detail"),
    path("<slug:slug>/data.csv", views.indicator_csv, name="indicator-csv"),
    path("<slug:slug>/data.xlsx", views.indicator_xlsx, name="indicator-xlsx"),
    path("<slug:slug>/data.json", views.indicator_json, name="indicator-json"),
    path(format_lazy("<slug:slug>/{}", _("print/")), views.indicator_print,
         name="indicator-print"),
]
