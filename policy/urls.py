from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from policy import views

app_name = "policy"
# Fixed words come before the slug patterns; models reserve them (RESERVED_*_SLUGS).
urlpatterns = [
    path("", views.index, name="index"),
    path(_("action-plan/"), views.action_plan, name="action-plan"),
    path(format_lazy("{}{}", _("action-plan/"), "csv/"), views.action_plan_csv,
         name="action-plan-csv"),
    path(format_lazy("{}{}", _("action-plan/"), _("print/")), views.action_plan_print,
         name="action-plan-print"),
    path(_("archive/"), views.archive, name="archive"),
    path("<slug:slug>/", views.policy_detail, name="policy-detail"),
    path(format_lazy("<slug:slug>/{}", _("print/")), views.policy_print, name="policy-print"),
    path(format_lazy("<slug:slug>/{}", _("document/")), views.policy_document,
         name="policy-document"),
    path("<slug:policy_slug>/<slug:slug>/", views.theme_detail, name="theme-detail"),
]
