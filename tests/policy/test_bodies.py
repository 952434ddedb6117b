"""Issue 16 §4: the bodies behind the policy get public pages (role, members, meetings with
links to agendas and minutes on the municipality's own site, contact), and the action points
they own link to them."""

import datetime

import pytest
from django.utils import timezone

from policy.models import BodyMeeting, BodyMember, Policy
from tests.factories import ActionPointFactory, BodyFactory, PolicyFactory, ThemeFactory
from tests.policy.test_views import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def council(municipality):
    body = BodyFactory(
        slug="frivillighedsraadet", name_da="Frivillighedsrådet",
        name_en="Volunteering Council", has_page=True,
        role_da="Rådet repræsenterer det **frivillige sociale arbejde**.",
        role_en="The council represents voluntary social work.",
        contact_da="Skriv til Frivillighedssekretariatet.", contact_en="Write to the secretariat.",
        website="https://kommune.example.dk/raad",
    )
    BodyMember.objects.create(body=body, position=1, name="Eksempel: Hanne", role_da="Formand",
                              role_en="Chair", party="En social forening")
    today = timezone.localdate()
    BodyMeeting.objects.create(body=body, meets_on=today - datetime.timedelta(days=10),
                               agenda_url="https://kommune.example.dk/dagsorden-1",
                               minutes_url="https://kommune.example.dk/referat-1")
    BodyMeeting.objects.create(body=body, meets_on=today + datetime.timedelta(days=20),
                               agenda_url="https://kommune.example.dk/dagsorden-2")
    return body


def test_body_page_shows_role_members_meetings_and_contact(client, council):
    response = client.get("/politik/raad-og-udvalg/frivillighedsraadet/")
    html = response.content.decode()
    text = text_of(response)
    assert "<strong>frivillige sociale arbejde</strong>" in html
    assert "Eksempel: Hanne" in text and "Formand" in text and "En social forening" in text
    assert 'href="https://kommune.example.dk/dagsorden-1"' in html
    assert 'href="https://kommune.example.dk/referat-1"' in html
    assert 'href="https://kommune.example.dk/dagsorden-2"' in html
    assert "Skriv til Frivillighedssekretariatet." in text


def test_body_page_in_english(client, council):
    text = text_of(client.get("/en/policy/bodies/frivillighedsraadet/"))
    assert "The council represents voluntary social work." in text
    assert "Chair" in text and "Members" in text


def test_a_body_without_a_page_is_not_found(client, municipality):
    BodyFactory(slug="direktionen", has_page=False)
    assert client.get("/politik/raad-og-udvalg/direktionen/").status_code == 404


def test_action_points_owned_by_a_body_link_to_its_page(client, council):
    policy = PolicyFactory(slug="politik")
    theme = ThemeFactory(policy=policy, slug="tema")
    point = ActionPointFactory(theme=theme, title_da="Et råd for alle")
    point.owners.add(council, BodyFactory(name_da="Uden side", has_page=False))
    link = '<a href="/politik/raad-og-udvalg/frivillighedsraadet/">Frivillighedsrådet</a>'
    assert link in client.get("/politik/politik/tema/").content.decode()
    assert link in client.get("/politik/handlingsplan/").content.decode()
    assert "Uden side</a>" not in client.get("/politik/politik/tema/").content.decode()
    body_page = client.get("/politik/raad-og-udvalg/frivillighedsraadet/").content.decode()
    assert "Et råd for alle" in body_page


def test_body_page_leaves_out_drafts_and_archived_points(client, council):
    for status, title in (("draft", "Kladdepunkt"), ("archived", "Arkivpunkt")):
        point = ActionPointFactory(
            theme=ThemeFactory(policy=PolicyFactory(status=status, adopted_on=None)),
            title_da=title)
        point.owners.add(council)
    text = text_of(client.get("/politik/raad-og-udvalg/frivillighedsraadet/"))
    assert "Kladdepunkt" not in text and "Arkivpunkt" not in text


def test_body_pages_are_in_the_sitemap_and_linked_from_the_policy(client, council, ballerup):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/politik/raad-og-udvalg/frivillighedsraadet/" in sitemap
    assert "/en/policy/bodies/frivillighedsraadet/" in sitemap
    assert 'href="/politik/raad-og-udvalg/frivillighedsraadet/"' in client.get(
        "/politik/").content.decode()


def test_minutes_only_after_the_meeting(council):
    from django.core.exceptions import ValidationError

    meeting = BodyMeeting(body=council, meets_on=timezone.localdate() + datetime.timedelta(days=3),
                          minutes_url="https://kommune.example.dk/referat")
    with pytest.raises(ValidationError):
        meeting.full_clean()


def test_body_page_queries_do_not_grow(client, council, django_assert_max_num_queries):
    policy = PolicyFactory()
    theme = ThemeFactory(policy=policy)
    url = "/politik/raad-og-udvalg/frivillighedsraadet/"
    client.get(url)  # warm the cached municipality settings
    for number in range(30):
        BodyMember.objects.create(body=council, position=number + 2, name=f"Medlem {number}")
        ActionPointFactory(theme=theme).owners.add(council)
    for days in range(30, 60):
        BodyMeeting.objects.create(body=council, meets_on=timezone.localdate()
                                   + datetime.timedelta(days=days))
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_policy_reserves_the_bodies_address(municipality):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Policy(title="x", slug="raad-og-udvalg").full_clean()
