from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.downloads import stored_file
from core.languages import crumb
from core.pictures import PICTURE_CONTENT_TYPES
from toolbox.rules import render_with_citations
from volunteering.filters import OpportunityFilter, OrganisationFilter
from volunteering.models import Opportunity, Organisation
from volunteering.presentation import notices

PAGE_SIZE = 20


def can_preview(user) -> bool:
    """Staff who may view opportunities see unpublished ones too (as a preview)."""
    return bool(user and user.is_active and user.is_staff
                and user.has_perm("volunteering.view_opportunity"))


def _list_crumb():
    return (_("Volunteer"), reverse("volunteering:opportunity-list"))


def _filtered_page(request, filterset):
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    message = ""
    if filterset.is_bound and filterset.errors:
        message = _("We did not recognise the filter you chose, so everything is shown.")
    return page, message


@require_safe
def opportunity_list(request):
    filterset = OpportunityFilter(request.GET or None,
                                  queryset=Opportunity.objects.published().for_list())
    page, message = _filtered_page(request, filterset)
    return render(request, "volunteering/opportunity_list.html", {
        "filter": filterset, "page": page, "opportunities": page.object_list,
        "filter_message": message, "breadcrumbs": [(_("Volunteer"), None)],
    })


@require_safe
def opportunity_detail(request, slug):
    queryset = Opportunity.objects.select_related("organisation", "area").prefetch_related(
        "fields")
    opportunity = get_object_or_404(queryset, slug=slug)
    published = Opportunity.objects.published().filter(pk=opportunity.pk).exists()
    if not published and not can_preview(request.user):
        raise Http404
    response = render(request, "volunteering/opportunity_detail.html", {
        "opportunity": opportunity,
        "organisation": opportunity.organisation,
        "description": render_with_citations(opportunity.description),
        "requirements": (render_with_citations(opportunity.requirements)
                         if opportunity.requirements else ""),
        "notices": notices(opportunity),
        "is_preview": not published,
        "breadcrumbs": [_list_crumb(), crumb(opportunity, "title", None)],
    })
    if not published:
        patch_cache_control(response, no_store=True, private=True)
    return response


@require_safe
def organisation_list(request):
    filterset = OrganisationFilter(request.GET or None,
                                   queryset=Organisation.objects.for_directory())
    page, message = _filtered_page(request, filterset)
    return render(request, "volunteering/organisation_list.html", {
        "filter": filterset, "page": page, "organisations": page.object_list,
        "filter_message": message,
        "breadcrumbs": [_list_crumb(), (_("Associations and places"), None)],
    })


@require_safe
def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.public().select_related("area").prefetch_related(
            "fields", Prefetch("opportunities",
                               queryset=Opportunity.objects.published().for_list(),
                               to_attr="published_opportunities")),
        slug=slug)
    return render(request, "volunteering/organisation_detail.html", {
        "organisation": organisation,
        "opportunities": organisation.published_opportunities,
        "breadcrumbs": [_list_crumb(),
                        (_("Associations and places"), reverse("volunteering:organisation-list")),
                        crumb(organisation, "name", None)],
    })


@require_safe
def organisation_logo(request, slug):
    organisation = get_object_or_404(Organisation.objects.public().only("logo"), slug=slug)
    suffix = organisation.logo.name.rsplit(".", 1)[-1].lower() if organisation.logo else ""
    return stored_file(organisation.logo, content_type=PICTURE_CONTENT_TYPES.get(suffix))
