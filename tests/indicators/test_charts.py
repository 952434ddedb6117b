import datetime

import pytest
from defusedxml import ElementTree
from django.utils import translation

from indicators import charts
from indicators.models import Annotation
from tests.factories import (
    AnnotationFactory,
    BenchmarkPointFactory,
    BenchmarkSeriesFactory,
    IndicatorFactory,
)

# A request under /en/ in an earlier test leaves English active in this thread; these read Danish.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish")]
SVG = "{http://www.w3.org/2000/svg}"


def _full_chart(indicator):
    series = BenchmarkSeriesFactory(indicator=indicator, name_da="VIVE <landstal> & co")
    BenchmarkPointFactory(series=series, year=2020, value=36)
    BenchmarkPointFactory(series=series, year=2024, value=40)
    other = BenchmarkSeriesFactory(indicator=indicator, name_da="Danmarks Statistik")
    BenchmarkPointFactory(series=other, year=2018, value=33)
    AnnotationFactory(date=datetime.date(2022, 6, 1), text_da="Politik vedtaget")
    observations = list(indicator.observations.order_by("period"))
    return charts.indicator_chart(
        indicator, observations, targets=list(indicator.targets.all()),
        benchmarks=list(indicator.benchmarks.all()),
        annotations=list(Annotation.objects.for_indicator(indicator)),
        id="chart", summary="Resumé <b>med</b> tegn & mere")


def test_indicator_chart_is_well_formed_accessible_svg(volunteers):
    with translation.override("da"):
        svg = str(_full_chart(volunteers).svg())
    root = ElementTree.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox") == "0 0 520 300"
    assert root.get("width") == "100%"
    assert root.get("aria-labelledby") == "chart-title chart-desc"
    assert root.find(f"{SVG}title").text == "Frivillige registreret"
    assert root.find(f"{SVG}title").get("id") == "chart-title"
    assert root.find(f"{SVG}desc").text == "Resumé <b>med</b> tegn & mere"


def test_chart_needs_no_inline_css_or_script(volunteers):
    svg = str(_full_chart(volunteers).svg())
    assert "<style" not in svg and "style=" not in svg and "<script" not in svg
    assert "onload" not in svg.lower()


def test_series_differ_by_dash_pattern_and_marker_not_only_colour(volunteers):
    svg = str(_full_chart(volunteers).svg())
    root = ElementTree.fromstring(svg)
    dashes = {p.get("stroke-dasharray") for p in root.iter(f"{SVG}path")
              if p.get("fill") == "none"}
    # the series is solid (no dash), the target dotted, the first benchmark dashed
    assert {None, "2 5", "10 5"} <= dashes
    styles = [charts.MAIN, charts.TARGET, *charts.BENCHMARKS]
    assert len({s.dash for s in styles}) == len(styles)
    assert len({s.marker for s in styles}) == len(styles)


def test_provisional_points_have_hollow_markers(volunteers):
    chart = charts.trend_chart(volunteers, list(volunteers.observations.order_by("period")),
                               id="t")
    root = ElementTree.fromstring(str(chart.svg()))
    markers = [p for p in root.iter(f"{SVG}path") if p.get("stroke-width") == "2"]
    assert [m.get("fill") for m in markers] == ["#00587c"] * 4 + ["#ffffff"]


def test_benchmark_series_are_never_joined_to_each_other(volunteers):
    chart = _full_chart(volunteers)
    names = [s.name for s in chart.series]
    assert "VIVE <landstal> & co" in names and "Danmarks Statistik" in names
    vive = next(s for s in chart.series if s.name.startswith("VIVE"))
    dst = next(s for s in chart.series if s.name == "Danmarks Statistik")
    assert [p.day.year for p in vive.points] == [2020, 2024]
    assert [p.day.year for p in dst.points] == [2018]


def test_annotations_in_range_are_numbered_on_the_chart(volunteers):
    chart = _full_chart(volunteers)
    AnnotationFactory(date=datetime.date(1990, 1, 1), text_da="Langt før")
    assert [(m.number, m.text) for m in chart.annotations] == [(1, "Politik vedtaget")]


def test_chart_text_is_escaped(volunteers):
    volunteers.name_da = 'Frivillige <script>alert("x")</script>'
    with translation.override("da"):
        svg = str(charts.trend_chart(volunteers, [], id="t").svg())
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    ElementTree.fromstring(svg)


def test_empty_chart_says_there_are_no_figures():
    indicator = IndicatorFactory()
    with translation.override("da"):
        svg = str(charts.trend_chart(indicator, [], id="t").svg())
    assert "Ingen tal endnu" in svg
    ElementTree.fromstring(svg)


def test_bar_chart_labels_every_bar_with_category_and_value():
    chart = charts.BarChart(id="b", title="Efter område", description="Idræt: 100",
                            rows=[("Idræt", 100, "100"), ("Kultur & co", 135, "135")])
    root = ElementTree.fromstring(str(chart.svg()))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts == ["Idræt", "100", "Kultur & co", "135"]
    assert root.find(f"{SVG}desc").text == "Idræt: 100"


def test_summary_describes_the_series_in_words(volunteers):
    with translation.override("da"):
        text = charts.describe_series(volunteers, volunteers.observations.order_by("period"))
    assert text == ("Tal fra 2021 til 2025. Seneste: 870 i 2025 (foreløbigt). "
                    "Lavest 610 i 2021, højest 870 i 2025.")
