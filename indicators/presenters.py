"""What the indicator pages show, built from records the views have fetched: the dashboard's
tiles grouped by theme, and the indicator page's summary in words, chart, legend and breakdown
tables. No request and no queries of its own (only relations the views prefetch), so it is
tested on plain records.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from indicators import charts, figures, judgement, measuring, periods
from indicators.models import Indicator


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
    assessment: judgement.Assessment | None = None


@dataclass
class Group:
    theme: object
    tiles: list = field(default_factory=list)


@dataclass
class BreakdownTable:
    dimension: str
    periods: list
    rows: list        # [(breakdown, [observation or None per period])]
    chart: charts.BarChart
    chart_period: str


def latest_texts(indicator, latest) -> dict:
    """The latest figure with its unit, and its period, as the pages print them."""
    return {
        "latest_text": figures.value_text(latest.value, indicator) if latest else "",
        "latest_period": periods.label(latest.period, indicator.frequency) if latest else "",
    }


def _assessment(indicator, series):
    """From the arrays `measuring.with_figures` annotates (every total, whatever the filters),
    or else from the series shown."""
    if hasattr(indicator, "judgement_totals"):
        return judgement.assess(indicator, **measuring.inputs(indicator))
    return judgement.assess(indicator, series, adopted_on=None)


def tile(indicator, *, with_target: bool, id_prefix: str) -> Tile:
    """One dashboard tile; `indicator` comes from Indicator.objects.for_dashboard(), with
    `measuring.with_figures`. The change since the baseline and the judgement are the total's,
    so a breakdown's tile has neither."""
    series = indicator.series
    latest, previous = figures.latest_two(series)
    return Tile(
        assessment=_assessment(indicator, series) if with_target else None,
        indicator=indicator, series=series, latest=latest, previous=previous,
        change=figures.change(indicator, latest, previous),
        target=figures.target_status(indicator, latest, indicator.targets.all())
        if with_target else None,
        chart=charts.trend_chart(indicator, series, id=f"{id_prefix}-{indicator.pk}"),
        **latest_texts(indicator, latest),
    )


def dashboard_groups(indicators, *, theme=None, breakdown=None, id_prefix: str) -> list[Group]:
    """Tiles grouped under the chosen theme, or each under its first theme (then none), the
    groups in policy and theme order. Targets are shown only for the totals."""
    groups: dict = {}
    for indicator in indicators:
        themes = list(indicator.themes.all())
        key = theme or (themes[0] if themes else None)
        group = groups.setdefault(key.pk if key else None, Group(key))
        group.tiles.append(tile(indicator, with_target=breakdown is None, id_prefix=id_prefix))
    return sorted(groups.values(), key=lambda g: (g.theme is None,
                                                  g.theme.policy.title if g.theme else "",
                                                  g.theme.position if g.theme else 0))


def bar_text(observation, indicator) -> str:
    text = figures.value_text(observation.value, indicator)
    if observation.is_provisional:
        text += " (" + _("provisional") + ")"
    return text


def breakdown_tables(indicator, observations) -> list[BreakdownTable]:
    """One table per breakdown dimension (periods across, values down) with a bar chart of its
    latest period."""
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
        bars = [(b.name, cells[(b.pk, last)].value, bar_text(cells[(b.pk, last)], indicator))
                for b in breakdowns if (b.pk, last) in cells]
        chart = charts.breakdown_chart(indicator, id=f"breakdown-{number}", dimension=dimension,
                                       period=last_label, bars=bars)
        tables.append(BreakdownTable(
            dimension, [periods.label(p, indicator.frequency) for p in period_list], rows, chart,
            last_label))
    return tables


def summary(indicator, total, change, target) -> str:
    """The series, the change and the progress against the target, in sentences."""
    parts = [charts.describe_series(indicator, total)]
    if change:
        parts.append(change.words + ".")
    if target:
        parts.append(target.words + ".")
    return " ".join(parts)


def indicator_page(indicator, *, observations, targets, benchmarks, annotations,
                   adopted_on=None, chart_id: str = "indicator-chart") -> dict:
    """The indicator page's content. `observations` are all of them, breakdowns included, in
    period order; the totals are charted and tabled, the breakdowns side by side."""
    total = [o for o in observations if o.breakdown_id is None]
    latest, previous = figures.latest_two(total)
    change = figures.change(indicator, latest, previous)
    target = figures.target_status(indicator, latest, targets)
    text = summary(indicator, total, change, target)
    chart = charts.indicator_chart(indicator, total, targets=targets, benchmarks=benchmarks,
                                   annotations=annotations, id=chart_id, summary=text)
    return {
        "assessment": judgement.assess(indicator, total, adopted_on=adopted_on, targets=targets),
        "observations": total, "latest": latest, "change": change, "target": target,
        "chart": chart, "summary": text, "annotations": list(chart.annotations),
        "legend": charts.legend(indicator, targets=targets, benchmarks=benchmarks),
        "has_provisional": any(o.is_provisional for o in total),
        "hollow_swatch": charts.provisional_swatch(),
        "breakdown_tables": breakdown_tables(indicator, observations),
        "updated": max([indicator.updated_at] + [o.updated_at for o in observations]),
        **latest_texts(indicator, latest),
    }
