from django.urls import path
from django.utils.translation import gettext_lazy as _

from volunteering import form_views

app_name = "volunteering"
urlpatterns = [
    # The forms come before "<slug>/", which would otherwise take "indsend" for an opportunity.
    path(_("submit/"), form_views.submit_opportunity, name="submit-opportunity"),
    path(_("submit/organisation/"), form_views.submit_organisation_update,
         name="submit-organisation"),
    path(_("submit/thanks/"), form_views.submission_sent, name="submission-sent"),
    path(_("<slug:slug>/interest/"), form_views.interest, name="interest"),
    path(_("<slug:slug>/interest/sent/"), form_views.interest_sent, name="interest-sent"),
]

# Until the volunteering branch's pages are merged: the names the forms link to.
from django.http import Http404  # noqa: E402


def _not_yet(request, slug=None):
    raise Http404


urlpatterns += [
    path("", _not_yet, name="opportunity-list"),
    path(_("organisations/<slug:slug>/"), _not_yet, name="organisation-detail"),
    path("<slug:slug>/", _not_yet, name="opportunity-detail"),
]
