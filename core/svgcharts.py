"""Server-rendered SVG charts: line charts (with numbered annotations) and bar charts.

Drawing only: what a chart shows, and in which style, is for the caller to say. Hand-written
rather than pygal: pygal 3.1 (even with js=[] and css=[]) still writes a <style> element, an
inline <script> and style="" attributes into every chart, which the strict Content Security
Policy (no 'unsafe-inline') blocks when the SVG is inlined in the page; served as an <img> the
chart would lose its title and description for screen readers. These charts use only SVG
presentation attributes, carry <title>/<desc>, tell series apart by dash pattern and marker shape
(never colour alone), scale with the viewBox and print as vectors. The markup is built with
ElementTree, so it is always well-formed and every text is escaped.
"""

import dataclasses
import datetime
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.numbers import number

INK = "#1b1b1b"
MUTED = "#4a4a4a"
GRID = "#d5d9dc"
# A phone's chart: drawn at about the width it is shown at (358 CSS px at 390), so its text
# keeps its size.
NARROW_WIDTH = 340
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Style:
    colour: str
    dash: str        # stroke-dasharray; "" is a solid line
    marker: str      # circle | square | triangle | diamond | cross
    width: float = 2.0


@dataclass
class Point:
    day: datetime.date
    value: Decimal
    hollow: bool = False     # an open marker (a provisional figure, say)


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
    narrow: bool = False     # drawn for a phone's width (see responsive_svg)

    def svg(self):
        return mark_safe(ET.tostring(_draw(self), encoding="unicode"))  # noqa: S308 - ET escapes

    def responsive_svg(self):
        """The chart twice: as wide as a desktop column, and narrower for a phone, where the
        wide one would shrink its text below 12 px. The page's CSS shows one (indicators.css,
        .chart--wide / .chart--narrow); the hidden one is hidden from screen readers too."""
        if self.compact:
            return self.svg()
        narrow = dataclasses.replace(self, id=f"{self.id}-narrow", width=NARROW_WIDTH,
                                     height=round(self.height * 0.9), narrow=True)
        return mark_safe(self.svg() + narrow.svg())  # noqa: S308 - both built by ElementTree


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


def x_domain(days: list[datetime.date]) -> tuple[int, int]:
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


def _svg(chart_id: str, title: str, description: str, width: int, height: int,
         variant: str = "") -> ET.Element:
    """A chart's root: an image named by its title and described by its description for
    screen readers, on a white ground (which prints)."""
    svg = ET.Element("svg", {
        "xmlns": "http://www.w3.org/2000/svg", "viewBox": f"0 0 {width} {height}",
        "width": "100%", "role": "img", "focusable": "false",
        "class": f"chart chart--{variant}" if variant else "chart",
        "aria-labelledby": f"{chart_id}-title {chart_id}-desc", "font-family": FONT,
    })
    _el(svg, "title", id=f"{chart_id}-title").text = title
    _el(svg, "desc", id=f"{chart_id}-desc").text = description
    _el(svg, "rect", x=0, y=0, width=width, height=height, fill="#ffffff")
    return svg


def _draw(chart: Chart) -> ET.Element:
    variant = "" if chart.compact else ("narrow" if chart.narrow else "wide")
    svg = _svg(chart.id, chart.title, chart.description, chart.width, chart.height, variant)
    # Text sizes in viewBox units: the narrow chart is shown at about its own size.
    size = 14 if chart.narrow else 15

    points = [p for s in chart.series for p in s.points]
    if not points:
        _text(svg, chart.width / 2, chart.height / 2, _("No figures yet"), anchor="middle",
              fill=MUTED, size=16 if not chart.compact else 14)
        return svg

    if chart.compact:
        left, right, top, bottom = 8, chart.width - 60, 10, chart.height - 22
    else:
        left, right = (46, chart.width - 66) if chart.narrow else (56, chart.width - 78)
        bottom = chart.height - 36
        # The unit caption has a row of its own above the annotation markers, so no marker
        # ever covers it.
        top = 58 if chart.annotations and chart.unit_caption else 40
    days = [p.day for p in points] + [a.day for a in chart.annotations]
    x_first, x_last = x_domain([p.day for p in points])
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
            _text(grid, left - 8, y + 4, number(Decimal(str(tick)), step_decimals),
                  anchor="end", fill=MUTED, size=size)
            tick += y_step
        if chart.unit_caption:
            caption_y = 18 if chart.annotations else top - 16
            _text(grid, 4, caption_y, chart.unit_caption, anchor="start", fill=MUTED,
                  size=size).set("class", "chart__axis-title")
        years = range(datetime.date.fromordinal(x_first).year,
                      datetime.date.fromordinal(x_last).year + 1)
        stride = max(1, math.ceil(len(years) / (4 if chart.narrow else 6)))
        for year in years[::stride]:
            day = datetime.date(year, 1, 1)
            if not x_first <= day.toordinal() <= x_last:
                continue
            x = x_of(day)
            _el(grid, "line", x1=f"{x:.1f}", x2=f"{x:.1f}", y1=bottom, y2=bottom + 5, stroke=MUTED)
            _text(grid, x, bottom + 22, str(year), anchor="middle", fill=MUTED, size=size)
        _el(grid, "line", x1=left, x2=right, y1=bottom, y2=bottom, stroke=MUTED, stroke_width=1)

    for annotation in chart.annotations:
        if not x_first <= annotation.day.toordinal() <= x_last:
            continue
        x = x_of(annotation.day)
        group = _el(svg, "g", **{"class": "chart__annotation"})
        _el(group, "line", x1=f"{x:.1f}", x2=f"{x:.1f}", y1=top - 4, y2=bottom, stroke=MUTED,
            stroke_width=1, stroke_dasharray="1 3")
        _el(group, "circle", cx=f"{x:.1f}", cy=top - 14, r=9, fill="#ffffff", stroke=INK)
        _text(group, x, top - 9.5, str(annotation.number), size=13 if chart.narrow else 12,
              anchor="middle", weight="bold")

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
                  else size + 1, fill=INK, weight="bold")
    if chart.compact:
        first, last = min(days), max(p.day for p in points)
        _text(svg, left, chart.height - 5, str(first.year), size=13, fill=MUTED)
        if last.year != first.year:
            _text(svg, right, chart.height - 5, str(last.year), size=13, anchor="end", fill=MUTED)
    return svg


@dataclass
class BarChart:
    """Horizontal bars, each labelled with its category and value, so no legend is needed."""

    id: str
    title: str
    description: str
    rows: list[tuple[str, Decimal, str]]   # (category, value, value text)
    colour: str = INK
    width: int = 520
    narrow: bool = False     # each category above its bar, for a phone's width

    def responsive_svg(self):
        """Wide and narrow, as Chart.responsive_svg."""
        narrow = dataclasses.replace(self, id=f"{self.id}-narrow", width=NARROW_WIDTH,
                                     narrow=True)
        return mark_safe(self.svg() + narrow.svg())  # noqa: S308 - both built by ElementTree

    def svg(self):
        if self.narrow:
            return self._narrow_svg()
        row_height, label_width = 34, 170
        height = 16 + row_height * len(self.rows)
        svg = _svg(self.id, self.title, self.description, self.width, height,
                   "wide")
        high = max([float(v) for _c, v, _t in self.rows] + [0.0]) or 1.0
        room = self.width - label_width - 160
        for index, (category, value, text) in enumerate(self.rows):
            y = 8 + index * row_height
            _text(svg, label_width - 8, y + 22, category, anchor="end", size=15)
            bar = max(1.0, float(value) / high * room)
            _el(svg, "rect", x=label_width, y=y + 6, width=f"{bar:.1f}", height=row_height - 12,
                fill=self.colour, stroke=INK, stroke_width=1)
            _text(svg, label_width + bar + 6, y + 22, text, size=15, weight="bold")
        return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - ET escapes

    def _narrow_svg(self):
        row_height = 48
        svg = _svg(self.id, self.title, self.description, self.width,
                   8 + row_height * len(self.rows), "narrow")
        high = max([float(v) for _c, v, _t in self.rows] + [0.0]) or 1.0
        room = self.width - 4 - 110
        for index, (category, value, text) in enumerate(self.rows):
            y = 4 + index * row_height
            _text(svg, 4, y + 16, category, size=14)
            bar = max(1.0, float(value) / high * room)
            _el(svg, "rect", x=4, y=y + 23, width=f"{bar:.1f}", height=18, fill=self.colour,
                stroke=INK, stroke_width=1)
            _text(svg, 4 + bar + 6, y + 38, text, size=14, weight="bold")
        return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - ET escapes


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


def hollow_swatch(colour: str) -> str:
    """An open circle marker, for the legend."""
    svg = ET.Element("svg", {"xmlns": "http://www.w3.org/2000/svg", "viewBox": "0 0 48 16",
                             "width": "48", "height": "16", "aria-hidden": "true",
                             "focusable": "false", "class": "legend__swatch"})
    _el(svg, "path", d=marker_path("circle", 24, 8, 5), fill="#ffffff", stroke=colour,
        stroke_width=2)
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - ET escapes
