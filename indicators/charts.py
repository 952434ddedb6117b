"""What the indicator charts show: the series, targets, benchmarks and annotations of an
indicator, in styles that tell them apart, with a summary in words. The drawing itself is
core/svgcharts.py, which knows nothing of indicators.
"""

import dataclasses

from django.utils.translation import gettext as _

from core.colours import DEFAULT_CHART
from core.models import Municipality

from core.svgcharts import (
    INK, BarChart, Chart, Marker, Point, Series, Style, hollow_swatch, legend_swatch, x_domain,
)
from indicators import figures, periods
from indicators.models import UNIT_RANGES

# The indicator's own series: drawn in the municipality's chart colour (main_style()).
MAIN = Style(DEFAULT_CHART, "", "circle", 3.0)
TARGET = Style(INK, "2 5", "diamond", 2.0)
BENCHMARKS = [
    Style("#5c3c00", "10 5", "square"),
    Style("#4a4a4a", "10 4 2 4", "triangle"),
    Style("#3d3d8f", "5 5", "cross"),
]


def main_style() -> Style:
    """MAIN in the chart colour from the municipality settings (checked for 3:1 on white)."""
    return dataclasses.replace(MAIN, colour=Municipality.load().safe_chart_colour)


def series_points(observations) -> list[Point]:
    return [Point(o.period, o.value, o.is_provisional) for o in observations]


def describe_series(indicator, observations) -> str:
    """A plain-language summary of a series for screen readers and print."""
    observations = list(observations)
    if not observations:
        return _("No figures yet.")
    freq = indicator.frequency
    latest = observations[-1]
    low = min(observations, key=lambda o: (o.value, o.period))
    high = max(observations, key=lambda o: (o.value, o.period))
    parts = [_("Figures from %(first)s to %(last)s.") % {
        "first": periods.label(observations[0].period, freq),
        "last": periods.label(latest.period, freq)}]
    latest_words = _("Latest: %(value)s in %(period)s") % {
        "value": figures.value_text(latest.value, indicator),
        "period": periods.label(latest.period, freq)}
    if latest.is_provisional:
        latest_words += " (" + _("provisional") + ")"
    parts.append(latest_words + ".")
    if len(observations) > 1:
        parts.append(_("Lowest %(low)s in %(low_period)s, highest %(high)s in %(high_period)s.")
                     % {"low": figures.value_text(low.value, indicator),
                        "low_period": periods.label(low.period, freq),
                        "high": figures.value_text(high.value, indicator),
                        "high_period": periods.label(high.period, freq)})
    return " ".join(parts)


def unit_caption(indicator) -> str:
    return {
        "count": _("Number"), "percent": _("Percent"), "hours": _("Hours"),
        "dkk": _("DKK"), "score": _("Score 1–5"), "days": _("Days"),
    }[indicator.unit]


def scale_bounds(indicator):
    """A bounded unit's axis starts at its lowest value; only the score's short scale is drawn
    whole (a percentage's axis ends where its figures do)."""
    if indicator.unit not in UNIT_RANGES:
        return None, None
    low, high = UNIT_RANGES[indicator.unit]
    return low, high if indicator.unit == "score" else None


def trend_chart(indicator, observations, *, id: str) -> Chart:
    """The small chart on a dashboard tile."""
    observations = list(observations)
    floor, ceiling = scale_bounds(indicator)
    last = observations[-1] if observations else None
    return Chart(
        id=id, compact=True, width=320, height=96, decimals=indicator.decimals,
        title=_("Trend: %(name)s") % {"name": indicator.name},
        description=describe_series(indicator, observations),
        y_floor=floor, y_ceiling=ceiling,
        series=[Series(indicator.name, main_style(), series_points(observations),
                       label_last=figures.number(last.value, indicator.decimals) if last else "")],
    )


def indicator_chart(indicator, observations, *, targets, benchmarks, annotations, id: str,
                    summary: str) -> Chart:
    """The full chart on an indicator page: the series, the path to the targets, each
    benchmark series on its own, numbered annotations."""
    observations = list(observations)
    series = [Series(indicator.name, main_style(), series_points(observations),
                     label_last=figures.value_text(observations[-1].value, indicator)
                     if observations else "")]
    targets = sorted(targets, key=lambda t: t.period)
    if targets:
        start = [Point(observations[-1].period, observations[-1].value)] if observations else []
        upcoming = [t for t in targets
                    if not observations or t.period > observations[-1].period]
        past = [t for t in targets if t not in upcoming]
        path = start + [Point(t.period, t.value) for t in upcoming]
        if len(path) > 1:
            series.append(Series(_("Target"), TARGET, path, markers=False))
        target_points = [Point(t.period, t.value) for t in past + upcoming]
        series.append(Series(_("Target"), TARGET, target_points, joined=False,
                             label_last=_("Target")))
    for index, benchmark in enumerate(benchmarks):
        style = BENCHMARKS[index % len(BENCHMARKS)]
        series.append(Series(benchmark.name, style,
                             [Point(p.period, p.value) for p in benchmark.points.all()]))
    floor, ceiling = scale_bounds(indicator)
    days = [p.day for s in series for p in s.points]
    if days:
        first, last = x_domain(days)
        annotations = [a for a in annotations if first <= a.date.toordinal() <= last]
    else:
        annotations = []
    return Chart(
        id=id, title=indicator.name, description=summary, series=series,
        annotations=[Marker(a.date, n, a.text) for n, a in enumerate(annotations, start=1)],
        unit_caption=unit_caption(indicator), decimals=indicator.decimals,
        y_floor=floor, y_ceiling=ceiling,
    )


def breakdown_chart(indicator, *, id: str, dimension: str, period: str, bars) -> BarChart:
    """Bars for each value of one breakdown in one period; bars = [(name, value, value text)]."""
    return BarChart(
        id=id, colour=main_style().colour,
        title=_("%(name)s by %(dimension)s, %(period)s") % {
            "name": indicator.name, "dimension": dimension.lower(), "period": period},
        description="; ".join(f"{name}: {text}" for name, _value, text in bars), rows=bars)


def legend(indicator, *, targets, benchmarks) -> list[tuple[str, str]]:
    """(name, swatch) for each line on the indicator chart, in the order they are drawn."""
    entries = [(indicator.name, legend_swatch(main_style()))]
    if targets:
        entries.append((_("Target"), legend_swatch(TARGET)))
    for index, benchmark in enumerate(benchmarks):
        entries.append((benchmark.name, legend_swatch(BENCHMARKS[index % len(BENCHMARKS)])))
    return entries


def provisional_swatch() -> str:
    """The hollow marker a provisional figure gets, for the legend."""
    return hollow_swatch(main_style().colour)
