from django.urls import path
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
    path("<slug:slug>/", views.indicator_detail, name="indicator-detail"),
    path("<slug:slug>/data.csv", views.indicator_csv, name="indicator-csv"),
    path("<slug:slug>/data.xlsx", views.indicator_xlsx, name="indicator-xlsx"),
]
