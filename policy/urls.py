from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from policy import consultation_views, process_views, views

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
    path(format_lazy("{}<slug:slug>/", _("bodies/")), views.body_detail, name="body-detail"),
    path("<slug:slug>/", views.policy_detail, name="policy-detail"),
    path(format_lazy("<slug:slug>/{}", _("print/")), views.policy_print, name="policy-print"),
    path(format_lazy("<slug:slug>/{}", _("document/")), views.policy_document,
         name="policy-document"),
    path(format_lazy("<slug:slug>/{}", _("respond/")), consultation_views.respond,
         name="respond"),
    path(format_lazy("<slug:slug>/{}{}", _("respond/"), _("thanks/")),
         consultation_views.respond_sent, name="respond-sent"),
    # The process (policy/process_views.py): three and more parts, so no theme slug is in the way.
    path(format_lazy("<slug:slug>/{}<int:pk>/", _("meetings/")), process_views.meeting_detail,
         name="meeting-detail"),
    path(format_lazy("<slug:slug>/{}<int:pk>/{}", _("meetings/"), _("signed-up/")),
         process_views.meeting_signed_up, name="meeting-signed-up"),
    path(format_lazy("<slug:slug>/{}<int:pk>/{}", _("meetings/"), _("waiting-list/")),
         process_views.meeting_signed_up, {"waiting": True}, name="meeting-waiting"),
    path(format_lazy("<slug:slug>/{}<int:pk>/{}", _("meetings/"), _("calendar.ics")),
         process_views.meeting_calendar, name="meeting-calendar"),
    path(format_lazy("<slug:slug>/{}<int:pk>/{}<str:token>/", _("meetings/"), _("cancel/")),
         process_views.meeting_cancel, name="meeting-cancel"),
    path(format_lazy("<slug:slug>/{}<int:pk>/", _("process-files/")), process_views.process_file,
         name="process-file"),
    path("<slug:policy_slug>/<slug:slug>/", views.theme_detail, name="theme-detail"),
]
