"""Action points ↔ indicators on the pages and in the admin: the figures beside each action
point, the change since the baseline on tiles and indicator pages, the method page, the
computed status and the reason staff must give when their status does not fit it."""

import datetime

import pytest

from indicators import judgement
from indicators.models import Indicator
from policy.models import ActionPoint
from tests.factories import (
    ActionPointFactory, IndicatorFactory, ObservationFactory, PolicyFactory, TargetFactory,
    ThemeFactory,
)
from tests.helpers import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(municipality):
    """An adopted policy (2019) with one action point measured by the volunteers' count."""
    policy = PolicyFactory(slug="politik", title_da="Frivillighedspolitik", status="adopted",
                           adopted_on=datetime.date(2019, 6, 17))
    theme = ThemeFactory(policy=policy, slug="faellesskaber", title_da="Fællesskaber",
                         title_en="Community")
    point = ActionPointFactory(theme=theme, slug="let-at-blive-frivillig", status="done",
                               title_da="Gøre det let at blive frivillig",
                               title_en="Make it easy to volunteer")
    indicator = IndicatorFactory(slug="frivillige", name_da="Frivillige registreret",
                                 name_en="Registered volunteers", is_example_data=True)
    for year, value in [(2019, 640), (2022, 700), (2024, 815)]:
        ObservationFactory(indicator=indicator, period=datetime.date(year, 1, 1), value=value)
    ObservationFactory(indicator=indicator, period=datetime.date(2025, 1, 1), value=870,
                       status="provisional")
    TargetFactory(indicator=indicator, period=datetime.date(2027, 1, 1), value=1000)
    indicator.action_points.add(point)
    indicator.themes.add(theme)
    return point, indicator


def text(response):
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_action_plan_shows_the_figures_and_the_computed_status(client, plan):
    page = text(client.get("/politik/handlingsplan/"))
    assert "Frivillige registreret" in page
    assert ("Siden politikken blev vedtaget i 2019: fra 640 til 870 (2025, foreløbigt), +230"
            in page)
    assert "Tallene: <span class=\"judgement judgement--not_on_track\">Ikke på rette vej" in page
    english = text(client.get("/en/policy/action-plan/"))
    assert "Since the policy was adopted in 2019: from 640 to 870 (2025, provisional)" in english


def test_the_reason_is_shown_beside_the_status(client, plan):
    point, _ = plan
    point.status_reason_da = "Effekten kommer først, når de nye frivillige er i gang."
    point.save()
    page = text(client.get("/politik/politik/faellesskaber/"))
    assert "Begrundelse: Effekten kommer først" in page


def test_the_csv_has_what_the_figures_say(client, plan):
    rows = client.get("/politik/handlingsplan/csv/").content.decode("utf-8-sig").splitlines()
    assert rows[0].endswith(";Hvad tallene siger")
    assert "Beregnet ud fra tallene: Ikke på rette vej" in rows[1]
    assert "Frivillige registreret: 870 (2025)" in rows[1]


def test_the_theme_page_shows_what_we_said_and_what_the_figures_say(client, plan):
    page = text(client.get("/politik/politik/faellesskaber/"))
    assert "Hvad vi sagde, vi ville gøre – og hvad tallene siger" in page
    assert '<a href="#indsats-let-at-blive-frivillig">Gøre det let at blive frivillig</a>' in page
    assert "Hvad tallene siger" in page
    assert page.count("fra 640 til 870") >= 2   # by the action point and in the panel
    assert "/indikatorer/saadan-vurderer-vi/" in page


def test_the_indicator_page_shows_the_judgement_its_inputs_and_the_action_points(client, plan):
    page = text(client.get("/indikatorer/frivillige/"))
    assert "Virker indsatsen?" in page
    assert "Siden politikken blev vedtaget i 2019: fra 640 til 870 (2025, foreløbigt), +230" in page
    assert "Vurdering: <span class=\"judgement judgement--not_on_track\">" in page
    assert "Den rette linje i 2024</dt><dd>865</dd>" in page
    assert "Seneste endelige tal</dt> <dd>815 (2024)" in page
    assert "870 (2025), foreløbigt: vises, men afgør ikke vurderingen" in page
    assert "Gøre det let at blive frivillig" in page and "Gennemført" in page
    assert '<a href="/indikatorer/saadan-vurderer-vi/">' in page


def test_the_dashboard_tile_states_the_change_since_the_baseline(client, plan):
    page = text(client.get("/indikatorer/"))
    assert "Siden politikken blev vedtaget i 2019: fra 640 til 870 (2025, foreløbigt), +230" in page
    assert "judgement--not_on_track" in page
    assert '<a href="/indikatorer/saadan-vurderer-vi/">' in page


def test_the_method_page_in_both_languages(client, municipality):
    danish = text(client.get("/indikatorer/saadan-vurderer-vi/"))
    assert "<h1>Sådan vurderer vi indikatorerne</h1>" in danish
    assert "Den rette linje til målet" in danish and "Eksempeldata" in danish
    english = text(client.get("/en/indicators/how-we-judge/"))
    assert "<h1>How we judge the indicators</h1>" in english


def test_the_method_page_is_in_the_sitemap(client, municipality):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/indikatorer/saadan-vurderer-vi/" in sitemap
    assert "/en/indicators/how-we-judge/" in sitemap


def test_internal_indicators_are_left_out_of_the_policy_pages(client, plan):
    point, _ = plan
    secret = IndicatorFactory(slug="hemmelig", name_da="Hemmeligt tal", visibility="internal")
    ObservationFactory(indicator=secret, period=datetime.date(2024, 1, 1), value=5)
    secret.action_points.add(point)
    assert "Hemmeligt tal" not in text(client.get("/politik/handlingsplan/"))
    assert "Hemmeligt tal" not in text(client.get("/politik/politik/faellesskaber/"))


def test_action_plan_queries_do_not_grow_with_linked_indicators(client, plan):
    point, indicator = plan

    def add(n):
        for _ in range(n):
            extra = ActionPointFactory(theme=point.theme)
            other = IndicatorFactory()
            ObservationFactory(indicator=other, period=datetime.date(2019, 1, 1))
            ObservationFactory(indicator=other, period=datetime.date(2024, 1, 1))
            TargetFactory(indicator=other, period=datetime.date(2027, 1, 1))
            other.action_points.add(extra, point)

    assert_constant_queries(client, "/politik/handlingsplan/", add, many=30, maximum=8)


def test_theme_page_queries_do_not_grow_with_linked_indicators(client, plan):
    point, indicator = plan

    def add(n):
        for _ in range(n):
            extra = ActionPointFactory(theme=point.theme)
            other = IndicatorFactory()
            ObservationFactory(indicator=other, period=datetime.date(2024, 1, 1))
            other.action_points.add(extra)

    assert_constant_queries(client, "/politik/politik/faellesskaber/", add, many=30,
                            maximum=9)


def test_dashboard_queries_do_not_grow_with_indicators(client, plan):
    def add(n):
        for _ in range(n):
            other = IndicatorFactory()
            ObservationFactory(indicator=other, period=datetime.date(2019, 1, 1))
            ObservationFactory(indicator=other, period=datetime.date(2024, 1, 1))
            TargetFactory(indicator=other, period=datetime.date(2027, 1, 1))

    assert_constant_queries(client, "/indikatorer/", add, many=30, maximum=8)


def test_indicator_page_with_action_points_runs_few_queries(client, plan):
    client.get("/indikatorer/frivillige/")
    assert count_queries(client, "/indikatorer/frivillige/") <= 8


# The admin ----------------------------------------------------------------------------------

def _point_form(point, **changes):
    data = {
        "theme": point.theme_id, "position": point.position, "title_da": point.title_da,
        "title_en": point.title_en or "", "slug": point.slug, "description_da": "",
        "description_en": "", "status": point.status, "status_reason_da": "",
        "status_reason_en": "", "start_on": "", "due_on": "",
        "progress_notes-TOTAL_FORMS": "0", "progress_notes-INITIAL_FORMS": "0",
    }
    links = list(Indicator.action_points.through.objects.filter(actionpoint=point))
    prefix = "Indicator_action_points-"
    data[prefix + "TOTAL_FORMS"] = str(len(links))
    data[prefix + "INITIAL_FORMS"] = str(len(links))
    for number, link in enumerate(links):
        data[f"{prefix}{number}-id"] = str(link.pk)
        data[f"{prefix}{number}-actionpoint"] = str(point.pk)
        data[f"{prefix}{number}-indicator"] = str(link.indicator_id)
    data.update(changes)
    return data


def test_the_action_points_admin_page_edits_the_indicators_that_measure_it(admin_client, plan):
    point, indicator = plan
    page = admin_client.get(f"/admin/policy/actionpoint/{point.pk}/change/").content.decode()
    assert "Indicator_action_points-0-indicator" in page
    assert "indikatorer, der måler den" in page.lower() or "indicators that measure it" in page


def test_a_status_that_does_not_fit_the_figures_needs_a_reason(admin_client, plan):
    point, _ = plan
    url = f"/admin/policy/actionpoint/{point.pk}/change/"
    response = admin_client.post(url, _point_form(point, status="done"))
    assert response.status_code == 200
    assert "passer ikke med status" in response.content.decode()
    response = admin_client.post(url, _point_form(
        point, status="done", status_reason_da="Effekten kommer, når de nye er i gang."))
    assert response.status_code == 302, response.content.decode()[:2000]
    point.refresh_from_db()
    assert point.status_reason_da.startswith("Effekten")


def test_a_status_that_fits_needs_no_reason(admin_client, plan):
    point, _ = plan
    response = admin_client.post(f"/admin/policy/actionpoint/{point.pk}/change/",
                                 _point_form(point, status="in_progress"))
    assert response.status_code == 302
    assert ActionPoint.objects.get(pk=point.pk).status == "in_progress"


def test_removing_the_link_removes_the_need_for_a_reason(admin_client, plan):
    point, indicator = plan
    data = _point_form(point, status="done")
    data["Indicator_action_points-0-DELETE"] = "on"
    response = admin_client.post(f"/admin/policy/actionpoint/{point.pk}/change/", data)
    assert response.status_code == 302
    assert not indicator.action_points.exists()


def test_the_list_cannot_skip_the_reason(admin_client, plan):
    point, _ = plan
    point.status = "in_progress"
    point.save()
    response = admin_client.post("/admin/policy/actionpoint/", {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": str(point.pk),
        "form-0-status": "done", "form-0-due_on": "", "_save": "Gem",
    })
    assert ActionPoint.objects.get(pk=point.pk).status == "in_progress"
    assert response.status_code == 200


def test_the_indicator_admin_has_the_baseline_period(admin_client, plan):
    point, indicator = plan
    page = admin_client.get(f"/admin/indicators/indicator/{indicator.pk}/change/")
    assert page.status_code == 200
    assert 'name="baseline_period"' in page.content.decode()


def test_the_demo_has_every_judgement_and_the_volunteers_example(client, demo):
    codes = {judgement.assess(i).code for i in Indicator.objects.public()}
    assert {"on_track", "not_on_track", "target_met", "too_little_data", "no_target"} <= codes
    page = text(client.get("/indikatorer/frivillige-registreret/"))
    assert "fra 640 til 870 (2025, foreløbigt), +230" in page
    assert "Eksempeldata" in page
    plan_page = text(client.get("/politik/handlingsplan/"))
    assert "Begrundelse: Eksempeldata:" in plan_page


def test_the_baseline_comes_from_the_policy_whose_themes_the_indicator_measures(client, plan):
    """One adopted policy of each kind (issue 15, review): a strategy adopted in 2022 is the
    baseline of the indicator that measures its theme; the volunteers' count, measuring the
    policy's theme, keeps 2019; an indicator measuring no theme falls back to the policy."""
    _point, volunteers = plan
    strategy = PolicyFactory(slug="strategi", kind="strategy", status="adopted",
                             adopted_on=datetime.date(2022, 3, 1))
    strategy_theme = ThemeFactory(policy=strategy, slug="strategitema")
    measured = IndicatorFactory(slug="foreninger", name_da="Foreninger med aftale")
    unlinked = IndicatorFactory(slug="uden-tema", name_da="Uden tema")
    for indicator in (measured, unlinked):
        for year, value in [(2019, 40), (2022, 50), (2024, 59)]:
            ObservationFactory(indicator=indicator, period=datetime.date(year, 1, 1), value=value)
    measured.themes.add(strategy_theme)

    assert judgement.adoption_date(measured) == datetime.date(2022, 3, 1)
    assert judgement.adoption_date(volunteers) == datetime.date(2019, 6, 17)
    assert judgement.adoption_date(unlinked) == datetime.date(2019, 6, 17)
    assert judgement.assess(measured).baseline.value == 50
    # The same on the pages, which annotate the date on the indicator query.
    assert "Siden politikken blev vedtaget i 2022: fra 50 til 59, +9" in text(
        client.get("/indikatorer/foreninger/"))
    assert "Siden politikken blev vedtaget i 2019: fra 40 til 59, +19" in text(
        client.get("/indikatorer/uden-tema/"))
    dashboard = text(client.get("/indikatorer/"))
    assert "Siden politikken blev vedtaget i 2022: fra 50 til 59, +9" in dashboard
    assert "Siden politikken blev vedtaget i 2019: fra 640 til 870 (2025, foreløbigt), +230" \
        in dashboard


def test_a_frozen_status_judges_each_indicator_against_its_own_policy(plan):
    from indicators import statuses

    strategy = PolicyFactory(slug="strategi", kind="strategy", status="adopted",
                             adopted_on=datetime.date(2022, 3, 1))
    measured = IndicatorFactory(slug="foreninger", name_da="Foreninger med aftale")
    for year, value in [(2019, 40), (2022, 50), (2024, 59)]:
        ObservationFactory(indicator=measured, period=datetime.date(year, 1, 1), value=value)
    measured.themes.add(ThemeFactory(policy=strategy, slug="strategitema"))
    public, _internal = statuses.freeze()
    sentences = {row["slug"]: row["judgement"]["sentence"]["da"]
                 for row in public["indicators"]}
    assert sentences["foreninger"].startswith("Siden politikken blev vedtaget i 2022: fra 50")
    assert sentences["frivillige"].startswith("Siden politikken blev vedtaget i 2019: fra 640")
