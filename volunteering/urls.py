from django.urls import path
from django.utils.translation import gettext_lazy as _

from volunteering import views
from volunteering.feeds import OpportunityFeed

app_name = "volunteering"
urlpatterns = [
    path("", views.opportunity_list, name="opportunity-list"),
    path(_("feed/"), OpportunityFeed(), name="opportunity-feed"),
    path(_("organisations/"), views.organisation_list, name="organisation-list"),
    path(_("organisations/<slug:slug>/"), views.organisation_detail, name="organisation-detail"),
    path(_("organisations/<slug:slug>/logo"), views.organisation_logo, name="organisation-logo"),
    path("<slug:slug>/", views.opportunity_detail, name="opportunity-detail"),
]
