"""Statuses for committee meetings (issue 15.3): frozen, compared, public without internals."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.formats import date_format

from indicators.models import MeetingStatus
from indicators.services import meeting_status_create
from tests.factories import (
    ActionPointFactory, IndicatorFactory, ObservationFactory, ProgressNoteFactory, ThemeFactory,
)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def main(response) -> str:
    """The page's <main>: what the status says, without the header's per-request bits."""
    html = response.content.decode()
    return html[html.index("<main"):html.index("</main>")]


def changes_of(page: str) -> str:
    """The section "Hvad er ændret siden sidste status" of a status page's text."""
    start = page.index("Hvad er ændret siden sidste status")
    return page[start:page.index("Indikatorerne", start)]


@pytest.fixture
def plan(db, volunteers):
    theme = ThemeFactory(title_da="Frivillighed er fællesskaber", title_en="Volunteering is community")
    volunteers.themes.add(theme)
    point = ActionPointFactory(theme=theme, title_da="Let adgang til lokaler",
                               title_en="Easy access to rooms", status="in_progress")
    ProgressNoteFactory(action_point=point, noted_on=datetime.date(2026, 3, 1),
                        text_da="Kortlægningen er begyndt.", text_en="The mapping has begun.")
    return point


def make(day="2027-03-12", **kwargs):
    meeting_on = datetime.date.fromisoformat(day)
    return meeting_status_create(
        meeting_on=meeting_on,
        title_da=f"Status til Kultur- og Fritidsudvalgets møde {meeting_on:%d.%m.%Y}",
        title_en=f"Status for the committee meeting {meeting_on:%d.%m.%Y}", **kwargs)


def test_a_status_page_shows_the_frozen_figures_and_action_points(client, municipality, plan):
    make()
    page = text(client.get("/indikatorer/status/2027-03-12/"))
    assert "<h1>" not in page
    html = client.get("/indikatorer/status/2027-03-12/").content.decode()
    assert re.search(r"<h1>Status til Kultur- og Fritidsudvalgets møde 12\.03\.2027</h1>", html)
    assert "Frivillige registreret" in page and "870" in page and "2025 (foreløbigt)" in page
    assert "Steget 55 siden 2024 – en forbedring" in page
    assert "Mål for 2027: 1.000 – 130 mangler" in page
    assert "Let adgang til lokaler – I gang" in page and "Kortlægningen er begyndt." in page
    assert "Dette er den første status" in page
    english = text(client.get("/en/indicators/statuses/2027-03-12/"))
    assert "Status for the committee meeting 12.03.2027" in english
    assert "Easy access to rooms – In progress" in english and "Up 55 since 2024" in english


def test_later_edits_never_change_a_status(client, municipality, plan, volunteers):
    make()
    before = main(client.get("/indikatorer/status/2027-03-12/"))
    volunteers.name_da = "Omdøbt indikator"
    volunteers.save()
    observation = volunteers.observations.get(period=datetime.date(2025, 1, 1))
    observation.value, observation.status = 905, "final"
    observation.save()
    ObservationFactory(indicator=volunteers, period=datetime.date(2026, 1, 1), value=990)
    plan.status = "done"
    plan.save()
    ProgressNoteFactory(action_point=plan, text_da="Senere note.")
    volunteers.targets.update(value=2000)
    after = main(client.get("/indikatorer/status/2027-03-12/"))
    assert after == before
    assert "Omdøbt indikator" in text(client.get("/indikatorer/frivillige/"))


def test_what_changed_since_the_previous_status(client, municipality, plan, volunteers):
    make("2027-03-12")
    observation = volunteers.observations.get(period=datetime.date(2025, 1, 1))
    observation.value, observation.status = 880, "final"
    observation.save()
    ObservationFactory(indicator=volunteers, period=datetime.date(2026, 1, 1), value=990)
    plan.status = "done"
    plan.save()
    ProgressNoteFactory(action_point=plan, noted_on=datetime.date(2027, 5, 1),
                        text_da="Bookingsiden er i drift.")
    make("2027-06-10")
    page = text(client.get("/indikatorer/status/2027-06-10/"))
    changes = changes_of(page)
    assert "Sammenlignet med “Status til Kultur- og Fritidsudvalgets møde 12.03.2027”" in changes
    assert "Frivillige registreret, 2026: 990" in changes
    assert "Frivillige registreret, 2025: fra 870 til 880 (nu endeligt)" in changes
    assert "Let adgang til lokaler: fra “I gang” til “Gennemført”" in changes
    assert "Let adgang til lokaler , 1. maj 2027: Bookingsiden er i drift." in changes
    # The earlier status is as it was and says it is the first.
    first = text(client.get("/indikatorer/status/2027-03-12/"))
    assert "Bookingsiden er i drift." not in first and "Dette er den første status" in first


def test_the_public_page_never_holds_internal_figures(client, municipality, plan, internal,
                                                      reader):
    status = make()
    assert [i["slug"] for i in status.internal["indicators"]] == ["medarbejdere-uddannet"]
    assert "medarbejdere-uddannet" not in str(status.public)
    response = client.get("/indikatorer/status/2027-03-12/")
    assert "Medarbejdere uddannet" not in response.content.decode()
    assert "no-store" not in response.get("Cache-Control", "")
    client.force_login(reader)
    response = client.get("/indikatorer/status/2027-03-12/")
    page = text(response)
    assert "Medarbejdere uddannet (intern)" in page and "Intern" in page
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_statuses_are_listed_newest_first_and_in_the_sitemap(client, municipality, plan):
    make("2027-03-12")
    make("2027-06-10", is_example_data=True)
    page = text(client.get("/indikatorer/status/"))
    assert page.index("12.03.2027") > page.index("10.06.2027")
    assert "Eksempeldata" in page
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/indikatorer/status/2027-06-10/" in sitemap and "/en/indicators/statuses/" in sitemap


def test_the_print_view_holds_the_same_status(client, municipality, plan):
    make()
    response = client.get("/indikatorer/status/2027-03-12/udskriv/")
    page = text(response)
    assert response.status_code == 200 and "indicators-print.css" in response.content.decode()
    assert "Let adgang til lokaler – I gang" in page and "Frivillige registreret" in page


def test_the_status_page_links_to_a_print_view_in_the_shared_print_frame(client, municipality,
                                                                          plan):
    """The print frame of the other print views (issue 15 §4): the portal's and the page's full
    address and the date on top, page numbers from print-view.css, the way back on screen."""
    make()
    page = client.get("/indikatorer/status/2027-03-12/").content.decode()
    assert '<p class="print-link no-print"><a href="/indikatorer/status/2027-03-12/udskriv/">' \
        'Udskriv</a>' in page
    printed = client.get("/indikatorer/status/2027-03-12/udskriv/").content.decode()
    assert "print-view.css" in printed and 'class="print-header"' in printed
    assert "http://testserver/indikatorer/status/2027-03-12/udskriv/" in printed
    with translation.override("da"):
        today = date_format(datetime.date.today(), "j. F Y")
    assert f"Udskrevet {today} fra" in printed
    assert '<a href="/indikatorer/status/2027-03-12/">Tilbage til statussen</a>' in printed
    english = client.get("/en/indicators/statuses/2027-03-12/print/").content.decode()
    assert '<a href="/en/indicators/statuses/2027-03-12/">Back to the status</a>' in english


@pytest.mark.parametrize("path", ["/indikatorer/status/2027-3-12/", "/indikatorer/status/x/",
                                  "/indikatorer/status/2027-02-30/",
                                  "/en/indicators/statuses/2031-01-01/print/"])
def test_an_unknown_status_is_404(client, municipality, plan, path):
    make()
    assert client.get(path).status_code == 404


def test_the_danish_title_must_begin_status_til(db):
    with pytest.raises(ValidationError) as problem:
        meeting_status_create(meeting_on=datetime.date(2027, 3, 12), title_da="Møde i marts")
    assert "title_da" in problem.value.message_dict
    assert not MeetingStatus.objects.exists()


def test_a_status_page_takes_few_queries_however_many_indicators(
        client, municipality, plan, django_assert_max_num_queries):
    for number in range(25):
        indicator = IndicatorFactory()
        for year in range(2015, 2026):
            ObservationFactory(indicator=indicator, period=datetime.date(year, 1, 1),
                               value=number + year)
    make("2027-03-12")
    make("2027-06-10")
    client.get("/indikatorer/status/2027-06-10/")  # settle the municipality settings' cache
    with django_assert_max_num_queries(6):
        assert client.get("/indikatorer/status/2027-06-10/").status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get("/indikatorer/status/").status_code == 200


def test_freezing_takes_a_fixed_number_of_queries(plan, django_assert_max_num_queries):
    for _number in range(20):
        ObservationFactory(indicator=IndicatorFactory(), period=datetime.date(2024, 1, 1))
        ProgressNoteFactory(action_point=ActionPointFactory(theme=plan.theme))
    with django_assert_max_num_queries(12):
        make()


def test_staff_make_a_status_in_the_admin_and_can_then_change_only_its_title(
        client, municipality, plan, volunteers):
    admin = User.objects.create_superuser("chef", "chef@example.dk", "x" * 16)
    client.force_login(admin)
    response = client.post("/admin/indicators/meetingstatus/add/", {
        "title_da": "Status til Kultur- og Fritidsudvalgets møde 12. marts 2027",
        "title_en": "Status for the meeting on 12 March 2027", "meeting_on": "2027-03-12"})
    assert response.status_code == 302, response.content.decode()[:3000]
    status = MeetingStatus.objects.get()
    assert status.created_by == admin and status.public["indicators"][0]["slug"] == "frivillige"
    change = client.get(f"/admin/indicators/meetingstatus/{status.pk}/change/").content.decode()
    assert 'name="title_da"' in change and 'name="meeting_on"' not in change
    frozen = status.public
    client.post(f"/admin/indicators/meetingstatus/{status.pk}/change/", {
        "title_da": "Status til KFU 12. marts 2027", "title_en": "", "meeting_on": "2030-01-01"})
    status.refresh_from_db()
    assert status.title_da == "Status til KFU 12. marts 2027"
    assert status.meeting_on == datetime.date(2027, 3, 12) and status.public == frozen
    refused = client.post("/admin/indicators/meetingstatus/add/", {
        "title_da": "Marts", "title_en": "", "meeting_on": "2027-04-01"})
    assert refused.status_code == 200 and MeetingStatus.objects.count() == 1


def test_the_demo_holds_two_statuses_with_visible_differences(client, demo):
    statuses = list(MeetingStatus.objects.newest_first())
    assert [s.meeting_on for s in statuses] == [datetime.date(2026, 11, 26),
                                                datetime.date(2026, 6, 11)]
    assert all(s.is_example_data for s in statuses)
    response = client.get("/indikatorer/status/2026-11-26/")
    assert response.status_code == 200, response.content.decode()[-3000:]
    page = text(response)
    changes = changes_of(page)
    assert "Nye tal" in changes and "3. kvt. 2026" in changes
    assert "fra “Sat på pause” til “I gang”" in changes
    assert "Nye statusnoter" in changes and "Eksempeldata" in page


def test_a_judgement_that_moved_is_listed_and_each_status_keeps_its_own(
        client, municipality, plan, volunteers):
    # Baseline 2021 (610), target 2027 (1.000): the straight line passes 805 in 2024 and 870
    # in 2025. 815 in 2024 is on track; a final 820 for 2025 is not.
    make("2027-03-12", today=datetime.date(2026, 3, 1))
    assert MeetingStatus.objects.get().public["indicators"][0]["judgement"]["code"] == "on_track"
    observation = volunteers.observations.get(period=datetime.date(2025, 1, 1))
    observation.value, observation.status = 820, "final"
    observation.save()
    make("2027-06-10", today=datetime.date(2026, 6, 1))
    changes = changes_of(text(client.get("/indikatorer/status/2027-06-10/")))
    assert "Vurderinger, der har flyttet sig" in changes
    assert "Frivillige registreret: fra “På rette vej” til “Ikke på rette vej”" in changes
    first = text(client.get("/indikatorer/status/2027-03-12/"))
    assert "Vurdering: På rette vej." in first
    english = text(client.get("/en/indicators/statuses/2027-06-10/"))
    assert "Registered volunteers: from “On track” to “Not on track”" in english
