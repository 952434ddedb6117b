import mimetypes

from django.db import connection
from django.db.utils import DatabaseError
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from core import colours
from core.downloads import stored_file
from core.models import Municipality
from intake import personal_data
from toolbox.models import Audience
from volunteering.models import Opportunity


@require_safe
def home(request):
    return render(request, "portal/home.html", {
        "audiences": Audience.objects.all(),
        # The newest first: what a citizen who wants to help can say yes to today.
        "opportunities": (Opportunity.objects.published().without_text()
                          .select_related("organisation", "area")
                          .order_by("-publish_from", "-published_at", "title")[:3]),
    })


@require_safe
def privacy(request):
    # Every processing an app registered with the intake (intake.personal_data), so the page
    # names what each form keeps and for how long without anyone copying it here.
    processings = [(holder, personal_data.retention_days(holder))
                   for holder in personal_data.holders()]
    return render(request, "portal/privacy.html", {
        "breadcrumbs": [(_("Privacy"), None)], "processings": processings,
    })


@require_safe
def accessibility_statement(request):
    """/was: the conventional address of a Danish public site's accessibility statement."""
    url = Municipality.load().accessibility_statement_url
    if not url:
        raise Http404
    return HttpResponseRedirect(url)


@require_safe
@cache_control(no_store=True)
def healthz(request):
    """For the load balancer: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable"}, status=503, headers={"Retry-After": "30"})
    return JsonResponse({"status": "ok"})


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=300)
def brand_css(request):
    """The municipality's colour as a stylesheet, so pages need no inline styles (strict CSP)."""
    municipality = Municipality.load()
    colour = colours.readable_on_white(municipality.brand_colour, colours.TEXT_CONTRAST,
                                       fallback=colours.DEFAULT_BRAND)
    css = f":root {{ --brand: {colour}; --chart: {municipality.safe_chart_colour}; }}\n"
    return HttpResponse(css, content_type="text/css; charset=utf-8")


@require_safe
@cache_control(public=True, max_age=3600)
def logo(request):
    logo = Municipality.load().logo
    return stored_file(logo, content_type=logo and mimetypes.guess_type(logo.name)[0])
