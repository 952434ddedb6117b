import datetime
import io
import re

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    BenchmarkPointFactory,
    BenchmarkSeriesFactory,
    BreakdownFactory,
    IndicatorFactory,
    TargetFactory,
)
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("redaktoer", "r@example.com", "x" * 16)


@pytest.fixture
def indicator(db):
    BreakdownFactory(slug="idraet")
    return IndicatorFactory(slug="frivillige", name_da="Frivillige")


def _upload(client, indicator, content: bytes, name="tal.csv"):
    return client.post(f"/admin/indicators/indicator/{indicator.pk}/import/",
                       {"file": SimpleUploadedFile(name, content)})


def test_upload_shows_a_preview_and_writes_nothing(client, staff, indicator):
    client.force_login(staff)
    response = _upload(client, indicator, b"period,breakdown,value\n2024,,10\n2025,idraet,3\n")
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 rows will be saved." in page or "2 rækker bliver gemt." in page
    assert indicator.observations.count() == 0
    assert 'name="payload"' in page


def test_confirming_the_preview_imports_and_again_changes_nothing(client, staff, indicator):
    client.force_login(staff)
    page = _upload(client, indicator, b"period,value\n2024,10\n2025,12\n").content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    response = client.post(f"/admin/indicators/indicator/{indicator.pk}/import/",
                           {"payload": payload})
    assert response.status_code == 302
    assert indicator.observations.count() == 2
    client.post(f"/admin/indicators/indicator/{indicator.pk}/import/", {"payload": payload})
    assert indicator.observations.count() == 2


def test_a_tampered_preview_is_refused(client, staff, indicator):
    client.force_login(staff)
    response = client.post(f"/admin/indicators/indicator/{indicator.pk}/import/",
                           {"payload": "forged:abc"})
    assert response.status_code == 302
    assert indicator.observations.count() == 0


def test_upload_with_errors_lists_row_and_column(client, staff, indicator):
    client.force_login(staff)
    page = _upload(client, indicator, b"period,value\n2024,10\n2025,x\n").content.decode()
    assert "Row 3, column “value”" in page or "Række 3, kolonne “value”" in page
    assert 'name="payload"' not in page


def test_unreadable_upload_is_a_form_error(client, staff, indicator):
    client.force_login(staff)
    response = _upload(client, indicator, b"\x00\x01\x02 garbage", name="tal.xlsx")
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_templates_download_with_the_current_figures(client, staff, indicator):
    client.force_login(staff)
    _upload(client, indicator, b"period,value\n2024,10\n")
    csv_response = client.get(f"/admin/indicators/indicator/{indicator.pk}/import/template.csv")
    assert csv_response["Content-Disposition"] == (
        'attachment; filename="frivillige-import.csv"')
    assert csv_response.content.decode("utf-8-sig").splitlines()[0] == (
        "period;breakdown;value;status;note_da;note_en")  # the Danish convention
    xlsx = client.get(f"/admin/indicators/indicator/{indicator.pk}/import/template.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == COLUMNS


COLUMNS = ["period", "breakdown", "value", "status", "note_da", "note_en"]


def test_import_needs_the_observation_permissions(client, indicator, django_user_model):
    user = django_user_model.objects.create_user("ansat", password="x" * 16, is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_indicator"))
    client.force_login(user)
    assert client.get(f"/admin/indicators/indicator/{indicator.pk}/import/").status_code == 403


def test_anonymous_import_redirects_to_login(client, indicator):
    response = client.get(f"/admin/indicators/indicator/{indicator.pk}/import/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_pages_open(client, staff, indicator):
    client.force_login(staff)
    for path in ["/admin/indicators/indicator/", f"/admin/indicators/indicator/{indicator.pk}/change/",
                 "/admin/indicators/observation/", "/admin/indicators/annotation/add/",
                 "/admin/indicators/benchmarkseries/add/", "/admin/indicators/breakdown/"]:
        assert client.get(path).status_code == 200, path
    change = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").content.decode()
    assert f"/admin/indicators/indicator/{indicator.pk}/import/" in change


def test_observations_are_editable_in_the_list(client, staff, indicator):
    from tests.factories import ObservationFactory

    observation = ObservationFactory(indicator=indicator)
    client.force_login(staff)
    page = client.get("/admin/indicators/observation/").content.decode()
    assert 'name="form-0-value"' in page
    assert 'name="form-0-status"' in page
    assert str(observation.pk) in page


def test_indicator_change_form_has_targets_inline(client, staff, indicator):
    client.force_login(staff)
    page = client.get(f"/admin/indicators/indicator/{indicator.pk}/change/").content.decode()
    assert 'name="targets-TOTAL_FORMS"' in page


def test_admin_form_takes_control_characters_out_of_a_note(client, staff, indicator):
    from indicators.models import Observation

    client.force_login(staff)
    response = client.post("/admin/indicators/observation/add/", {
        "indicator": indicator.pk, "period": "2024-01-01", "breakdown": "", "value": "5",
        "status": "final", "note_da": "Første\x0blinje\x01", "note_en": "\x02Note"})
    assert response.status_code == 302, response.content.decode()[:3000]
    observation = Observation.objects.get(indicator=indicator)
    assert (observation.note_da, observation.note_en) == ("Første linje", "Note")




def test_linking_an_indicator_to_a_draft_policy_warns_on_save_and_on_the_form(client, staff,
                                                                               indicator):
    """Issue 12.4: the admin offers every theme; linking a draft one is allowed (the policy
    will be public later) but the editor is told the link stays hidden until then."""
    from tests.factories import ActionPointFactory, PolicyFactory, ThemeFactory

    draft = PolicyFactory(status="draft", title_da="Kladdepolitik", adopted_on=None)
    theme = ThemeFactory(policy=draft, title_da="Kladdetema")
    point = ActionPointFactory(theme=theme, title_da="Kladdeindsats")
    client.force_login(staff)
    url = f"/admin/indicators/indicator/{indicator.pk}/change/"
    data = admin_form_data(client.get(url))
    data.update(themes=[theme.pk], action_points=[point.pk])
    response = client.post(url, data, follow=True)
    assert list(indicator.themes.all()) == [theme]
    messages = [str(m) for m in response.context["messages"]]
    assert any("Kladdetema" in m and "Kladdeindsats" in m and "kladde" in m.lower()
               for m in messages), messages
    form = client.get(url).content.decode()
    assert "Kladdetema" in form and "vises ikke offentligt" in form


def test_the_target_and_benchmark_forms_do_not_ask_for_each_row_s_indicator(
        client, staff, indicator, django_assert_max_num_queries):
    """Each target's and benchmark point's form shows its value with the indicator's decimals;
    the indicator comes with the rows, so ten rows cost what one does."""
    series = BenchmarkSeriesFactory(indicator=indicator)
    TargetFactory(indicator=indicator, period=datetime.date(2030, 1, 1))
    BenchmarkPointFactory(series=series, year=2010)
    client.force_login(staff)
    pages = [f"/admin/indicators/indicator/{indicator.pk}/change/",
             f"/admin/indicators/benchmarkseries/{series.pk}/change/"]
    counts = []
    for path in pages:
        with CaptureQueriesContext(connection) as one_row:
            assert client.get(path).status_code == 200
        counts.append(len(one_row))
    for year in range(2011, 2020):
        TargetFactory(indicator=indicator, period=datetime.date(year + 20, 1, 1))
        BenchmarkPointFactory(series=series, year=year)
    for path, count in zip(pages, counts):
        with django_assert_max_num_queries(count):
            page = client.get(path).content.decode()
        assert re.search(r'-INITIAL_FORMS" value="10"', page), path
