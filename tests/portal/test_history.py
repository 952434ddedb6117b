"""The audit trail (SECURITY.md AUD-01): admin edits, translated fields included, with the user;
browsable and revertible per object; imports leave history too."""

import datetime
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from core.models import Municipality
from policy.models import Body
from tests.factories import BodyFactory, IndicatorFactory, MunicipalityFactory

pytestmark = pytest.mark.django_db


def body_form(body, **changes):
    data = {"name_da": body.name_da, "name_en": body.name_en, "slug": body.slug,
            "kind": body.kind,
            # The body's members and meetings, as empty inlines.
            **{f"{prefix}-{kind}_FORMS": "0" for prefix in ("members", "meetings")
               for kind in ("TOTAL", "INITIAL")}}
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


class FormReader(HTMLParser):
    """The values a browser would submit from the admin's change form, as it stands."""

    def __init__(self):
        super().__init__()
        self.data, self._textarea, self._select = {}, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "file", "button"):
            if a.get("type") in ("checkbox", "radio"):
                if "checked" in a:
                    self.data.setdefault(name, []).append(a.get("value", "on"))
            else:
                self.data[name] = a.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in a:
            self.data[self._select].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data


def edit_in_admin(client, url, **changes):
    reader = FormReader()
    reader.feed(client.get(url).content.decode())
    data = {k: v for k, v in reader.data.items() if k not in ("csrfmiddlewaretoken",)}
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.parametrize(("factory", "url", "field"), [
    ("guide", "/admin/toolbox/guide/{pk}/change/", "title_en"),
    ("action_point", "/admin/policy/actionpoint/{pk}/change/", "title_en"),
    ("indicator", "/admin/indicators/indicator/{pk}/change/", "name_en"),
], ids=["guide", "action-point", "indicator"])
def test_admin_edit_of_translated_content_is_recorded(admin_client, admin_user, factory, url,
                                                      field):
    from tests import factories

    obj = {"guide": lambda: factories.GuideFactory(topics=[factories.TopicFactory()],
                                                   audiences=[factories.AudienceFactory()]),
           "action_point": factories.ActionPointFactory,
           "indicator": factories.IndicatorFactory}[factory]()
    edit_in_admin(admin_client, url.format(pk=obj.pk), **{field: "Edited in English"})
    newest = obj.history.latest()
    assert getattr(newest, field) == "Edited in English"
    assert newest.history_user == admin_user
