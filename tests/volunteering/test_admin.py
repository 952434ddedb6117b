import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal.groups import groups_ensure

VOLUNTEERING_BROKERS = "Frivillighedsformidlere"
from tests.factories import OpportunityFactory, OrganisationFactory
from volunteering.models import Opportunity, Organisation, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_client(client, django_user_model):
    """A staff member whose only permissions come from the Frivillighedsformidlere group."""
    groups_ensure()
    user = django_user_model.objects.create_user("formidler", is_staff=True)
    user.groups.add(Group.objects.get(name=VOLUNTEERING_BROKERS))
    client.force_login(user)
    return client


def _at(day):
    return datetime.datetime(2026, 11, day, 12, tzinfo=datetime.UTC)


def test_brokers_group_holds_only_volunteering_permissions():
    groups_ensure()
    group = Group.objects.get(name=VOLUNTEERING_BROKERS)
    assert set(group.permissions.values_list("content_type__app_label", flat=True)) == {
        "volunteering"}
    assert group.permissions.filter(codename="change_opportunity").exists()
    assert group.permissions.filter(codename="add_organisation").exists()


def test_broker_gets_403_on_the_toolbox(broker_client):
    assert broker_client.get("/admin/toolbox/guide/").status_code == 403


def test_opportunity_list_shows_what_waits_oldest_first(broker_client):
    OpportunityFactory(title_da="Allerede offentlig")
    OpportunityFactory(title_da="Venter kort", status=Status.AWAITING, submitted_at=_at(28))
    OpportunityFactory(title_da="Venter længst", status=Status.AWAITING, submitted_at=_at(2))
    response = broker_client.get(reverse("admin:volunteering_opportunity_changelist"))
    titles = [obj.title_da for obj in response.context["cl"].result_list]
    assert titles == ["Venter længst", "Venter kort", "Allerede offentlig"]
    waiting = broker_client.get(reverse("admin:volunteering_opportunity_changelist"),
                                {"approval": "waiting"})
    assert [o.title_da for o in waiting.context["cl"].result_list] == ["Venter længst",
                                                                        "Venter kort"]


def test_publish_action_publishes_the_opportunity_and_its_waiting_organisation(broker_client):
    organisation = OrganisationFactory(status=Status.AWAITING)
    opportunity = OpportunityFactory(organisation=organisation, status=Status.AWAITING)
    response = broker_client.post(reverse("admin:volunteering_opportunity_changelist"), {
        "action": "publish_selected", "_selected_action": [opportunity.pk]}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["1 frivillig opgave er offentliggjort."]
    opportunity.refresh_from_db()
    organisation.refresh_from_db()
    assert (opportunity.status, organisation.status) == (Status.PUBLISHED, Status.PUBLISHED)
    assert opportunity.published_at is not None
    assert Opportunity.objects.published().filter(pk=opportunity.pk).exists()


def test_staff_enter_a_municipal_units_opportunity_directly(broker_client):
    unit = OrganisationFactory(name="Testrup Plejecenter", kind=Organisation.Kind.MUNICIPAL)
    response = broker_client.post(reverse("admin:volunteering_opportunity_add"), {
        "organisation": unit.pk, "title_da": "Læs højt for beboerne",
        "title_en": "Read aloud to the residents", "slug": "laes-hoejt",
        "status": Status.PUBLISHED, "summary_da": "Læs avisen højt en time om ugen.",
        "summary_en": "", "description_da": "Du læser højt.", "description_en": "",
        "when": Opportunity.When.RECURRING, "when_text_da": "Onsdag formiddag",
        "when_text_en": "", "time_needed_da": "1 time om ugen", "time_needed_en": "",
        "suits": ["seniorer", "engelsk"], "requirements_da": "", "requirements_en": "",
        "contact_name": "Pia", "contact_email": "pia@testrup.example",
        "publish_from": "2026-11-01", "decline_reason": "",
    })
    assert response.status_code == 302, response.context["adminform"].form.errors
    opportunity = Opportunity.objects.get(slug="laes-hoejt")
    assert opportunity.suits == ["seniorer", "engelsk"]
    assert opportunity.area == unit.area
    assert opportunity.history.count() == 1


def test_declining_without_a_reason_is_refused_in_the_admin(broker_client):
    opportunity = OpportunityFactory(status=Status.AWAITING)
    url = reverse("admin:volunteering_opportunity_change", args=[opportunity.pk])
    form = broker_client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update({"status": Status.DECLINED, "decline_reason": "", "fields": [],
                 "suits": [], "publish_until": ""})
    response = broker_client.post(url, data)
    assert response.status_code == 200
    assert "decline_reason" in response.context["adminform"].form.errors
    opportunity.refresh_from_db()
    assert opportunity.status == Status.AWAITING
