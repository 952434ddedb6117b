import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext
from django.db import connection

from indicators.models import Indicator, Observation
from tests.factories import (
    BreakdownFactory, IndicatorFactory, ObservationFactory, TargetFactory, ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_observation_is_unique_per_period_even_without_breakdown():
    indicator = IndicatorFactory()
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(indicator=indicator, period=datetime.date(2024, 1, 1),
                                   value=1)


def test_observation_may_repeat_a_period_for_another_breakdown():
    indicator = IndicatorFactory()
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1))
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1),
                       breakdown=BreakdownFactory())
    assert indicator.observations.count() == 2


def test_full_clean_reports_a_duplicate_total():
    indicator = IndicatorFactory()
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1))
    duplicate = Observation(indicator=indicator, period=datetime.date(2024, 1, 1), value=2)
    with pytest.raises(ValidationError):
        duplicate.full_clean()


@pytest.mark.parametrize(("frequency", "period", "ok"), [
    ("year", datetime.date(2024, 1, 1), True),
    ("year", datetime.date(2024, 4, 1), False),
    ("quarter", datetime.date(2024, 4, 1), True),
    ("quarter", datetime.date(2024, 5, 1), False),
    ("month", datetime.date(2024, 5, 1), True),
    ("month", datetime.date(2024, 5, 2), False),
])
def test_period_must_be_the_first_day_of_a_period(frequency, period, ok):
    observation = Observation(indicator=IndicatorFactory(frequency=frequency), period=period,
                              value=1)
    if ok:
        observation.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            observation.full_clean()
        assert "period" in error.value.message_dict


def test_public_leaves_out_internal_indicators(volunteers, internal):
    assert list(Indicator.objects.public()) == [volunteers]


def test_visible_to_shows_internal_only_with_the_permission(volunteers, internal, reader,
                                                            django_user_model):
    other = django_user_model.objects.create_user("borger", password="x" * 16)
    assert set(Indicator.objects.visible_to(reader)) == {volunteers, internal}
    assert list(Indicator.objects.visible_to(other)) == [volunteers]
    assert list(Indicator.objects.visible_to(AnonymousUser())) == [volunteers]


def _dashboard_queries(count):
    theme = ThemeFactory()
    for _ in range(count):
        indicator = IndicatorFactory(themes=[theme])
        ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1))
        ObservationFactory(indicator=indicator, period=datetime.date(2025, 1, 1))
        TargetFactory(indicator=indicator)
    with CaptureQueriesContext(connection) as queries:
        for indicator in Indicator.objects.for_dashboard():
            list(indicator.series), list(indicator.themes.all()), list(indicator.targets.all())
            str(indicator.owner)
    return len(queries)


def test_for_dashboard_runs_a_constant_number_of_queries():
    assert _dashboard_queries(2) == 4
    assert _dashboard_queries(48) == 4


def test_for_dashboard_series_holds_one_breakdown_within_the_years(volunteers):
    area = BreakdownFactory()
    ObservationFactory(indicator=volunteers, period=datetime.date(2023, 1, 1), breakdown=area,
                       value=90)
    total = Indicator.objects.for_dashboard(start=datetime.date(2022, 1, 1),
                                            end=datetime.date(2023, 12, 31)).get()
    assert [o.value for o in total.series] == [700, 760]
    by_area = Indicator.objects.for_dashboard(breakdown=area).get()
    assert [o.value for o in by_area.series] == [90]


def test_indicator_declares_the_view_internal_permission():
    from django.utils import translation

    with translation.override("en"):
            assert ("view_internal_indicator", "Can view internal indicators") in [
            (codename, str(name)) for codename, name in Indicator._meta.permissions]
