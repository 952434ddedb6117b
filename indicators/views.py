import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from core.filters import not_understood
from core.private import never_stored
from indicators import charts, figures, files, periods
from indicators.filters import DashboardFilter
from indicators.models import Annotation, Indicator



@dataclass
class Tile:
    indicator: Indicator
    series: list
    latest: object
    previous: object
    change: figures.Change | None
    target: figures.TargetStatus | None
    chart: charts.Chart
    latest_text: str = ""
    latest_period: str = ""


@dataclass
class Group:
    theme: object
    tiles: list = field(default_factory=list)


def _tile(indicator, *, with_target: bool, id_prefix: str) -> Tile:
    series = indicator.series
    latest, previous = figures.latest_two(series)
    return Tile(
        indicator=indicator, series=series, latest=latest, previous=previous,
        change=figures.change(indicator, latest, previous),
        target=figures.target_status(indicator, latest, indicator.targets.all())
        if with_target else None,
        chart=charts.trend_chart(indicator, series, id=f"{id_prefix}-{indicator.pk}"),
        latest_text=figures.value_text(latest.value, indicator) if latest else "",
        latest_period=periods.label(latest.period, indicator.frequency) if latest else "",
    )


def _dashboard(request, *, id_prefix: str) -> dict:
    filterset = DashboardFilter(request.GET or None, queryset=Indicator.objects.visible_to(
        request.user), request=request)
    indicators = filterset.qs
    problems = not_understood(filterset)
    chosen = filterset.form.cleaned_data if filterset.is_bound else {}
    start, end = chosen.get("period_from"), chosen.get("period_to")
    if start and end and start > end:
        problems.append(_("From year is after to year"))
        start = end = None
    breakdown, theme = chosen.get("breakdown"), chosen.get("theme")
    indicators = list(indicators.for_dashboard(
        breakdown=breakdown,
        start=datetime.date(start, 1, 1) if start else None,
        end=datetime.date(end, 12, 31) if end else None,
    ))
    groups: dict = {}
    for indicator in indicators:
        themes = list(indicator.themes.all())
        key = theme or (themes[0] if themes else None)
        group = groups.setdefault(key.pk if key else None, Group(key))
        group.tiles.append(_tile(indicator, with_target=breakdown is None, id_prefix=id_prefix))
    ordered = sorted(groups.values(), key=lambda g: (g.theme is None,
                                                      g.theme.policy.title if g.theme else "",
                                                      g.theme.position if g.theme else 0))
    return {
        "filter": filterset, "groups": ordered, "problems": problems, "breakdown": breakdown,
        "indicator_count": len(indicators),
        "has_internal": any(i.is_internal for i in indicators),
        "breadcrumbs": [(_("Indicators"), None)],
    }


@require_safe
def dashboard(request):
    context = _dashboard(request, id_prefix="trend")
    response = render(request, "indicators/dashboard.html", context)
    return never_stored(response) if context["has_internal"] else response


@require_safe
def dashboard_print(request):
    context = _dashboard(request, id_prefix="print")
    context["today"] = datetime.date.today()
    response = render(request, "indicators/print.html", context)
    return never_stored(response) if context["has_internal"] else response


def _visible_indicator(request, slug):
    return get_object_or_404(
        Indicator.objects.visible_to(request.user).select_related("owner"), slug=slug
    )


@dataclass
class BreakdownTable:
    dimension: str
    periods: list
    rows: list        # [(breakdown, [observation or None per period])]
    chart: charts.BarChart
    chart_period: str


def _breakdown_tables(indicator, observations) -> list[BreakdownTable]:
    by_dimension: dict = {}
    for observation in observations:
        if observation.breakdown:
            by_dimension.setdefault(observation.breakdown.get_dimension_display(), []).append(
                observation)
    tables = []
    for number, (dimension, items) in enumerate(by_dimension.items(), start=1):
        period_list = sorted({o.period for o in items})
        breakdowns = sorted({o.breakdown for o in items}, key=lambda b: (b.position, b.slug))
        cells = {(o.breakdown.pk, o.period): o for o in items}
        rows = [(b, [cells.get((b.pk, p)) for p in period_list]) for b in breakdowns]
        last = period_list[-1]
        last_label = periods.label(last, indicator.frequency)
        bars = [(b.name, cells[(b.pk, last)].value, _bar_text(cells[(b.pk, last)], indicator))
                for b in breakdowns if (b.pk, last) in cells]
        description = "; ".join(f"{name}: {text}" for name, _value, text in bars)
        chart = charts.BarChart(
            id=f"breakdown-{number}",
            title=_("%(name)s by %(dimension)s, %(period)s") % {
                "name": indicator.name, "dimension": dimension.lower(), "period": last_label},
            description=description, rows=bars)
        tables.append(BreakdownTable(
            dimension, [periods.label(p, indicator.frequency) for p in period_list], rows, chart,
            last_label))
    return tables


def _bar_text(observation, indicator):
    text = figures.value_text(observation.value, indicator)
    if observation.is_provisional:
        text += " (" + _("provisional") + ")"
    return text


@require_safe
def indicator_detail(request, slug):
    indicator = _visible_indicator(request, slug)
    observations = list(indicator.observations.in_reading_order())
    total = [o for o in observations if o.breakdown_id is None]
    targets = list(indicator.targets.all())
    benchmarks = list(indicator.benchmarks.prefetch_related("points"))
    annotations = list(Annotation.objects.for_indicator(indicator))
    # Only what the public may read: a draft policy's titles stay out (issue 12.4).
    themes = list(indicator.themes.public().select_related("policy"))
    action_points = list(indicator.action_points.public().select_related("theme__policy"))
    latest, previous = figures.latest_two(total)
    change = figures.change(indicator, latest, previous)
    target = figures.target_status(indicator, latest, targets)
    summary_parts = [charts.describe_series(indicator, total)]
    if change:
        summary_parts.append(change.words + ".")
    if target:
        summary_parts.append(target.words + ".")
    summary = " ".join(summary_parts)
    chart = charts.indicator_chart(indicator, total, targets=targets, benchmarks=benchmarks,
                                   annotations=annotations, id="indicator-chart",
                                   summary=summary)
    shown_annotations = [m for m in chart.annotations]
    legend = [(indicator.name, charts.legend_swatch(charts.MAIN))]
    if targets:
        legend.append((_("Target"), charts.legend_swatch(charts.TARGET)))
    for index, benchmark in enumerate(benchmarks):
        legend.append((benchmark.name, charts.legend_swatch(
            charts.BENCHMARKS[index % len(charts.BENCHMARKS)])))
    updated = max([indicator.updated_at] + [o.updated_at for o in observations])
    context = {
        "indicator": indicator, "observations": total, "targets": targets,
        "benchmarks": benchmarks, "themes": themes, "action_points": action_points,
        "latest": latest, "change": change, "target": target, "chart": chart,
        "summary": summary, "legend": legend, "annotations": shown_annotations,
        "has_provisional": any(o.is_provisional for o in total),
        "hollow_swatch": charts.hollow_swatch(),
        "breakdown_tables": _breakdown_tables(indicator, observations),
        "latest_text": figures.value_text(latest.value, indicator) if latest else "",
        "latest_period": periods.label(latest.period, indicator.frequency) if latest else "",
        "updated": updated,
        "breadcrumbs": [(_("Indicators"), _dashboard_url()), (indicator.name, None)],
    }
    response = render(request, "indicators/indicator_detail.html", context)
    return never_stored(response) if indicator.is_internal else response


def _dashboard_url():
    return reverse("indicators:dashboard")


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
