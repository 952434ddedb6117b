from django.urls import path
from django.utils.translation import gettext_lazy as _

from volunteering import form_views, views
from volunteering.feeds import OpportunityFeed

app_name = "volunteering"
urlpatterns = [
    path("", views.opportunity_list, name="opportunity-list"),
    path(_("feed/"), OpportunityFeed(), name="opportunity-feed"),
    path(_("organisations/"), views.organisation_list, name="organisation-list"),
    path(_("organisations/<slug:slug>/"), views.organisation_detail, name="organisation-detail"),
    path(_("organisations/<slug:slug>/logo"), views.organisation_logo, name="organisation-logo"),
    # The public forms, before "<slug>/", which would otherwise take "indsend" for an opportunity.
    path(_("submit/"), form_views.submit_opportunity, name="submit-opportunity"),
    path(_("submit/organisation/"), form_views.submit_organisation_update,
         name="submit-organisation"),
    path(_("submit/thanks/"), form_views.submission_sent, name="submission-sent"),
    path("<slug:slug>/", views.opportunity_detail, name="opportunity-detail"),
    path(_("<slug:slug>/interest/"), form_views.interest, name="interest"),
    path(_("<slug:slug>/interest/sent/"), form_views.interest_sent, name="interest-sent"),
]
