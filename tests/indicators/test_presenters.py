"""What the indicator pages show, built from records without a request (indicators.presenters)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Municipality
from indicators import presenters
from indicators.models import Indicator
from tests.factories import (
    AnnotationFactory,
    BenchmarkPointFactory,
    BenchmarkSeriesFactory,
    BreakdownFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyFactory,
    TargetFactory,
    ThemeFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish")]


def observations(indicator):
    return list(indicator.observations.select_related("breakdown").order_by(
        "period", "breakdown__dimension", "breakdown__position"))


def test_a_tile_holds_the_latest_figure_its_change_target_and_trend(volunteers, municipality):
    indicator = Indicator.objects.for_dashboard().get()
    Municipality.load()  # the chart colour's settings, cached for the whole site
    with CaptureQueriesContext(connection) as queries:
        tile = presenters.tile(indicator, with_target=True, id_prefix="trend")
    assert len(queries) == 0  # only what for_dashboard() fetched
    assert (tile.latest_text, tile.latest_period) == ("870", "2025")
    assert (tile.latest.value, tile.previous.value) == (870, 815)
    assert tile.change.words == "Steget 55 siden 2024 – en forbedring"
    assert tile.target.words == "Mål for 2027: 1.000 – 130 mangler"
    assert tile.chart.id == f"trend-{volunteers.pk}" and tile.chart.compact
    assert presenters.tile(indicator, with_target=False, id_prefix="print").target is None


def test_tiles_are_grouped_under_their_first_theme_in_policy_and_theme_order():
    first = PolicyFactory(title_da="A-politik")
    second = PolicyFactory(title_da="B-politik", status="archived")
    late = ThemeFactory(policy=second, position=1, title_da="Sent")
    early = ThemeFactory(policy=first, position=2, title_da="Tidligt")
    earliest = ThemeFactory(policy=first, position=1, title_da="Tidligst")
    IndicatorFactory(name_da="Ingen tema")
    IndicatorFactory(name_da="To temaer", themes=[early, late])
    IndicatorFactory(name_da="Sent tema", themes=[late])
    IndicatorFactory(name_da="Tidligst tema", themes=[earliest])
    groups = presenters.dashboard_groups(Indicator.objects.for_dashboard(), id_prefix="trend")
    assert [(g.theme.title if g.theme else None, [t.indicator.name for t in g.tiles])
            for g in groups] == [
        ("Tidligst", ["Tidligst tema"]), ("Tidligt", ["To temaer"]), ("Sent", ["Sent tema"]),
        (None, ["Ingen tema"])]


def test_a_chosen_theme_holds_every_tile_and_a_breakdown_drops_the_targets(volunteers):
    theme = ThemeFactory(title_da="Valgt")
    area = BreakdownFactory(name_da="Idræt")
    ObservationFactory(indicator=volunteers, period=datetime.date(2024, 1, 1), breakdown=area,
                       value=90)
    indicators = Indicator.objects.for_dashboard(breakdown=area)
    [group] = presenters.dashboard_groups(indicators, theme=theme, breakdown=area,
                                          id_prefix="trend")
    assert group.theme == theme
    assert [(t.latest_text, t.target) for t in group.tiles] == [("90", None)]


def test_breakdown_tables_put_periods_across_values_down_and_chart_the_latest(volunteers):
    sport = BreakdownFactory(name_da="Idræt", position=1)
    culture = BreakdownFactory(name_da="Kultur", position=2)
    young = BreakdownFactory(name_da="Under 30", dimension="age")
    ObservationFactory(indicator=volunteers, period=datetime.date(2023, 1, 1), breakdown=sport,
                       value=300)
    ObservationFactory(indicator=volunteers, period=datetime.date(2024, 1, 1), breakdown=sport,
                       value=320, status="provisional")
    ObservationFactory(indicator=volunteers, period=datetime.date(2024, 1, 1),
                       breakdown=culture, value=150)
    ObservationFactory(indicator=volunteers, period=datetime.date(2024, 1, 1), breakdown=young,
                       value=40)
    area, age = presenters.breakdown_tables(volunteers, observations(volunteers))
    assert (area.dimension, area.periods, area.chart_period) == ("Område", ["2023", "2024"],
                                                                 "2024")
    assert [(b.name, [o.value if o else None for o in cells]) for b, cells in area.rows] == [
        ("Idræt", [300, 320]), ("Kultur", [None, 150])]
    assert area.chart.rows == [("Idræt", 320, "320 (foreløbigt)"), ("Kultur", 150, "150")]
    assert area.chart.title == "Frivillige registreret efter område, 2024"
    assert area.chart.description == "Idræt: 320 (foreløbigt); Kultur: 150"
    assert (area.chart.id, age.chart.id) == ("breakdown-1", "breakdown-2")
    assert (age.dimension, [b.name for b, _cells in age.rows]) == ("Aldersgruppe", ["Under 30"])


def test_the_summary_reads_the_series_change_and_target_as_sentences(volunteers):
    page = presenters.indicator_page(volunteers, observations=observations(volunteers),
                                     targets=list(volunteers.targets.all()), benchmarks=[],
                                     annotations=[])
    assert page["summary"] == (
        "Tal fra 2021 til 2025. Seneste: 870 i 2025 (foreløbigt). Lavest 610 i 2021, højest 870 "
        "i 2025. Steget 55 siden 2024 – en forbedring. Mål for 2027: 1.000 – 130 mangler.")
    assert page["chart"].description == page["summary"]


def test_the_indicator_page_charts_and_tables_the_totals_only(volunteers):
    area = BreakdownFactory(name_da="Idræt")
    ObservationFactory(indicator=volunteers, period=datetime.date(2024, 1, 1), breakdown=area,
                       value=90)
    benchmark = BenchmarkSeriesFactory(indicator=volunteers, name_da="Hele landet")
    BenchmarkPointFactory(series=benchmark, year=2023, value=700)
    inside = AnnotationFactory(date=datetime.date(2022, 6, 1), text_da="Kampagne")
    outside = AnnotationFactory(date=datetime.date(2040, 1, 1), text_da="Senere")
    targets = list(volunteers.targets.all())
    page = presenters.indicator_page(
        volunteers, observations=observations(volunteers), targets=targets,
        benchmarks=list(volunteers.benchmarks.prefetch_related("points")),
        annotations=[inside, outside])
    assert [o.value for o in page["observations"]] == [610, 700, 760, 815, 870]
    assert (page["latest_text"], page["latest_period"], page["has_provisional"]) == (
        "870", "2025", True)
    assert [(m.number, m.text) for m in page["annotations"]] == [(1, "Kampagne")]
    assert [name for name, _swatch in page["legend"]] == [
        "Frivillige registreret", "Mål", "Hele landet"]
    assert [t.dimension for t in page["breakdown_tables"]] == ["Område"]
    assert page["updated"] == max(o.updated_at for o in volunteers.observations.all())
    assert 'stroke="#00587c"' in page["hollow_swatch"]


def test_an_indicator_without_figures_says_so_and_has_no_latest():
    indicator = IndicatorFactory(name_da="Ny")
    TargetFactory(indicator=indicator)
    page = presenters.indicator_page(indicator, observations=[], targets=[], benchmarks=[],
                                     annotations=[])
    assert page["summary"] == "Ingen tal endnu."
    assert (page["latest"], page["latest_text"], page["latest_period"]) == (None, "", "")
    assert page["breakdown_tables"] == [] and page["updated"] == indicator.updated_at
