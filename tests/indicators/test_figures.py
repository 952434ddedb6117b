import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from indicators import figures, periods
from tests.factories import IndicatorFactory, ObservationFactory, TargetFactory

pytestmark = pytest.mark.django_db


def _pair(indicator, before, after):
    previous = ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1),
                                  value=Decimal(before))
    latest = ObservationFactory(indicator=indicator, period=datetime.date(2025, 1, 1),
                                value=Decimal(after))
    return latest, previous


@pytest.mark.parametrize(
    ("direction", "before", "after", "judgement", "words", "sign"),
    [
        ("higher_is_better", 815, 870, "better", "Steget 55 siden 2024 – en forbedring", "+55"),
        ("higher_is_better", 870, 815, "worse", "Faldet 55 siden 2024 – en forværring", "−55"),
        ("lower_is_better", 870, 815, "better", "Faldet 55 siden 2024 – en forbedring", "−55"),
        ("lower_is_better", 815, 870, "worse", "Steget 55 siden 2024 – en forværring", "+55"),
        ("neutral", 815, 870, "neutral", "Steget 55 siden 2024", "+55"),
        ("higher_is_better", 870, 870, "unchanged", "Uændret siden 2024", "±0"),
    ],
    ids=["higher-up", "higher-down", "lower-down", "lower-up", "neutral", "unchanged"],
)
def test_change_is_worded_and_judged_by_direction(direction, before, after, judgement, words,
                                                  sign):
    indicator = IndicatorFactory(direction=direction)
    latest, previous = _pair(indicator, before, after)
    with translation.override("da"):
        change = figures.change(indicator, latest, previous)
    assert (change.judgement, change.words, change.sign) == (judgement, words, sign)


def test_change_of_a_percentage_is_in_percentage_points_in_english():
    indicator = IndicatorFactory(unit="percent")
    latest, previous = _pair(indicator, 38, 40)
    with translation.override("en"):
        change = figures.change(indicator, latest, previous)
    assert change.words == "Up 2 percentage points since 2024 – an improvement"


def test_change_of_days_uses_decimals_and_danish_comma():
    indicator = IndicatorFactory(unit="days", decimals=1, direction="lower_is_better",
                                 frequency="quarter")
    previous = ObservationFactory(indicator=indicator, period=datetime.date(2025, 7, 1),
                                  value=Decimal("5.0"))
    latest = ObservationFactory(indicator=indicator, period=datetime.date(2025, 10, 1),
                                value=Decimal("2.5"))
    with translation.override("da"):
        change = figures.change(indicator, latest, previous)
    assert change.words == "Faldet 2,5 dage siden 3. kvt. 2025 – en forbedring"
    assert change.sign == "−2,5"


def test_no_change_without_a_previous_figure():
    indicator = IndicatorFactory()
    latest = ObservationFactory(indicator=indicator)
    assert figures.change(indicator, latest, None) is None


@pytest.mark.parametrize(
    ("direction", "latest_value", "target_value", "words", "reached"),
    [
        ("higher_is_better", 870, 1000, "Mål for 2027: 1.000 – 130 mangler", False),
        ("higher_is_better", 1100, 1000, "Mål for 2027 (1.000) er nået", True),
        ("lower_is_better", 3, 2, "Mål for 2027: 2 – 1 mangler", False),
        ("lower_is_better", 2, 2, "Mål for 2027 (2) er nået", True),
    ],
    ids=["higher-short", "higher-reached", "lower-short", "lower-reached"],
)
def test_target_status_against_the_next_target(direction, latest_value, target_value, words,
                                               reached):
    indicator = IndicatorFactory(direction=direction)
    latest = ObservationFactory(indicator=indicator, period=datetime.date(2025, 1, 1),
                                value=latest_value)
    target = TargetFactory(indicator=indicator, period=datetime.date(2027, 1, 1),
                           value=target_value)
    with translation.override("da"):
        status = figures.target_status(indicator, latest, [target])
    assert (status.words, status.is_reached) == (words, reached)


def test_target_in_the_past_that_was_missed_says_so():
    indicator = IndicatorFactory()
    latest = ObservationFactory(indicator=indicator, period=datetime.date(2025, 1, 1), value=90)
    target = TargetFactory(indicator=indicator, period=datetime.date(2024, 1, 1), value=100)
    with translation.override("en"):
        status = figures.target_status(indicator, latest, [target])
    assert status.words == "Target for 2024: 100 – not reached (10 short)"


@pytest.mark.parametrize(
    ("text", "frequency", "expected"),
    [("2024", "year", datetime.date(2024, 1, 1)),
     ("2024-Q2", "quarter", datetime.date(2024, 4, 1)),
     ("2024 K4", "quarter", datetime.date(2024, 10, 1)),
     ("2024-05", "month", datetime.date(2024, 5, 1))],
)
def test_periods_are_read_by_frequency(text, frequency, expected):
    assert periods.parse(text, frequency) == expected


@pytest.mark.parametrize(("text", "frequency"), [
    ("2024-Q2", "year"), ("2024", "quarter"), ("2024-13", "month"), ("1800", "year"), ("", "year"),
])
def test_bad_periods_are_refused_with_a_hint(text, frequency):
    with pytest.raises(ValueError):
        periods.parse(text, frequency)


def test_period_labels_in_danish_and_english():
    day = datetime.date(2024, 4, 1)
    with translation.override("da"):
        assert periods.label(day, "quarter") == "2. kvt. 2024"
        assert periods.label(day, "month") == "april 2024"
    with translation.override("en"):
        assert periods.label(day, "quarter") == "Q2 2024"


def test_change_of_a_score_is_in_points():
    indicator = IndicatorFactory(unit="score", decimals=1)
    latest, previous = _pair(indicator, "3.7", "3.8")
    with translation.override("da"):
        assert figures.change(indicator, latest, previous).words == (
            "Steget 0,1 point siden 2024 – en forbedring")
        assert figures.value_text(latest.value, indicator) == "3,8 af 5"
