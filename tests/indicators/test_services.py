import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from indicators.models import Indicator, Observation
from indicators.services import (
    ObservationImportError,
    computed_indicators_refresh,
    observations_import,
    observations_validate,
)
from policy.models import ActionPoint
from tests.factories import (
    ActionPointFactory,
    BreakdownFactory,
    GuideFactory,
    IndicatorFactory,
    ObservationFactory,
    PolicyFactory,
    ThemeFactory,
)
from toolbox.models import Feedback

pytestmark = pytest.mark.django_db

ROWS = [
    {"period": "2023", "breakdown": "", "value": "760", "status": "final"},
    {"period": "2024", "breakdown": "", "value": "815", "status": ""},
    {"period": "2025", "breakdown": "idraet", "value": "100,5", "status": "provisional",
     "note_da": "Foreløbigt", "note_en": "Provisional"},
]


@pytest.fixture
def sport(db):
    return BreakdownFactory(slug="idraet", name_da="Idræt")


@pytest.fixture
def indicator(db):
    return IndicatorFactory(decimals=1)


def test_import_creates_observations(indicator, sport):
    summary = observations_import(indicator=indicator, rows=ROWS)
    assert (summary.created, summary.updated, summary.unchanged) == (3, 0, 0)
    assert [(o.period.year, o.breakdown_id, o.value, o.status) for o in
            indicator.observations.order_by("period")] == [
        (2023, None, Decimal("760"), "final"), (2024, None, Decimal("815"), "final"),
        (2025, sport.pk, Decimal("100.5"), "provisional")]
    assert indicator.observations.get(breakdown=sport).note_da == "Foreløbigt"


def test_importing_the_same_rows_again_changes_nothing(indicator, sport):
    observations_import(indicator=indicator, rows=ROWS)
    before = list(indicator.observations.values_list("pk", "value", "status", "updated_at"))
    summary = observations_import(indicator=indicator, rows=ROWS)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 3)
    assert list(indicator.observations.values_list("pk", "value", "status",
                                                   "updated_at")) == before


def test_import_updates_the_figure_for_the_same_period_and_breakdown(indicator, sport):
    observations_import(indicator=indicator, rows=ROWS)
    summary = observations_import(indicator=indicator, rows=[
        {"period": "2024", "value": "820", "status": "final"}])
    assert (summary.created, summary.updated) == (0, 1)
    assert indicator.observations.get(period=datetime.date(2024, 1, 1)).value == 820
    assert indicator.observations.count() == 3


def test_every_bad_row_is_named_by_row_and_column_and_nothing_is_written(indicator, sport):
    rows = [
        {"period": "2023", "value": "760"},
        {"period": "2024-Q1", "value": "abc"},
        {"period": "2025", "breakdown": "ukendt", "value": "", "status": "måske"},
        {"period": "2023", "value": "1"},
    ]
    with translation.override("da"), pytest.raises(ObservationImportError) as error:
        observations_import(indicator=indicator, rows=rows)
    with translation.override("da"):
        messages = [str(e) for e in error.value.errors]
    assert [(e.row, e.column) for e in error.value.errors] == [
        (3, "period"), (3, "value"), (4, "breakdown"), (4, "value"), (4, "status"),
        (5, "period")]
    assert messages[0] == "Række 3, kolonne “period”: Skriv året som 2024."
    assert messages[1] == "Række 3, kolonne “value”: “abc” er ikke et tal."
    assert messages[5] == "Række 5, kolonne “period”: Række 2 har samme periode og opdeling."
    assert indicator.observations.count() == 0


@pytest.mark.parametrize(("unit", "value"), [
    ("percent", "101"), ("score", "0.5"), ("count", "-1"), ("count", "1e400"),
    ("count", "NaN"), ("count", "1.23456"),
])
def test_values_outside_the_unit_are_refused(unit, value):
    indicator = IndicatorFactory(unit=unit)
    with pytest.raises(ObservationImportError) as error:
        observations_validate(indicator=indicator, rows=[{"period": "2024", "value": value}])
    assert [(e.row, e.column) for e in error.value.errors] == [(2, "value")]


def test_computed_indicators_cannot_be_imported():
    indicator = IndicatorFactory(computed="guide_usefulness")
    with pytest.raises(ObservationImportError):
        observations_validate(indicator=indicator, rows=[{"period": "2024", "value": "1"}])


def test_preview_tells_new_changed_and_unchanged(indicator, sport):
    ObservationFactory(indicator=indicator, period=datetime.date(2023, 1, 1), value=760)
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1), value=1)
    planned = observations_validate(indicator=indicator, rows=ROWS)
    assert [p.action for p in planned] == ["unchanged", "changed", "new"]


@pytest.mark.django_db(transaction=True)
def test_a_failure_while_writing_rolls_back_every_row(monkeypatch, sport):
    """Real COMMIT/ROLLBACK: the third save fails after two rows were written."""
    indicator = IndicatorFactory(decimals=1)
    original = Observation.save
    calls = []

    def failing_save(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == 3:
            raise RuntimeError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Observation, "save", failing_save)
    with pytest.raises(RuntimeError):
        observations_import(indicator=indicator, rows=ROWS)
    assert len(calls) == 3
    assert Observation.objects.filter(indicator=indicator).count() == 0


def test_guide_usefulness_is_the_share_of_yes_per_quarter():
    indicator = IndicatorFactory(computed="guide_usefulness", unit="percent",
                                 frequency="quarter")
    guide = GuideFactory()
    answers = [(datetime.date(2026, 2, 1), True), (datetime.date(2026, 3, 1), True),
               (datetime.date(2026, 3, 2), False), (datetime.date(2026, 11, 1), True)]
    for day, useful in answers:
        feedback = Feedback.objects.create(guide=guide, language="da", is_useful=useful)
        Feedback.objects.filter(pk=feedback.pk).update(created_on=day)
    computed_indicators_refresh(today=datetime.date(2026, 11, 22))
    assert [(o.period, o.value, o.status) for o in indicator.observations.order_by("period")] == [
        (datetime.date(2026, 1, 1), Decimal("66.7"), "final"),
        (datetime.date(2026, 10, 1), Decimal("100.0"), "provisional"),
    ]
    assert computed_indicators_refresh(today=datetime.date(2026, 11, 22)) == {
        indicator.slug: 0}


def test_action_points_done_counts_adopted_policies_only():
    indicator = IndicatorFactory(computed="action_points_done", unit="percent",
                                 frequency="quarter")
    theme = ThemeFactory(policy=PolicyFactory(status="adopted"))
    ActionPointFactory(theme=theme, status=ActionPoint.Status.DONE)
    ActionPointFactory(theme=theme, status=ActionPoint.Status.IN_PROGRESS)
    ActionPointFactory(theme=theme, status=ActionPoint.Status.PAUSED)
    ActionPointFactory(theme=ThemeFactory(policy=PolicyFactory(status="draft")),
                       status=ActionPoint.Status.DONE)
    computed_indicators_refresh(today=datetime.date(2026, 5, 10))
    observation = indicator.observations.get()
    assert (observation.period, observation.value, observation.status) == (
        datetime.date(2026, 4, 1), Decimal("33.3"), "provisional")
    computed_indicators_refresh(today=datetime.date(2026, 8, 1))
    assert [(o.period.month, o.status) for o in indicator.observations.order_by("period")] == [
        (4, "final"), (7, "provisional")]


def test_refresh_leaves_ordinary_indicators_alone(volunteers):
    assert computed_indicators_refresh() == {}
    assert Indicator.objects.get(pk=volunteers.pk).observations.count() == 5


def test_import_takes_control_characters_out_of_notes(indicator):
    observations_import(indicator=indicator, rows=[
        {"period": "2024", "value": "1", "status": "final", "note_da": "Første\x0blinje\x01",
         "note_en": "\x1fShift\x0bEnter"}])
    observation = Observation.objects.get(indicator=indicator)
    assert (observation.note_da, observation.note_en) == ("Første linje", "Shift Enter")
