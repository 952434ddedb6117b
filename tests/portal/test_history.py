"""The audit trail (SECURITY.md AUD-01): admin edits, translated fields included, with the user;
browsable and revertible per object; imports leave history too."""

import datetime

import pytest
from django.core.management import call_command

from policy.models import Body
from portal.models import Municipality
from tests.factories import BodyFactory, IndicatorFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def body_form(body, **changes):
    data = {"name_da": body.name_da, "name_en": body.name_en, "slug": body.slug,
            "kind": body.kind}
    return {**data, **changes}


def test_admin_edit_of_an_english_field_is_recorded_with_the_user(admin_client, admin_user):
    body = BodyFactory(name_da="Kultur og Fritid", name_en="Culture and Leisure")
    response = admin_client.post(f"/admin/policy/body/{body.pk}/change/",
                                 body_form(body, name_en="Culture & Leisure"))
    assert response.status_code == 302
    newest = body.history.latest()
    assert (newest.name_en, newest.name_da, newest.history_user) == (
        "Culture & Leisure", "Kultur og Fritid", admin_user)
    assert newest.prev_record.name_en == "Culture and Leisure"


def test_history_is_browsable_per_object_and_can_be_reverted(admin_client):
    body = BodyFactory(name_da="Gammelt navn", name_en="Old name")
    admin_client.post(f"/admin/policy/body/{body.pk}/change/", body_form(body, name_da="Nyt navn"))
    page = admin_client.get(f"/admin/policy/body/{body.pk}/history/").content.decode()
    assert "Nyt navn" in page or "Gammelt navn" in page
    first = body.history.earliest()
    revert_page = admin_client.get(f"/admin/policy/body/{body.pk}/history/{first.history_id}/")
    assert revert_page.status_code == 200
    admin_client.post(f"/admin/policy/body/{body.pk}/history/{first.history_id}/",
                      body_form(body, name_da="Gammelt navn"))
    assert Body.objects.get(pk=body.pk).name_da == "Gammelt navn"
    assert body.history.count() == 3


def test_municipality_settings_changes_are_recorded(admin_client, admin_user):
    MunicipalityFactory(phone="11 11 11 11")
    municipality = Municipality.objects.get()
    municipality.phone = "22 22 22 22"
    municipality.save()
    assert [h.phone for h in municipality.history.all()] == ["22 22 22 22", "11 11 11 11"]


def test_observation_import_records_history(tmp_path):
    from indicators.services import observations_import

    indicator = IndicatorFactory()
    rows = [{"period": "2024", "value": "10"}, {"period": "2025", "value": "12"}]
    observations_import(indicator=indicator, rows=rows)
    assert sum(o.history.count() for o in indicator.observations.all()) == 2


def test_old_versions_are_pruned_after_the_retention_period(settings):
    settings.HISTORY_RETENTION_DAYS = 30
    body = BodyFactory()
    body.history.update(history_date=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    body.name_da = "Ny"
    body.save()
    call_command("prune_history", stdout=open("/dev/null", "w"))
    assert [h.name_da for h in body.history.all()] == ["Ny"]
