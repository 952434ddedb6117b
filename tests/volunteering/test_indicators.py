"""Section 5: the figures for the politicians, computed from the volunteering data."""

import datetime
from decimal import Decimal

import pytest

from indicators.services import computed_indicators_refresh
from tests.factories import IndicatorFactory, OpportunityFactory
from volunteering.models import Opportunity, Status

pytestmark = pytest.mark.django_db


def _at(year, month, day):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


def test_opportunities_published_counts_first_publication_per_month():
    indicator = IndicatorFactory(computed="opportunities_published", unit="count",
                                 frequency="month")
    for when in (_at(2026, 10, 3), _at(2026, 10, 30), _at(2026, 11, 2)):
        opportunity = OpportunityFactory()
        Opportunity.objects.filter(pk=opportunity.pk).update(published_at=when)
    OpportunityFactory(status=Status.AWAITING)  # never published: not counted
    computed_indicators_refresh(today=datetime.date(2026, 11, 20))
    assert [(o.period, o.value, o.status) for o in indicator.observations.order_by("period")] == [
        (datetime.date(2026, 10, 1), Decimal("2.0"), "final"),
        (datetime.date(2026, 11, 1), Decimal("1.0"), "provisional"),
    ]
    assert computed_indicators_refresh(today=datetime.date(2026, 11, 20)) == {indicator.slug: 0}


def _message(opportunity, when):
    from volunteering.models import InterestMessage

    return InterestMessage.objects.create(opportunity=opportunity, name="Eksempel Borger",
                                          email="borger@example.dk", created_at=when)


def test_interest_messages_are_counted_per_month_and_never_lowered_by_deletion():
    from volunteering.models import InterestMessage

    indicator = IndicatorFactory(computed="interest_messages", unit="count", frequency="month")
    opportunity = OpportunityFactory()
    for when in (_at(2026, 10, 5), _at(2026, 10, 20), _at(2026, 11, 3)):
        _message(opportunity, when)
    computed_indicators_refresh(today=datetime.date(2026, 11, 10))
    figures = [(o.period, o.value, o.status) for o in indicator.observations.order_by("period")]
    assert figures == [
        (datetime.date(2026, 10, 1), Decimal("2.0"), "final"),
        (datetime.date(2026, 11, 1), Decimal("1.0"), "provisional"),
    ]
    # The retention period deletes the messages; the figures recorded for them stand.
    InterestMessage.objects.all().delete()
    computed_indicators_refresh(today=datetime.date(2026, 11, 12))
    assert [(o.period, o.value) for o in indicator.observations.order_by("period")] == [
        (datetime.date(2026, 10, 1), Decimal("2.0")), (datetime.date(2026, 11, 1), Decimal("1.0"))]


def test_share_of_opportunities_with_a_message_in_the_current_period():
    indicator = IndicatorFactory(computed="opportunities_with_interest", unit="percent",
                                 frequency="month")
    reached, _other, _third = (OpportunityFactory(publish_from=datetime.date(2026, 11, 1))
                               for _ in range(3))
    OpportunityFactory(status=Status.DRAFT)  # not shown: not counted
    _message(reached, _at(2026, 11, 4))
    _message(reached, _at(2026, 11, 5))
    computed_indicators_refresh(today=datetime.date(2026, 11, 10))
    observation = indicator.observations.get()
    assert (observation.period, observation.value, observation.status) == (
        datetime.date(2026, 11, 1), Decimal("33.3"), "provisional")
    computed_indicators_refresh(today=datetime.date(2026, 12, 2))
    assert [(o.period.month, o.status) for o in indicator.observations.order_by("period")] == [
        (11, "final"), (12, "provisional")]
