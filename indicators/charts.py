"""Server-rendered SVG charts.

Hand-written rather than pygal: pygal 3.1 (even with js=[] and css=[]) still writes a <style>
element, an inline <script> and style="" attributes into every chart, which the strict Content
Security Policy (no 'unsafe-inline') blocks when the SVG is inlined in the page; served as an
<img> the chart would lose its title and description for screen readers. These charts use only
SVG presentation attributes, carry <title>/<desc>, tell series apart by dash pattern and marker
shape (never colour alone), scale with the viewBox and print as vectors. The markup is built
with ElementTree, so it is always well-formed and every text is escaped.
"""

import datetime
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from indicators import figures, periods
from indicators.models import UNIT_RANGES

INK = "#1b1b1b"
MUTED = "#4a4a4a"
GRID = "#d5d9dc"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Style:
    colour: str
    dash: str        # stroke-dasharray; "" is a solid line
    marker: str      # circle | square | triangle | diamond | cross
    width: float = 2.0


MAIN = Style("#00587c", "", "circle", 3.0)
TARGET = Style(INK, "2 5", "diamond", 2.0)
BENCHMARKS = [
    Style("#5c3c00", "10 5", "square"),
    Style("#4a4a4a", "10 4 2 4", "triangle"),
    Style("#3d3d8f", "5 5", "cross"),
]


@dataclass
class Point:
    day: datetime.date
    value: Decimal
    hollow: bool = False     # provisional figures get a hollow marker


@dataclass
class Series:
    name: str
    style: Style
    points: list[Point]
    joined: bool = True      # False: separate markers, no line between them
    markers: bool = True
    label_last: str = ""     # direct label beside the last point


@dataclass
class Marker:
    day: datetime.date
    number: int
    text: str


@dataclass
class Chart:
    id: str
    title: str
    description: str
    series: list[Series]
    annotations: list[Marker] = field(default_factory=list)
    unit_caption: str = ""
    decimals: int = 0
    y_floor: Decimal | None = None
    y_ceiling: Decimal | None = None
    width: int = 520
    height: int = 300
    compact: bool = False    # a small trend chart on a dashboard tile: no axes

    def svg(self):
        return mark_safe(ET.tostring(_draw(self), encoding="unicode"))  # noqa: S308 - ET escapes


def marker_path(shape: str, x: float, y: float, r: float) -> str:
    if shape == "square":
        return f"M{x - r:.1f} {y - r:.1f}h{2 * r:.1f}v{2 * r:.1f}h{-2 * r:.1f}z"
    if shape == "triangle":
        return f"M{x:.1f} {y - r * 1.2:.1f}L{x + r * 1.1:.1f} {y + r * 0.8:.1f}" \
               f"L{x - r * 1.1:.1f} {y + r * 0.8:.1f}z"
    if shape == "diamond":
        return f"M{x:.1f} {y - r * 1.3:.1f}L{x + r * 1.1:.1f} {y:.1f}L{x:.1f} {y + r * 1.3:.1f}" \
               f"L{x - r * 1.1:.1f} {y:.1f}z"
    if shape == "cross":
        return f"M{x - r:.1f} {y - r:.1f}L{x + r:.1f} {y + r:.1f}M{x - r:.1f} {y + r:.1f}" \
               f"L{x + r:.1f} {y - r:.1f}"
    return f"M{x - r:.1f} {y:.1f}a{r:.1f} {r:.1f} 0 1 0 {2 * r:.1f} 0a{r:.1f} {r:.1f} 0 1 0 " \
           f"{-2 * r:.1f} 0z"


def nice_step(span: float, count: int = 4) -> float:
    raw = span / count if span > 0 else 1
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _y_domain(chart: Chart, values: list[float]) -> tuple[float, float, float]:
    low = float(chart.y_floor) if chart.y_floor is not None else min([0.0, *values])
    high = max(values) if values else 1.0
    if chart.y_ceiling is not None:
        high = max(high, float(chart.y_ceiling))
    step = nice_step(high - low)
    top = low + step * math.ceil((high - low) / step) if high > low else low + step
    if chart.y_ceiling is None and top - high < step * 0.15 and not chart.compact:
        top += step
    return low, top, step


def _x_domain(days: list[datetime.date]) -> tuple[int, int]:
    first, last = min(days).toordinal(), max(days).toordinal()
    if first == last:
        first, last = first - 183, last + 183
    return first, last


def _el(parent, tag, **attrs):
    return ET.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): str(v)
                                       for k, v in attrs.items()})


def _text(parent, x, y, text, *, size=15, anchor="start", fill=INK, weight=None):
    attrs = {"x": f"{x:.1f}", "y": f"{y:.1f}", "font_size": size, "fill": fill,
             "text_anchor": anchor}
    if weight:
        attrs["font_weight"] = weight
    element = _el(parent, "text", **attrs)
    element.text = text
    return element


def _svg(chart_id: str, title: str, description: str, width: int, height: int) -> ET.Element:
    """A chart's root: an image named by its title and described by its description for
    screen readers, on a white ground (which prints)."""
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}",
        "width": "100%", "role": "img", "focusable": "false", "class": "chart",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "font-family": FONT,
    })
    _el(svg, "title", id=f"{chart_id}-title").text = title
    _el(svg, "desc", id=f"{chart_id}-desc").text = description
    _el(svg, "rect", x=0, y=0, width=width, height=height, fill="#ffffff")
    return svg


def _draw(chart: Chart) -> ET.Element:
    svg = _svg(chart.id, chart.title, chart.description, chart.width, chart.height)

    points = [p for s in chart.series for p in s.points]
    if not points:
        _text(svg, chart.width / 2, chart.height / 2, _("No figures yet"), anchor="middle",
              fill=MUTED, size=16 if not chart.compact else 14)
        return svg

    if chart.compact:
        left, right, top, bottom = 8, chart.width - 60, 10, chart.height - 22
    else:
        left, right, top, bottom = 56, chart.width - 78, 40, chart.height - 36
    days = [p.day for p in points] + [a.day for a in chart.annotations]
    x_first, x_last = _x_domain([p.day for p in points])
    y_low, y_high, y_step = _y_domain(chart, [float(p.value) for p in points])

    def x_of(day):
        return left + (day.toordinal() - x_first) / (x_last - x_first) * (right - left)

    def y_of(value):
        return bottom - (float(value) - y_low) / (y_high - y_low) * (bottom - top)

    if not chart.compact:
        grid = _el(svg, "g", **{"aria-hidden": "true"})
        tick = y_low
        step_decimals = max(0, -math.floor(math.log10(y_step))) if y_step < 1 else 0
        if y_step % 1 and step_decimals == 0:
            step_decimals = 1
        while tick <= y_high + y_step / 1000:
            y = y_of(tick)
            _el(grid, "line", x1=left, x2=right, y1=f"{y:.1f}", y2=f"{y:.1f}", stroke=GRID,
                stroke_width=1)
            _text(grid, left - 8, y + 4, figures.number(Decimal(str(tick)), step_decimals),
                  anchor="end", fill=MUTED)
            tick += y_step
        if chart.unit_caption:
            _text(grid, left - 8, top - 16, chart.unit_caption, anchor="start", fill=MUTED)
        years = range(datetime.date.fromordinal(x_first).year,
                      datetime.date.fromordinal(x_last).year + 1)
        stride = max(1, math.ceil(len(years) / 6))
        for year in years[::stride]:
            day = datetime.date(year, 1, 1)
            if not x_first <= day.toordinal() <= x_last:
                continue
            x = x_of(day)
            _el(grid, "line", x1=f"{x:.1f}", x2=f"{x:.1f}", y1=bottom, y2=bottom + 5, stroke=MUTED)
            _text(grid, x, bottom + 22, str(year), anchor="middle", fill=MUTED)
        _el(grid, "line", x1=left, x2=right, y1=bottom, y2=bottom, stroke=MUTED, stroke_width=1)

    for annotation in chart.annotations:
        if not x_first <= annotation.day.toordinal() <= x_last:
            continue
        x = x_of(annotation.day)
        group = _el(svg, "g")
        _el(group, "line", x1=f"{x:.1f}", x2=f"{x:.1f}", y1=top - 4, y2=bottom, stroke=MUTED,
            stroke_width=1, stroke_dasharray="1 3")
        _el(group, "circle", cx=f"{x:.1f}", cy=top - 14, r=9, fill="#ffffff", stroke=INK)
        _text(group, x, top - 9.5, str(annotation.number), size=12, anchor="middle",
              weight="bold")

    radius = 3.5 if chart.compact else 5
    for series in chart.series:
        if not series.points:
            continue
        style = series.style
        group = _el(svg, "g")
        coordinates = [(x_of(p.day), y_of(p.value), p) for p in series.points]
        if series.joined and len(coordinates) > 1:
            path = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y, _p in coordinates)
            attrs = {"d": path, "fill": "none", "stroke": style.colour,
                     "stroke_width": style.width, "stroke_linejoin": "round"}
            if style.dash:
                attrs["stroke_dasharray"] = style.dash
            _el(group, "path", **attrs)
        for x, y, point in coordinates if series.markers else []:
            _el(group, "path", d=marker_path(style.marker, x, y, radius),
                fill="#ffffff" if point.hollow or style.marker == "cross" else style.colour,
                stroke=style.colour, stroke_width=2)
        if series.label_last:
            x, y, _p = coordinates[-1]
            _text(group, x + radius + 5, y + 5, series.label_last, size=14 if chart.compact
                  else 16, fill=INK, weight="bold")
    if chart.compact:
        first, last = min(days), max(p.day for p in points)
        _text(svg, left, chart.height - 5, str(first.year), size=12, fill=MUTED)
        if last.year != first.year:
            _text(svg, right, chart.height - 5, str(last.year), size=12, anchor="end", fill=MUTED)
    return svg


@dataclass
class BarChart:
    """Horizontal bars, each labelled with its category and value, so no legend is needed."""

    id: str
    title: str
    description: str
    rows: list[tuple[str, Decimal, str]]   # (category, value, value text)
    width: int = 520

    def svg(self):
        row_height, label_width = 34, 170
        height = 16 + row_height * len(self.rows)
        svg = _svg(self.id, self.title, self.description, self.width, height)
        high = max([float(v) for _c, v, _t in self.rows] + [0.0]) or 1.0
        room = self.width - label_width - 160
        for index, (category, value, text) in enumerate(self.rows):
            y = 8 + index * row_height
            _text(svg, label_width - 8, y + 22, category, anchor="end", size=15)
            bar = max(1.0, float(value) / high * room)
            _el(svg, "rect", x=label_width, y=y + 6, width=f"{bar:.1f}", height=row_height - 12,
                fill=MAIN.colour, stroke=INK, stroke_width=1)
            _text(svg, label_width + bar + 6, y + 22, text, size=15, weight="bold")
        return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - ET escapes


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
        series=[Series(indicator.name, MAIN, series_points(observations),
                       label_last=figures.number(last.value, indicator.decimals) if last else "")],
    )


def indicator_chart(indicator, observations, *, targets, benchmarks, annotations, id: str,
                    summary: str) -> Chart:
    """The full chart on an indicator page: the series, the path to the targets, each
    benchmark series on its own, numbered annotations."""
    observations = list(observations)
    series = [Series(indicator.name, MAIN, series_points(observations),
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
        first, last = _x_domain(days)
        annotations = [a for a in annotations if first <= a.date.toordinal() <= last]
    else:
        annotations = []
    return Chart(
        id=id, title=indicator.name, description=summary, series=series,
        annotations=[Marker(a.date, n, a.text) for n, a in enumerate(annotations, start=1)],
        unit_caption=unit_caption(indicator), decimals=indicator.decimals,
        y_floor=floor, y_ceiling=ceiling,
    )


def legend_swatch(style: Style) -> str:
    """A small line sample with its marker, for the legend under a chart."""
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 48 16",
                             "width": "48", "height": "16", "aria-hidden": "true",
                             "focusable": "false", "class": "legend__swatch"})
    attrs = {"x1": 2, "x2": 46, "y1": 8, "y2": 8, "stroke": style.colour,
             "stroke_width": style.width}
    if style.dash:
        attrs["stroke_dasharray"] = style.dash
    _el(svg, "line", **attrs)
    _el(svg, "path", d=marker_path(style.marker, 24, 8, 4.5),
        fill="#ffffff" if style.marker == "cross" else style.colour, stroke=style.colour,
        stroke_width=2)
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - ET escapes


def hollow_swatch() -> str:
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 48 16",
                             "width": "48", "height": "16", "aria-hidden": "true",
                             "focusable": "false", "class": "legend__swatch"})
    _el(svg, "path", d=marker_path("circle", 24, 8, 5), fill="#ffffff", stroke=MAIN.colour,
        stroke_width=2)
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - ET escapes
