"""Every public demo indicator can be downloaded in both formats, benchmarks included."""

import io

import openpyxl
import pytest

from indicators.models import Indicator

pytestmark = pytest.mark.django_db


def test_every_public_indicator_downloads_as_csv_and_xlsx(client, demo):
    indicators = list(Indicator.objects.public())
    assert len(indicators) >= 8
    for indicator in indicators:
        for suffix in ("data.csv", "data.xlsx"):
            response = client.get(f"{indicator.get_absolute_url()}{suffix}")
            assert response.status_code == 200, (indicator.slug, suffix)


def test_benchmark_series_appear_in_the_download_beside_their_indicator(client, demo):
    indicator = Indicator.objects.get(slug="borgere-der-er-frivillige")
    csv_text = client.get(f"{indicator.get_absolute_url()}data.csv").content.decode("utf-8-sig")
    assert "VIVE" in csv_text
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(f"{indicator.get_absolute_url()}data.xlsx").content), read_only=True)
    cells = [str(c) for row in workbook.active.iter_rows(values_only=True) for c in row if c]
    assert any("VIVE" in c for c in cells)
    assert "2004" in cells or 2004 in [int(c) for c in cells if c.isdigit()]
