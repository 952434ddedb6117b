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
from places.filters import PlaceFilter
from places.models import Place
from places.presentation import map_url, rule_citations
from toolbox.models import Guide
from toolbox.rules import render_with_citations

PAGE_SIZE = 20


def can_preview(user) -> bool:
    """Staff who may view places see drafts too (as a preview)."""
    return bool(user and user.is_active and user.is_staff and user.has_perm("places.view_place"))


@require_safe
def place_list(request):
    filterset = PlaceFilter(request.GET or None, queryset=Place.objects.for_list())
    message = ""
    if filterset.is_bound and filterset.errors:
        message = _("We did not recognise the filter you chose, so everything is shown.")
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "places/place_list.html", {
        "filter": filterset, "page": page, "places": page.object_list,
        "filter_message": message, "breadcrumbs": [(_("Places"), None)],
    })


@require_safe
def place_detail(request, slug):
    place = get_object_or_404(
        Place.objects.select_related("area", "owner").prefetch_related(
            "booking_rules",
            Prefetch("guides", queryset=Guide.objects.published().only("slug", "title_da",
                                                                        "title_en"),
                     to_attr="published_guides")),
        slug=slug)
    if not place.is_public and not can_preview(request.user):
        raise Http404
    response = render(request, "places/place_detail.html", {
        "place": place,
        "description": render_with_citations(place.description) if place.description else "",
        "citations": rule_citations(place),
        "map_url": map_url(place.address),
        "guides": place.published_guides,
        "is_preview": not place.is_public,
        "breadcrumbs": [(_("Places"), reverse("places:place-list")), crumb(place, "name", None)],
    })
    if not place.is_public:
        patch_cache_control(response, no_store=True, private=True)
    return response


@require_safe
def place_photo(request, slug):
    place = get_object_or_404(Place.objects.public().only("photo"), slug=slug)
    suffix = place.photo.name.rsplit(".", 1)[-1].lower() if place.photo else ""
    return stored_file(place.photo, content_type=PICTURE_CONTENT_TYPES.get(suffix))
