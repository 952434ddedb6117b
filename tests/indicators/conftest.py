import datetime

import pytest
from django.contrib.auth.models import Permission, User

from tests.factories import IndicatorFactory, ObservationFactory, TargetFactory


@pytest.fixture
def volunteers(db):
    """A public yearly count with five years of figures, the last provisional, and a target."""
    indicator = IndicatorFactory(
        slug="frivillige", name_da="Frivillige registreret", name_en="Registered volunteers",
        is_example_data=True,
    )
    for year, value in [(2021, 610), (2022, 700), (2023, 760), (2024, 815)]:
        ObservationFactory(indicator=indicator, period=datetime.date(year, 1, 1), value=value)
    ObservationFactory(indicator=indicator, period=datetime.date(2025, 1, 1), value=870,
                       status="provisional", note_da="Foreløbigt tal", note_en="Provisional")
    TargetFactory(indicator=indicator, period=datetime.date(2027, 1, 1), value=1000)
    return indicator


@pytest.fixture
def internal(db):
    indicator = IndicatorFactory(
        slug="medarbejdere-uddannet", name_da="Medarbejdere uddannet (intern)",
        name_en="Staff trained (internal)", visibility="internal",
        description_da="Kurser for medarbejdere.", description_en="Courses for staff.",
    )
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1), value=52)
    return indicator


@pytest.fixture
def reader(db):
    """A logged-in KFU politician allowed to see internal indicators (not staff)."""
    user = User.objects.create_user("politiker", password="x" * 16)
    user.user_permissions.add(Permission.objects.get(codename="view_internal_indicator"))
    return user
