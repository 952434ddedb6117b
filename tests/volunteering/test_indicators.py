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
