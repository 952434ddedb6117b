"""The places admin stays a fixed number of queries however many places are listed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import AreaFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def test_the_place_list_does_not_ask_for_each_place_s_area(admin_client, municipality,
                                                           django_assert_max_num_queries):
    areas = [AreaFactory(), AreaFactory(), AreaFactory()]
    PlaceFactory(area=areas[0])
    with CaptureQueriesContext(connection) as one_place:
        assert admin_client.get("/admin/places/place/").status_code == 200
    for n in range(11):
        PlaceFactory(area=areas[n % 3])
    with django_assert_max_num_queries(len(one_place)):
        page = admin_client.get("/admin/places/place/").content.decode()
    assert page.count('<tr class="') >= 12
    assert all(area.name_da in page for area in areas)
