import datetime

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.filters import not_understood
from core.private import never_stored, request_may_read_internal
from indicators import files, measuring, presenters, statuses
from indicators.filters import DashboardFilter
from indicators.models import INTERNAL_PERMISSION, Annotation, Indicator, MeetingStatus
from policy import measures


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
    return _dashboard_page(request, "indicators/print.html", id_prefix="print",
                           today=datetime.date.today())


def _visible_indicator(request, slug):
    return get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("owner"), slug=slug
    )


@require_safe
def method(request):
    """How the baseline, the change and the judgement are worked out, in plain language."""
    return render(request, "indicators/method.html", {
        "breadcrumbs": [(_("Indicators"), reverse("indicators:dashboard")),
                        (_("How we judge the indicators"), None)],
    })


@require_safe
def indicator_detail(request, slug):
    indicator = get_object_or_404(measuring.with_figures(
        Indicator.objects.visible_to(request.user).select_related("owner")), slug=slug)
    targets = measuring.targets_of(indicator)  # came with the indicator
    benchmarks = list(indicator.benchmarks.prefetch_related("points"))
    context = {
        "indicator": indicator, "targets": targets, "benchmarks": benchmarks,
        # Only what the public may read: a draft policy's titles stay out (issue 12.4).
        "themes": list(indicator.themes.public().select_related("policy")),
        "action_points": measures.attach(
            indicator.action_points.public().select_related("theme__policy")
            .order_by("theme__policy__title", "theme__position", "position"), user=request.user),
        "breadcrumbs": [(_("Indicators"), reverse("indicators:dashboard")), (indicator.name, None)],
        **presenters.indicator_page(
            indicator, targets=targets, benchmarks=benchmarks,
            observations=list(indicator.observations.in_reading_order()),
            annotations=list(Annotation.objects.for_indicator(indicator)),
            adopted_on=indicator.policy_adopted_on),
    }
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
                        (_("Statuses"), reverse("indicators:status-list")), (status.title, None)],
        **statuses.present(status, with_internal=with_internal), **extra,
    }
    response = render(request, template, context)
    return never_stored(response) if with_internal else response


@require_safe
def status_detail(request, slug):
    return _status_page(request, slug, "indicators/status_detail.html")


@require_safe
def status_print(request, slug):
    return _status_page(request, slug, "indicators/status_print.html", print=True)
