"""The public forms: "Jeg vil gerne hjælpe" and the associations' submissions.

Thin: the forms check, the services save and queue the e-mails. A POST is never cached (the page
cache answers GET and HEAD only) and its answer is either a redirect to a page without personal
data or the form again with the errors; nothing typed in is logged.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.languages import crumb
from volunteering import services
from volunteering.forms import (
    InterestForm,
    OpportunitySubmissionForm,
    OrganisationChoiceForm,
    OrganisationUpdateForm,
)
from volunteering.models import Opportunity, Organisation

INTEREST_SCOPE = "volunteering.interest"
SUBMISSION_SCOPE = "volunteering.submission"


def _language() -> str:
    return (get_language() or "da")[:2]



def _status(form) -> int:
    """429 when the address is over the limit, 400 for anything else the reader must fix."""
    return 429 if getattr(form, "rate_limited", False) else 400


def _crumbs(*items):
    return [(_("Volunteer"), reverse("volunteering:opportunity-list")), *items]


def _published_opportunity(slug):
    return get_object_or_404(Opportunity.objects.published().select_related("organisation"),
                             slug=slug)


def _save(form, save):
    """Run a service; a rule the model checks (e.g. an unknown [[regel:…]]) becomes a form
    error instead of a 500."""
    try:
        return save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                form.add_error(field if field in form.fields else None, messages)
        else:
            form.add_error(None, error.messages)
        return None


@require_http_methods(["GET", "HEAD", "POST"])
def interest(request, slug):
    """The form on its own page: the detail page posts here, and errors are shown here."""
    opportunity = _published_opportunity(slug)
    status = 200
    if request.method == "POST":
        form = InterestForm(request.POST, request=request, scope=INTEREST_SCOPE)
        if form.is_valid() and _save(form, lambda: services.interest_create(
            opportunity=opportunity, name=form.cleaned_data["name"],
            email=form.cleaned_data["email"], phone=form.cleaned_data["phone"],
            message=form.cleaned_data["message"], language=_language(),
        )):
            return redirect("volunteering:interest-sent", slug=opportunity.slug)
        status = _status(form)
    else:
        form = InterestForm(request=request, scope=INTEREST_SCOPE)
    return render(request, "volunteering/interest.html", {
        "opportunity": opportunity, "form": form,
        "retention_days": settings.INTEREST_RETENTION_DAYS,
        "breadcrumbs": _crumbs(crumb(opportunity, "title", opportunity.get_absolute_url()),
                               (_("I would like to help"), None)),
    }, status=status)


@require_safe
def interest_sent(request, slug):
    opportunity = _published_opportunity(slug)
    return render(request, "volunteering/interest_sent.html", {
        "opportunity": opportunity,
        "breadcrumbs": _crumbs(crumb(opportunity, "title", opportunity.get_absolute_url()),
                               (_("Message sent"), None)),
    })


@require_http_methods(["GET", "HEAD", "POST"])
def submit_opportunity(request):
    status = 200
    if request.method == "POST":
        form = OpportunitySubmissionForm(request.POST, request=request, scope=SUBMISSION_SCOPE)
        if form.is_valid() and _save(form, lambda: services.opportunity_submission_create(
            data=form.cleaned_data, language=_language(),
        )):
            return redirect("volunteering:submission-sent")
        status = _status(form)
    else:
        form = OpportunitySubmissionForm(request=request, scope=SUBMISSION_SCOPE)
    return render(request, "volunteering/submit_opportunity.html", {
        "form": form, "submission_retention_days": settings.SUBMISSION_RETENTION_DAYS,
        "breadcrumbs": _crumbs((_("Submit an opportunity"), None)),
    }, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def submit_organisation_update(request):
    """Step one (GET ?organisation=<slug>) chooses the organisation; step two shows its entry
    to change. Both work without JavaScript."""
    status = 200
    choice, form = OrganisationChoiceForm(request.GET or None), None
    if request.method == "POST":
        form = OrganisationUpdateForm(request.POST, request=request, scope=SUBMISSION_SCOPE)
        if form.is_valid() and _save(form, lambda: services.organisation_update_submission_create(
            organisation=form.cleaned_data["organisation"], changes=form.changes(),
            note=form.cleaned_data["note"], data=form.cleaned_data, language=_language(),
        )):
            return redirect("volunteering:submission-sent")
        status = _status(form)
        choice = OrganisationChoiceForm(
            {"organisation": request.POST.get("organisation", "")})
    elif choice.is_bound:
        if choice.is_valid():
            organisation = choice.cleaned_data["organisation"]
            form = OrganisationUpdateForm(initial=OrganisationUpdateForm.initial_for(organisation),
                                          request=request, scope=SUBMISSION_SCOPE)
        else:
            status = 400
    organisation = (Organisation.objects.public().filter(slug=choice.data.get("organisation"))
                    .first() if choice.is_bound and choice.is_valid() else None)
    return render(request, "volunteering/submit_organisation.html", {
        "choice": choice, "form": form, "organisation": organisation,
        "submission_retention_days": settings.SUBMISSION_RETENTION_DAYS,
        "breadcrumbs": _crumbs((_("Update an organisation"), None)),
    }, status=status)


@require_safe
def submission_sent(request):
    return render(request, "volunteering/submission_sent.html", {
        "breadcrumbs": _crumbs((_("Thank you"), None)),
    })
