"""Issue 18 §6 in the indicators' admin: figures with the indicator's decimals, and the import
help naming the Danish headers it accepts."""

import datetime
import re
from decimal import Decimal

import pytest

from core.numbers import for_input
from tests.factories import (
    BenchmarkPointFactory, BenchmarkSeriesFactory, IndicatorFactory, ObservationFactory,
    TargetFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("redaktoer", "r@example.com",
                                                                  "x" * 16))
    return client


@pytest.mark.parametrize("value, decimals, shown", [
    ("1000.0000", 0, "1000"), ("12.5000", 1, "12.5"), ("3.0000", 2, "3.00"),
    # Never fewer decimals than the figure holds: an unchanged save must not round it.
    ("12.3450", 1, "12.345"), ("0.0000", 0, "0"), ("-2.5000", 0, "-2.5"),
])
def test_a_stored_figure_is_written_for_a_form_with_the_indicators_decimals(value, decimals,
                                                                           shown):
    assert str(for_input(Decimal(value), decimals)) == shown
    assert for_input(Decimal(value), decimals) == Decimal(value)


def _values(page, name_pattern):
    return re.findall(rf'name="{name_pattern}"[^>]*value="([^"]*)"', page) + re.findall(
        rf'value="([^"]*)"[^>]*name="{name_pattern}"', page)


def test_targets_inline_shows_the_indicators_decimals_not_four(staff_client):
    whole = IndicatorFactory(slug="frivillige", decimals=0)
    TargetFactory(indicator=whole, period=datetime.date(2027, 1, 1), value=1000)
    page = staff_client.get(f"/admin/indicators/indicator/{whole.pk}/change/").content.decode()
    assert _values(page, r"targets-0-value") == ["1000"]
    assert "1000.0000" not in page
    one = IndicatorFactory(slug="andel", decimals=1)
    TargetFactory(indicator=one, period=datetime.date(2027, 1, 1), value=Decimal("42.5"))
    page = staff_client.get(f"/admin/indicators/indicator/{one.pk}/change/").content.decode()
    assert _values(page, r"targets-0-value") == ["42.5"]


def test_observations_list_and_form_and_benchmark_points_show_the_decimals(staff_client):
    indicator = IndicatorFactory(slug="frivillige", decimals=0)
    observation = ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1),
                                     value=870)
    page = staff_client.get("/admin/indicators/observation/").content.decode()
    assert _values(page, r"form-0-value") == ["870"]
    page = staff_client.get(
        f"/admin/indicators/observation/{observation.pk}/change/").content.decode()
    assert _values(page, "value") == ["870"]
    series = BenchmarkSeriesFactory(indicator=indicator)
    BenchmarkPointFactory(series=series, year=2024, value=Decimal("1250"))
    page = staff_client.get(
        f"/admin/indicators/benchmarkseries/{series.pk}/change/").content.decode()
    assert _values(page, r"points-0-value") == ["1250"]


def test_a_target_with_more_digits_than_the_decimals_keeps_them_on_the_form(staff_client):
    indicator = IndicatorFactory(slug="andel", decimals=1)
    TargetFactory(indicator=indicator, period=datetime.date(2027, 1, 1),
                  value=Decimal("12.345"))
    response = staff_client.get(f"/admin/indicators/indicator/{indicator.pk}/change/")
    inline = response.context["inline_admin_formsets"][0].formset
    assert inline.forms[0].initial["value"] == Decimal("12.345")
    assert _values(response.content.decode(), r"targets-0-value") == ["12.345"]


@pytest.mark.parametrize("prefix, danish_column", [("", True), ("/en", False)])
def test_the_import_help_names_the_danish_headers_in_the_danish_admin(staff_client, prefix,
                                                                      danish_column):
    indicator = IndicatorFactory(slug="frivillige")
    page = staff_client.get(
        f"{prefix}/admin/indicators/indicator/{indicator.pk}/import/").content.decode()
    table = page[page.index('<table class="import-columns">'):]
    table = table[:table.index("</table>")]
    for column in ["period", "breakdown", "value", "status", "note_da", "note_en"]:
        assert f"<code>{column}</code>" in table
    if danish_column:
        assert "Eller med dansk overskrift" in table
        for danish in ["periode", "opdeling", "værdi", "note (da)", "note (en)"]:
            assert f"<code>{danish}</code>" in table
        assert "Perioden: 2024, 2024-Q2 eller 2024-05" in table
    else:
        assert "Danish heading" not in table and "<code>periode</code>" not in table
        assert "The period: 2024, 2024-Q2 or 2024-05" in table


def test_the_danish_headers_the_help_names_are_read_by_the_import(staff_client):
    """What the help promises: a file with the Danish headers is understood."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    indicator = IndicatorFactory(slug="frivillige")
    content = "periode;opdeling;værdi;status;note (da)\n2024;;870;foreløbig;Et tal\n".encode()
    response = staff_client.post(f"/admin/indicators/indicator/{indicator.pk}/import/",
                                 {"file": SimpleUploadedFile("tal.csv", content)})
    assert response.status_code == 200
    planned = response.context["planned"]
    assert [(row.value, row.status) for row in planned] == [(Decimal("870"), "provisional")]
