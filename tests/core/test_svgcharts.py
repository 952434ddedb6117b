"""The SVG drawing on its own: charts built from plain points, no indicator, no database."""

import datetime
from decimal import Decimal

import pytest
from defusedxml import ElementTree
from django.utils import translation

from core.svgcharts import (
    BarChart,
    Chart,
    Marker,
    Point,
    Series,
    Style,
    hollow_swatch,
    legend_swatch,
    marker_path,
    nice_step,
)

SVG = "{http://www.w3.org/2000/svg}"
SOLID = Style("#00587c", "", "circle", 3.0)
DASHED = Style("#5c3c00", "10 5", "square")


def line_chart(**changes) -> Chart:
    points = [Point(datetime.date(year, 1, 1), Decimal(value)) for year, value in
              [(2021, 400), (2022, 700), (2023, 1200)]]
    points[-1].hollow = True
    values = {"id": "c", "title": "Titel <&>", "description": "Beskrivelse", "series": [
        Series("A", SOLID, points, label_last="1.200"),
        Series("B", DASHED, [Point(datetime.date(2022, 1, 1), Decimal(500))], joined=False),
    ]}
    return Chart(**{**values, **changes})


def parsed(svg) -> ElementTree:
    return ElementTree.fromstring(str(svg))


def test_a_line_chart_is_an_image_named_by_its_title_and_description():
    root = parsed(line_chart().svg())
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c-title c-desc"
    assert root.find(f"{SVG}title").text == "Titel <&>"
    assert root.find(f"{SVG}desc").text == "Beskrivelse"
    assert "<&>" not in str(line_chart().svg())  # escaped by ElementTree


def test_each_series_has_its_dash_pattern_and_markers_and_a_hollow_point_is_open():
    paths = parsed(line_chart().svg()).iter(f"{SVG}path")
    lines = [p for p in paths if p.get("fill") == "none"]
    assert [(p.get("stroke"), p.get("stroke-dasharray")) for p in lines] == [("#00587c", None)]
    markers = [p.get("fill") for p in parsed(line_chart().svg()).iter(f"{SVG}path")
               if p.get("fill") != "none"]
    # Three markers of A (the last one hollow) and one of B; B is not joined, so no line.
    assert markers == ["#00587c", "#00587c", "#ffffff", "#5c3c00"]
    assert "1.200" in [t.text for t in parsed(line_chart().svg()).iter(f"{SVG}text")]


def test_the_axis_is_labelled_in_the_active_language():
    with translation.override("da"):
        danish = [t.text for t in parsed(line_chart().svg()).iter(f"{SVG}text")]
    with translation.override("en"):
        english = [t.text for t in parsed(line_chart().svg()).iter(f"{SVG}text")]
    assert {"1.000", "2021", "2023"} <= set(danish)
    assert {"1,000", "2021", "2023"} <= set(english)


def test_annotations_inside_the_range_are_numbered_and_others_left_out():
    chart = line_chart(annotations=[Marker(datetime.date(2022, 6, 1), 1, "Kampagne"),
                                    Marker(datetime.date(2030, 1, 1), 2, "Senere")])
    numbers = [t.text for t in parsed(chart.svg()).iter(f"{SVG}text") if t.get("font-weight")]
    assert "1" in numbers and "2" not in numbers


def test_a_compact_chart_has_no_axis_only_first_and_last_year():
    texts = [t.text for t in parsed(line_chart(compact=True, width=320, height=96).svg())
             .iter(f"{SVG}text")]
    assert texts == ["1.200", "2021", "2023"]


def test_a_chart_without_points_says_so_in_the_reader_language():
    with translation.override("da"):
        assert "Ingen tal endnu" in str(line_chart(series=[]).svg())
    with translation.override("en"):
        assert "No figures yet" in str(line_chart(series=[]).svg())


@pytest.mark.parametrize(("span", "step"), [(100, 25), (7, 2), (0.3, 0.1), (0, 1), (4000, 1000)])
def test_axis_steps_are_round_numbers(span, step):
    assert nice_step(span) == pytest.approx(step)


def test_a_bar_chart_labels_each_bar_and_draws_it_in_the_given_colour():
    chart = BarChart(id="b", title="Efter område", description="Idræt: 100; Kultur: 50",
                     rows=[("Idræt", Decimal(100), "100"), ("Kultur", Decimal(50), "50")],
                     colour="#00587c")
    root = parsed(chart.svg())
    assert [t.text for t in root.iter(f"{SVG}text")] == ["Idræt", "100", "Kultur", "50"]
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#00587c"]
    assert [float(bar.get("width")) for bar in bars] == [190.0, 95.0]


def test_swatches_show_the_line_and_marker_and_hide_from_screen_readers():
    swatch = parsed(legend_swatch(DASHED))
    assert swatch.get("aria-hidden") == "true"
    assert swatch.find(f"{SVG}line").get("stroke-dasharray") == "10 5"
    assert swatch.find(f"{SVG}path").get("d") == marker_path("square", 24, 8, 4.5)
    assert parsed(hollow_swatch("#123456")).find(f"{SVG}path").get("stroke") == "#123456"
