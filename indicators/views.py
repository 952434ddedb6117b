import datetime

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.filters import not_understood
from core.languages import crumb
from core.models import Municipality
from core.private import never_stored, request_may_read_internal
from indicators import files, measuring, opendata, presenters, statuses
from indicators.filters import DashboardFilter
from indicators.models import INTERNAL_PERMISSION, Annotation, Indicator, MeetingStatus
from policy import measures
from policy.models import Theme


def _dashboard(request, *, id_prefix: str) -> dict:
    filterset = DashboardFilter(request.GET or None, queryset=Indicator.objects.visible_to(
        request.user), request=request)
    problems = not_understood(filterset)
    chosen = filterset.form.cleaned_data if filterset.is_bound else {}
    start, end = chosen.get("period_from"), chosen.get("period_to")
    if start and end and start > end:
        problems.append(_("From year is after to year"))
        start = end = None
    breakdown, theme = chosen.get("breakdown"), chosen.get("theme")
    indicators = list(measuring.with_figures(filterset.qs.for_dashboard(
        breakdown=breakdown,
        start=datetime.date(start, 1, 1) if start else None,
        end=datetime.date(end, 12, 31) if end else None,
    )))
    return {
        "filter": filterset, "problems": problems, "breakdown": breakdown,
        "groups": presenters.dashboard_groups(indicators, theme=theme, breakdown=breakdown,
                                              id_prefix=id_prefix),
        "indicator_count": len(indicators),
        "has_internal": any(i.is_internal for i in indicators),
        "breadcrumbs": [(_("Indicators"), None)],
    }


def _dashboard_page(request, template: str, *, id_prefix: str, **extra):
    context = {**_dashboard(request, id_prefix=id_prefix), **extra}
    response = render(request, template, context)
    return never_stored(response) if context["has_internal"] else response


@require_safe
def dashboard(request):
    return _dashboard_page(request, "indicators/dashboard.html", id_prefix="trend")


@require_safe
def dashboard_print(request):
    query = request.GET.urlencode()
    return _dashboard_page(request, "indicators/print.html", id_prefix="print",
                           today=datetime.date.today(),
                           print_back_url=reverse("indicators:dashboard")
                           + (f"?{query}" if query else ""),
                           print_back_text=_("Back to the dashboard"))


def _visible_indicator(request, slug):
    return get_object_or_404(measuring.with_figures(
        Indicator.objects.visible_to(request.user).select_related("owner")), slug=slug)


@require_safe
def method(request):
    """How the baseline, the change and the judgement are worked out, in plain language."""
    return render(request, "indicators/method.html", {
        "breadcrumbs": [(_("Indicators"), reverse("indicators:dashboard")),
                        (_("How we judge the indicators"), None)],
    })


def _indicator_context(request, indicator, *, chart_id: str) -> dict:
    targets = measuring.targets_of(indicator)  # came with the indicator
    benchmarks = list(indicator.benchmarks.prefetch_related("points"))
    return {
        "indicator": indicator, "targets": targets, "benchmarks": benchmarks,
        # Only what the public may read: a draft policy's titles stay out (issue 12.4).
        "themes": list(indicator.themes.public().select_related("policy")),
        "action_points": measures.attach(
            indicator.action_points.public().select_related("theme__policy")
            .order_by("theme__policy__title", "theme__position", "position"), user=request.user),
        "breadcrumbs": [(_("Indicators"), reverse("indicators:dashboard")), crumb(indicator, "name", None)],
        **presenters.indicator_page(
            indicator, targets=targets, benchmarks=benchmarks,
            observations=list(indicator.observations.in_reading_order()),
            annotations=list(Annotation.objects.for_indicator(indicator)),
            adopted_on=indicator.policy_adopted_on, chart_id=chart_id),
    }


@require_safe
def indicator_print(request, slug):
    indicator = _visible_indicator(request, slug)
    context = _indicator_context(request, indicator, chart_id="print-chart")
    response = render(request, "indicators/indicator_print.html", {
        **context, "print_back_url": indicator.get_absolute_url(),
        "print_back_text": _("Back to the indicator"),
        # Internal figures are never open data: their print names no JSON address.
        "data_urls": {key: url for key, url in _download_urls(request, indicator.slug).items()
                      if key != "json" or not indicator.is_internal}})
    return never_stored(response) if indicator.is_internal else response


@require_safe
def indicator_detail(request, slug):
    indicator = _visible_indicator(request, slug)
    context = _indicator_context(request, indicator, chart_id="indicator-chart")
    response = render(request, "indicators/indicator_detail.html", context)
    return never_stored(response) if indicator.is_internal else response


def _download(request, slug, *, kind):
    indicator = _visible_indicator(request, slug)
    table = files.export_table(indicator, url=request.build_absolute_uri(
        indicator.get_absolute_url()), licence=settings.INDICATOR_DATA_LICENCE)
    if kind == "csv":
        response = HttpResponse(files.to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(files.to_xlsx(table, title=_("Data")),
                                content_type=files.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{indicator.slug}.{kind}"'
    return never_stored(response) if indicator.is_internal else response


@require_safe
def indicator_csv(request, slug):
    return _download(request, slug, kind="csv")


@require_safe
def indicator_xlsx(request, slug):
    return _download(request, slug, kind="xlsx")


# --- Statuses for committee meetings (issue 15.3) ---------------------------------------------

@require_safe
def status_list(request):
    context = {
        "statuses": list(MeetingStatus.objects.newest_first().only(
            "title_da", "title_en", "meeting_on", "frozen_at", "is_example_data")),
        "breadcrumbs": [(_("Indicators"), reverse("indicators:dashboard")),
                        (_("Statuses for committee meetings"), None)],
    }
    return render(request, "indicators/status_list.html", context)


def _status_page(request, slug, template, **extra):
    try:
        meeting_on = datetime.date.fromisoformat(slug)
    except ValueError:
        raise Http404 from None
    if meeting_on.isoformat() != slug:  # one address per status: 2027-03-12, not 20270312
        raise Http404
    status = get_object_or_404(MeetingStatus, meeting_on=meeting_on)
    with_internal = request_may_read_internal(request, INTERNAL_PERMISSION)
    previous = MeetingStatus.objects.before(status).first()
    context = {
        "status": status, "previous": previous, "with_internal": with_internal,
        "changes": statuses.changes(status, previous, with_internal=with_internal),
        "breadcrumbs": [(_("Indicators"), reverse("indicators:dashboard")),
                        (_("Statuses"), reverse("indicators:status-list")), crumb(status, "title", None)],
        **statuses.present(status, with_internal=with_internal), **extra,
    }
    response = render(request, template, context)
    return never_stored(response) if with_internal else response


@require_safe
def status_detail(request, slug):
    return _status_page(request, slug, "indicators/status_detail.html")


@require_safe
def status_print(request, slug):
    # The shared print frame (print_base.html) shows the way back on screen.
    return _status_page(request, slug, "indicators/status_print.html", print=True,
                        print_back_url=reverse("indicators:status-detail", kwargs={"slug": slug}),
                        print_back_text=_("Back to the status"))


def _download_urls(request, slug: str) -> dict:
    return {key: request.build_absolute_uri(reverse(name, kwargs={"slug": slug}))
            for key, name, _media_type, _file_type in opendata.FORMATS}


def _open_data(response):
    # Open data: any site may read it from a browser (it holds nothing that is not public).
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def indicator_json(request, slug):
    """A public indicator as JSON; internal ones are never open data, whoever asks."""
    indicator = get_object_or_404(
        Indicator.objects.public().select_related("owner").prefetch_related(
            Prefetch("themes", queryset=Theme.objects.public().in_policy_order())),
        slug=slug)
    document = opendata.indicator_document(
        indicator, observations=list(indicator.observations.in_reading_order()),
        targets=list(indicator.targets.all()),
        benchmarks=list(indicator.benchmarks.prefetch_related("points")),
        urls={"page": request.build_absolute_uri(indicator.get_absolute_url()),
              **_download_urls(request, slug)},
        licence=settings.INDICATOR_DATA_LICENCE, licence_url=settings.INDICATOR_DATA_LICENCE_URL,
        language=translation.get_language())
    return _open_data(JsonResponse(document, json_dumps_params={"ensure_ascii": False,
                                                                "indent": 2}))


CATALOGUE_TYPES = {"turtle": "text/turtle; charset=utf-8",
                   "json-ld": "application/ld+json; charset=utf-8"}


@require_safe
def catalogue(request, kind: str):
    """The DCAT-AP-DK catalogue of every public indicator. The same graph at the Danish and
    the English address: its resources are named by their Danish (unprefixed) addresses, so
    a harvester sees one identity for each dataset whichever it fetched."""
    from indicators import catalogue as dcat  # rdflib: ~1 s to import, only for this view

    municipality = Municipality.load()
    titles, descriptions = {}, {}
    for language in dcat.LANGUAGES:
        with translation.override(language):
            titles[language] = _("Indicators for volunteering – %(municipality)s") % {
                "municipality": municipality.name}
            descriptions[language] = _(
                "The figures %(municipality)s publishes to show whether its effort for "
                "volunteering works: one dataset per indicator, each as CSV, XLSX and JSON "
                "with its definition, unit, source and licence.") % {
                "municipality": municipality.name}
    with translation.override(settings.LANGUAGE_CODE):
        entries = [dcat.DatasetEntry(
            indicator=indicator, first_period=indicator.first_period,
            last_period=indicator.last_period,
            updated=max(filter(None, [indicator.updated_at, indicator.figures_updated_at])),
            page_url=request.build_absolute_uri(indicator.get_absolute_url()),
            download_urls=_download_urls(request, indicator.slug),
        ) for indicator in Indicator.objects.for_catalogue()]
        catalogue_url = request.build_absolute_uri(reverse("indicators:catalogue-turtle"))
    graph = dcat.catalogue_graph(
        entries, catalogue_url=catalogue_url, site_url=request.build_absolute_uri("/")[:-1],
        municipality=municipality, licence_url=settings.INDICATOR_DATA_LICENCE_URL,
        titles=titles, descriptions=descriptions)
    body = dcat.serialise(graph, kind)
    return _open_data(HttpResponse(body, content_type=CATALOGUE_TYPES[kind]))
