from django.urls import path
from django.utils.translation import gettext_lazy as _

from toolbox import subscription_views, views
from toolbox.feeds import LatestGuidesFeed

app_name = "toolbox"
urlpatterns = [
    path("", views.index, name="index"),
    path(_("search/"), views.search, name="search"),
    path(_("guides/"), views.guide_list, name="guide-list"),
    path(_("guides/feed/"), LatestGuidesFeed(), name="guide-feed"),
    path(_("guides/<slug:slug>/"), views.guide_detail, name="guide-detail"),
    path(_("guides/<slug:slug>/feedback/"), views.guide_feedback, name="guide-feedback"),
    path(_("topics/<slug:slug>/"), views.topic_detail, name="topic-detail"),
    path(_("audiences/<slug:slug>/"), views.audience_detail, name="audience-detail"),
    path(_("downloads/<int:pk>/"), views.attachment_download, name="attachment-download"),
]
urlpatterns += [
    path(_("plan/"), views.planner, name="planner"),
    path(_("plan/calendar.ics"), views.planner_calendar, name="planner-calendar"),
    path(_("plan/subscribe.ics"), views.planner_subscription, name="planner-subscription"),
]
# E-mail alerts when the toolbox changes (docs/subscriptions.md).
urlpatterns += [
    path(_("subscribe/"), subscription_views.subscribe, name="subscribe"),
    path(_("guides/<slug:slug>/subscribe/"), subscription_views.subscribe,
         {"kind": "guide"}, name="guide-subscribe"),
    path(_("topics/<slug:slug>/subscribe/"), subscription_views.subscribe,
         {"kind": "topic"}, name="topic-subscribe"),
    path(_("subscription/confirm/<str:token>/"), subscription_views.confirm,
         name="subscription-confirm"),
    path(_("subscription/unsubscribe/<str:token>/"), subscription_views.unsubscribe,
         name="unsubscribe"),
]
