"""The judgement method at its edges, on plain records (no database): worked examples that
docs/judgement.md and the public method page describe."""

import datetime
import json
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import translation

from indicators import judgement

TODAY = datetime.date(2026, 12, 1)
ADOPTED = datetime.date(2019, 6, 17)


class Rows(list):
    def all(self):
        return self


def obs(year, value, status="final", breakdown_id=None, month=1):
    return SimpleNamespace(period=datetime.date(year, month, 1), value=Decimal(value),
                           status=status, breakdown_id=breakdown_id)


def indicator(observations=(), targets=(), *, direction="higher_is_better", unit="count",
              decimals=0, frequency="year", baseline_period=None):
    return SimpleNamespace(
        pk=1, frequency=frequency, direction=direction, unit=unit, decimals=decimals,
        baseline_period=baseline_period, observations=Rows(observations),
        targets=Rows(SimpleNamespace(period=datetime.date(year, 1, 1), value=Decimal(value))
                     for year, value in targets),
    )


def assess(item, **kwargs):
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("adopted_on", ADOPTED)
    with translation.override("en"):
        return judgement.assess(item, **kwargs)


VOLUNTEERS = [obs(2018, 600), obs(2019, 640), obs(2020, 590), obs(2021, 610), obs(2022, 700),
              obs(2023, 760), obs(2024, 815), obs(2025, 870, "provisional"),
              obs(2025, 100, "provisional", breakdown_id=7)]


def test_the_volunteers_example_counts_from_the_policy_year_and_judges_the_last_final_figure():
    result = assess(indicator(VOLUNTEERS, [(2027, 1000), (2029, 1150)]))
    assert (result.baseline.period_label, result.baseline.value) == ("2019", 640)
    assert (result.latest.value, result.latest.provisional) == (870, True)
    assert result.judged.value == 815          # the provisional 870 does not decide
    assert result.change == 230
    assert result.sentence == ("Since the policy was adopted in 2019: from 640 to 870 "
                               "(2025, provisional), +230")
    # The line from 640 (2019) to 1,000 (2027) passes 640 + 360 × 1826/2922 = 865 in 2024.
    assert (result.target.value, result.expected) == (1000, 865)
    assert result.code == "not_on_track"
    assert "passes 865 in 2024" in result.explanation


def test_the_sentence_in_danish_matches_the_issue():
    rows = [obs(2019, 640), obs(2025, 870)]
    with translation.override("da"):
        result = judgement.assess(indicator(rows), today=TODAY, adopted_on=ADOPTED)
    assert result.sentence == "Siden politikken blev vedtaget i 2019: fra 640 til 870, +230"
    assert result.label == "Intet mål"


def test_no_target_means_no_judgement_but_still_a_change():
    result = assess(indicator([obs(2019, 640), obs(2024, 815)]))
    assert result.code == "no_target"
    assert result.change == 175
    assert result.label == "No target"


def test_a_neutral_indicator_is_never_judged():
    result = assess(indicator([obs(2019, 5), obs(2024, 9)], [(2027, 10)], direction="neutral"))
    assert result.code == "no_target"


def test_on_track_when_on_or_beyond_the_line():
    result = assess(indicator([obs(2019, 640), obs(2023, 820)], [(2027, 1000)]))
    # 640 + 360 × 1461/2922 = 820: exactly on the line counts as on track.
    assert (result.expected, result.code) == (820, "on_track")


def test_target_met_early():
    result = assess(indicator([obs(2019, 640), obs(2022, 1010)], [(2027, 1000)]))
    assert result.code == "target_met"
    assert result.expected is None


def test_falling_indicator_where_lower_is_better():
    rows = [obs(2019, "12.0"), obs(2023, "9.0")]
    on = assess(indicator(rows, [(2027, 6)], direction="lower_is_better", unit="days",
                          decimals=1))
    # The line from 12 to 6 passes 9.0 in 2023: 9.0 is on it.
    assert (on.expected, on.code) == (Decimal("9.0"), "on_track")
    behind = assess(indicator([obs(2019, "12.0"), obs(2023, "9.5")], [(2027, 6)],
                              direction="lower_is_better", unit="days", decimals=1))
    assert behind.code == "not_on_track"
    met = assess(indicator([obs(2019, "12.0"), obs(2023, "5.5")], [(2027, 6)],
                           direction="lower_is_better", unit="days", decimals=1))
    assert met.code == "target_met"
    assert met.sentence == "Since the policy was adopted in 2019: from 12.0 days to 5.5 days, " \
                           "−6.5 days"


def test_a_rise_in_a_lower_is_better_indicator_is_not_on_track():
    result = assess(indicator([obs(2019, 12), obs(2023, 14)], [(2027, 6)],
                              direction="lower_is_better"))
    assert result.code == "not_on_track"


def test_only_provisional_data_is_too_little_data():
    rows = [obs(2019, 640, "provisional"), obs(2024, 2000, "provisional")]
    result = assess(indicator(rows, [(2027, 1000)]))
    assert result.code == "too_little_data"
    assert result.baseline is None
    assert result.latest.value == 2000
    assert result.sentence == ""


def test_only_provisional_figures_since_the_baseline_do_not_decide():
    rows = [obs(2019, 640), obs(2024, 2000, "provisional")]
    result = assess(indicator(rows, [(2027, 1000)]))
    assert result.code == "too_little_data"
    assert "only provisional figures" in result.explanation
    assert result.change == 1360   # shown, marked provisional
    assert "provisional" in result.sentence


def test_baseline_is_the_latest_figure():
    result = assess(indicator([obs(2017, 500), obs(2019, 640)], [(2027, 1000)]))
    assert result.baseline.period_label == "2019"
    assert result.code == "too_little_data"
    assert result.change is None and result.sentence == ""


def test_no_figures_at_all():
    result = assess(indicator([], [(2027, 1000)]))
    assert (result.code, result.baseline, result.latest) == ("too_little_data", None, None)


def test_target_date_passed_without_reaching_it():
    result = assess(indicator([obs(2019, 640), obs(2024, 870)], [(2025, 1000)]),
                    today=datetime.date(2026, 3, 1))
    assert result.target.period_label == "2025"
    assert result.code == "not_on_track"
    assert "is over" in result.explanation


def test_target_date_passed_but_reached():
    result = assess(indicator([obs(2019, 640), obs(2025, 1000)], [(2025, 1000)]))
    assert result.code == "target_met"


def test_the_next_target_after_the_judged_figure_is_used():
    rows = [obs(2019, 640), obs(2028, 1050)]
    result = assess(indicator(rows, [(2027, 1000), (2029, 1150)]),
                    today=datetime.date(2028, 6, 1))
    assert result.target.period_label == "2029"
    # Line from 640 (2019) to 1,150 (2029) at 2028: 640 + 510 × 3287/3653 = 1099.
    assert (result.expected, result.code) == (1099, "not_on_track")


def test_nearest_figure_before_the_adoption_when_the_year_is_missing():
    rows = [obs(2017, 600), obs(2018, 620), obs(2021, 700)]
    result = assess(indicator(rows, [(2027, 1000)]))
    assert result.baseline.period_label == "2018"
    assert result.sentence == "Since the policy was adopted in 2019: from 620 (2018) to 700, +80"


def test_a_provisional_figure_in_the_adoption_year_is_not_the_baseline():
    rows = [obs(2018, 620), obs(2019, 640, "provisional"), obs(2021, 700)]
    result = assess(indicator(rows))
    assert result.baseline.period_label == "2018"


def test_first_figure_when_no_policy_date_and_no_figure_before():
    rows = [obs(2021, 700), obs(2023, 760)]
    without_date = assess(indicator(rows), adopted_on=None)
    assert without_date.baseline_source == "first"
    assert without_date.sentence == "Since the first figure in 2021: from 700 to 760, +60"
    after_adoption = assess(indicator(rows))
    assert after_adoption.baseline.period_label == "2021"


def test_the_indicators_own_baseline_period_wins():
    rows = [obs(2019, 640), obs(2021, 610), obs(2024, 815)]
    result = assess(indicator(rows, baseline_period=datetime.date(2021, 1, 1)))
    assert result.baseline_source == "indicator"
    assert result.sentence == "Since the baseline in 2021: from 610 to 815, +205"


def test_percentages_change_by_percentage_points():
    rows = [obs(2019, "35.0"), obs(2024, "40.0")]
    result = assess(indicator(rows, unit="percent", decimals=1))
    assert result.sentence.endswith("from 35.0% to 40.0%, +5.0 percentage points")


def test_quarters_use_their_labels_and_the_adoption_quarter():
    rows = [obs(2019, 10, month=4), obs(2020, 14, month=1)]
    result = assess(indicator(rows, frequency="quarter"))
    assert result.sentence == "Since the policy was adopted in Q2 2019: from 10 to 14, +4"


def test_as_dict_is_json():
    result = assess(indicator(VOLUNTEERS, [(2027, 1000)]))
    data = json.loads(json.dumps(result.as_dict()))
    assert data["code"] == "not_on_track"
    assert data["baseline"] == {"period": "2019-01-01", "period_label": "2019", "value": "640",
                                "provisional": False}
    assert data["change"] == "230"
    assert data["latest"]["provisional"] is True


@pytest.mark.parametrize(("codes", "expected"), [
    ([], None),
    (["no_target"], None),
    (["too_little_data"], "too_little_data"),
    (["target_met", "target_met"], "target_met"),
    (["target_met", "on_track"], "on_track"),
    (["on_track", "not_on_track"], "not_on_track"),
    (["on_track", "no_target"], "on_track"),
])
def test_combined_status_of_an_action_point(codes, expected):
    assert judgement.combined([SimpleNamespace(code=c) for c in codes]) == expected


@pytest.mark.parametrize(("computed", "status", "fits"), [
    (None, "done", True),
    ("too_little_data", "not_started", True),
    ("not_on_track", "done", False),
    ("not_on_track", "in_progress", True),
    ("on_track", "paused", False),
    ("target_met", "done", True),
])
def test_status_fits_the_computed_one(computed, status, fits):
    assert judgement.status_fits(computed, status) is fits
