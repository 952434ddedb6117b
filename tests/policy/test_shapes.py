"""Issue 16 §3: every policy shape entered through the admin without workarounds.

Kalundborg (seed 003): six themes with "Vi ved" / "Vi vil", the commitments without an action
plan yet, and "Vejen videre" after the themes. Rudersdal (seed 004): four values, then four
themes. The texts are our own short ones in those shapes.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from policy.models import ActionPoint, Adoption, Policy, ProcessStep
from policy.services import policy_adopt, process_steps_create_defaults
from tests.factories import (
    ActionPointFactory,
    BodyFactory,
    PolicyFactory,
    ProcessStepFactory,
    ThemeFactory,
)
from tests.policy.conftest import KALUNDBORG_THEMES
from tests.policy.test_views import text_of

pytestmark = pytest.mark.django_db

INLINES = ("sections", "values", "themes", "adoptions", "process_steps")
RUDERSDAL_VALUES = [
    ("Det er enkelt at være frivillig", "Få regler og én indgang til kommunen."),
    ("Det aktive medborgerskab understøttes", "Kommunen bakker op om borgernes initiativer."),
    ("Frivillige indsatser involverer og giver indflydelse", "De frivillige er med fra start."),
    ("Frivillighed anerkendes", "Vi siger tak og fortæller om det, der lykkes."),
]
RUDERSDAL_THEMES = ["Folkeoplysning", "Frivilligt socialt arbejde",
                    "Øvrige kulturelle foreninger, aktører og partnerskaber",
                    "Individuel og netværksbaseret frivillighed"]


def inline(prefix: str, rows: list[dict]) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}
    for number, row in enumerate(rows):
        data.update({f"{prefix}-{number}-{key}": value for key, value in row.items()})
    return data


def policy_form(**fields) -> dict:
    data = {"title_da": "", "title_en": "", "slug": "", "kind": "policy", "status": "draft",
            "introduction_da": "", "introduction_en": "", "has_action_plan": "on",
            "theme_body_heading_da": "", "theme_body_heading_en": "",
            "action_points_heading_da": "", "action_points_heading_en": ""}
    data.update(fields)
    for prefix in INLINES:
        data.setdefault(f"{prefix}-TOTAL_FORMS", 0)
        data.update({key: value for key, value in inline(prefix, []).items()
                     if key not in data})
    return data


def headings(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", h).strip()
            for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", html, re.S)]


@pytest.fixture
def kalundborg_admin(admin_client, municipality):
    """Kalundborg's strategy as staff enter it: one policy form, then each theme's points."""
    themes = [{"position": n, "title_da": title_da, "title_en": title_en, "slug": slug,
               "summary_da": "", "summary_en": "",
               "body_da": f"Vi ved, at {title_da.lower()}.", "body_en": f"We know {title_en}."}
              for n, (slug, title_da, title_en) in enumerate(KALUNDBORG_THEMES, start=1)]
    response = admin_client.post("/admin/policy/policy/add/", policy_form(
        title_da="Frivilligstrategi", title_en="Volunteering strategy", slug="frivilligstrategi",
        kind="strategy", status="consultation", consultation_ends="2031-01-15",
        introduction_da="Strategien er et fælles håndslag.",
        introduction_en="The strategy is a shared handshake.",
        theme_body_heading_da="Vi ved", theme_body_heading_en="We know",
        action_points_heading_da="Vi vil", action_points_heading_en="We will",
        has_action_plan="",  # commitments: no action plan yet
        **inline("themes", themes),
        **inline("sections", [
            {"placement": "before", "position": 1, "title_da": "Forord", "title_en": "Foreword",
             "body_da": "God læselyst.", "body_en": "Happy reading."},
            {"placement": "after", "position": 1, "title_da": "Vejen videre",
             "title_en": "The way ahead", "body_da": "Strategien er rammen for handleplaner.",
             "body_en": "The strategy frames the action plans."},
        ]),
    ))
    assert response.status_code == 302, response.context["errors"]
    policy = Policy.objects.get(slug="frivilligstrategi")
    for theme in policy.themes.all():
        url = f"/admin/policy/theme/{theme.pk}/change/"
        response = admin_client.post(url, {
            "policy": policy.pk, "position": theme.position, "title_da": theme.title_da,
            "title_en": theme.title_en, "slug": theme.slug, "summary_da": "", "summary_en": "",
            "body_da": theme.body_da, "body_en": theme.body_en,
            **inline("action_points", [
                {"position": n, "title_da": f"Vi vil {theme.slug} {n}",
                 "title_en": f"We will {theme.slug} {n}", "slug": f"{theme.slug}-{n}",
                 "status": "not_started", "due_on": ""} for n in (1, 2, 3)]),
        })
        assert response.status_code == 302, response.context["errors"]
    return policy


def test_kalundborg_is_entered_in_the_admin_without_workarounds(client, kalundborg_admin):
    policy = kalundborg_admin
    assert policy.themes.count() == 6
    assert ActionPoint.objects.filter(theme__policy=policy).count() == 18
    assert policy.introduction_da == "Strategien er et fælles håndslag."  # nothing moved in
    html = client.get("/politik/frivilligstrategi/").content.decode()
    order = headings(html)
    assert order.index("Forord") < order.index("Temaer") < order.index("Vejen videre")
    assert "Strategien er rammen for handleplaner." in html
    theme = client.get("/politik/frivilligstrategi/klare-rammer/").content.decode()
    assert "Vi ved" in headings(theme) and "Vi vil" in headings(theme)


def test_commitments_without_an_action_plan_show_no_status_owner_or_progress(
        client, kalundborg_admin):
    """The bug in the issue: every "Vi vil" showed "Ikke startet / Ansvarlig: Ikke besluttet /
    0 af N"."""
    pages = {
        "policy": text_of(client.get("/politik/frivilligstrategi/")),
        "theme": text_of(client.get("/politik/frivilligstrategi/klare-rammer/")),
        "print": text_of(client.get("/politik/frivilligstrategi/udskriv/")),
    }
    for name, text in pages.items():
        for shown in ("Ikke startet", "Ikke besluttet", "Ansvarlig", "0 af 3"):
            assert shown not in text, (name, shown)
        assert "Der er endnu ikke knyttet en handleplan" in text, name
    assert "3 tilsagn" in pages["policy"]
    assert "Vi vil klare-rammer 1" in pages["theme"]
    plan = client.get("/politik/handlingsplan/", {"scope": "all"})
    assert "Vi vil" not in text_of(plan)
    csv_text = client.get("/politik/handlingsplan/csv/", {"scope": "all"}).content.decode()
    assert "Vi vil" not in csv_text


def test_attaching_the_action_plan_shows_status_and_owners(client, kalundborg_admin):
    Policy.objects.filter(pk=kalundborg_admin.pk).update(has_action_plan=True)
    text = text_of(client.get("/politik/frivilligstrategi/klare-rammer/"))
    assert "Ikke startet" in text and "Ansvarlig" in text


def test_rudersdal_values_and_themes_are_entered_in_the_admin(admin_client, client,
                                                              municipality):
    response = admin_client.post("/admin/policy/policy/add/", policy_form(
        title_da="Frivillighedspolitik for Rudersdal", title_en="Rudersdal volunteering policy",
        slug="rudersdal", introduction_da="En værdipolitik for hele det frivillige område.",
        **inline("values", [{"position": n, "title_da": title, "title_en": "",
                             "text_da": text, "text_en": ""}
                            for n, (title, text) in enumerate(RUDERSDAL_VALUES, start=1)]),
        **inline("themes", [{"position": n, "title_da": title, "title_en": "",
                             "slug": f"tema-{n}", "summary_da": f"Rammer for {title.lower()}.",
                             "summary_en": "", "body_da": "", "body_en": ""}
                            for n, title in enumerate(RUDERSDAL_THEMES, start=1)]),
    ))
    assert response.status_code == 302, response.context["errors"]
    policy = Policy.objects.get(slug="rudersdal")
    assert [v.title_da for v in policy.values.all()] == [t for t, _ in RUDERSDAL_VALUES]
    assert policy.introduction_da == "En værdipolitik for hele det frivillige område."
    Policy.objects.filter(pk=policy.pk).update(status=Policy.Status.CONSULTATION,
                                               consultation_ends=datetime.date(2031, 1, 15))
    html = client.get("/politik/rudersdal/").content.decode()
    assert headings(html).index("Værdier") < headings(html).index("Temaer og fremdrift")
    values = re.search(r'<ol class="value-list">(.*?)</ol>', html, re.S).group(1)
    assert re.findall(r"<strong>([^<]+)</strong>", values) == [t for t, _ in RUDERSDAL_VALUES]
    assert all(title in html for title in RUDERSDAL_THEMES)
    english = client.get("/en/policy/rudersdal/").content.decode()
    assert "Det er enkelt at være frivillig" in english  # shown in Danish, with the note
    assert "This content is only available in Danish." in english
    printed = text_of(client.get("/politik/rudersdal/udskriv/"))
    assert "Frivillighed anerkendes" in printed and "Folkeoplysning" in printed


def test_sections_and_values_are_found_by_the_site_search(client, kalundborg_admin):
    from policy.search import PolicySearchProvider

    hits = PolicySearchProvider().search("handleplaner", "da", limit=10)
    assert [hit.title for hit in hits] == ["Vejen videre"]
    assert hits[0].url.startswith("/politik/frivilligstrategi/#afsnit-")
    section_id = hits[0].url.split("#")[1]
    assert f'id="{section_id}"' in client.get("/politik/frivilligstrategi/").content.decode()


def test_sections_of_a_draft_are_not_searchable(kalundborg_admin):
    from policy.search import PolicySearchProvider

    Policy.objects.filter(pk=kalundborg_admin.pk).update(status=Policy.Status.DRAFT)
    assert PolicySearchProvider().search("handleplaner", "da", limit=10) == []


# Adoption ----------------------------------------------------------------------------------

@pytest.fixture
def bodies(db):
    return (BodyFactory(name_da="Kultur- og Fritidsudvalget", slug="kultur-og-fritidsudvalget"),
            BodyFactory(name_da="Kommunalbestyrelsen", slug="kb", kind="council"))


@pytest.fixture
def consulted(municipality):
    """A strategy after its høring, which ran to 15 January."""
    return PolicyFactory(slug="ny-strategi", kind=Policy.Kind.STRATEGY, adopted_on=None,
                         status=Policy.Status.CONSULTATION, title_da="Ny strategi",
                         consultation_starts=datetime.date(2025, 12, 1),
                         consultation_ends=datetime.date(2026, 1, 15))


def adopt_data(bodies, first_on="2026-02-03", final_on="2026-02-24") -> dict:
    kfu, council = bodies
    return {"first_body": kfu.pk, "first_on": first_on, "final_body": council.pk,
            "final_on": final_on}


def test_change_page_has_an_adopt_button(admin_client, consulted):
    html = admin_client.get(f"/admin/policy/policy/{consulted.pk}/change/").content.decode()
    assert f'href="/admin/policy/policy/{consulted.pk}/adopt/"' in html


def test_adopt_page_names_what_moves_to_the_archive_and_changes_nothing(admin_client, consulted,
                                                                        ballerup):
    old = PolicyFactory(slug="gammel-strategi", kind=Policy.Kind.STRATEGY,
                        title_da="Gammel strategi")
    response = admin_client.get(f"/admin/policy/policy/{consulted.pk}/adopt/")
    text = text_of(response)
    assert "“Gammel strategi” er gældende nu og flyttes til arkivet." in text
    assert "Høringen løb til 15. januar 2026" in text
    old.refresh_from_db()
    consulted.refresh_from_db()
    assert (old.status, consulted.status) == ("adopted", "consultation")


def test_adopting_records_committee_and_council_and_archives_the_same_kind_only(
        admin_client, client, consulted, ballerup, bodies):
    old = PolicyFactory(slug="gammel-strategi", kind=Policy.Kind.STRATEGY)
    response = admin_client.post(f"/admin/policy/policy/{consulted.pk}/adopt/",
                                 adopt_data(bodies))
    assert response.status_code == 302
    consulted.refresh_from_db()
    old.refresh_from_db()
    ballerup.refresh_from_db()
    assert consulted.status == "adopted"
    assert consulted.adopted_on == datetime.date(2026, 2, 24)  # the council's, not today
    assert consulted.adopted_by == bodies[1]
    assert [(a.body.slug, a.decided_on) for a in consulted.adoptions.all()] == [
        ("kultur-og-fritidsudvalget", datetime.date(2026, 2, 3)),
        ("kb", datetime.date(2026, 2, 24))]
    assert old.status == "archived"
    assert ballerup.status == "adopted"  # a policy stays current beside the strategy
    text = text_of(client.get("/politik/ny-strategi/"))
    assert ("Kultur- og Fritidsudvalget, 3. februar 2026; Kommunalbestyrelsen, "
            "24. februar 2026") in text


def test_adopting_marks_the_committee_and_council_steps_done_on_the_decision_dates(
        admin_client, client, consulted, bodies):
    process_steps_create_defaults(policy=consulted)
    admin_client.post(f"/admin/policy/policy/{consulted.pk}/adopt/", adopt_data(bodies))
    steps = {step.title_da: step for step in consulted.process_steps.all()}
    committee, council = steps["Vedtagelse i udvalget"], steps["Vedtagelse i kommunalbestyrelsen"]
    assert (committee.status, committee.actual_start, committee.actual_end) == (
        "done", datetime.date(2026, 2, 3), datetime.date(2026, 2, 3))
    assert (council.status, council.actual_start, council.actual_end) == (
        "done", datetime.date(2026, 2, 24), datetime.date(2026, 2, 24))
    others = [step for title, step in steps.items() if not step.adoption_by]
    assert len(others) == 8 and {step.status for step in others} == {"planned"}
    assert {step.actual_end for step in others} == {None}
    text = text_of(client.get("/politik/ny-strategi/"))
    assert "Vedtagelse i udvalget Afsluttet · 3. februar 2026" in text
    assert "Vedtagelse i kommunalbestyrelsen Afsluttet · 24. februar 2026" in text


def test_a_decision_without_its_step_changes_no_step_and_a_failing_step_undoes_it_all(
        consulted, bodies, monkeypatch):
    committee_step = ProcessStepFactory(policy=consulted, title_da="Udvalget",
                                        adoption_by="committee")
    kfu, council = bodies
    policy_adopt(policy=consulted, decisions=[(council, datetime.date(2026, 2, 24))])
    committee_step.refresh_from_db()
    assert (committee_step.status, committee_step.actual_end) == ("planned", None)

    def refuse(self, *args, **kwargs):
        raise ValidationError("refused")

    other = PolicyFactory(slug="tredje", kind=Policy.Kind.STRATEGY, adopted_on=None,
                          status=Policy.Status.CONSULTATION,
                          consultation_ends=datetime.date(2026, 1, 15))
    ProcessStepFactory(policy=other, title_da="Udvalget", adoption_by="committee")
    monkeypatch.setattr(ProcessStep, "full_clean", refuse)
    with pytest.raises(ValidationError):
        policy_adopt(policy=other, decisions=[(kfu, datetime.date(2026, 3, 2))])
    other.refresh_from_db()
    consulted.refresh_from_db()
    assert (other.status, other.adopted_on) == ("consultation", None)
    assert not other.adoptions.exists()
    assert consulted.status == "adopted"  # not archived: the adoption was undone as a whole


@pytest.mark.parametrize("change, message", [
    ({"final_on": ""}, "Dette felt er påkrævet."),
    ({"final_on": "2099-01-01"}, "denne dato ligger i fremtiden"),
    ({"first_on": "2026-03-01"}, "Den første beslutning skal komme før vedtagelsen."),
    ({"first_on": ""}, "Angiv både organ og dato for den første beslutning, eller ingen af dem."),
    ({"first_on": "2026-01-10", "final_on": "2026-01-12"}, "Høringen løb til 15.01.2026"),
    ({"final_on": "24-02-2026x"}, "Indtast en gyldig dato."),
], ids=["no-date", "future", "order", "half", "during-consultation", "garbage"])
def test_bad_adoption_input_gives_a_message_and_changes_nothing(admin_client, consulted, bodies,
                                                                change, message):
    data = {**adopt_data(bodies), **change}
    response = admin_client.post(f"/admin/policy/policy/{consulted.pk}/adopt/", data)
    assert response.status_code == 200
    assert message in text_of(response)
    consulted.refresh_from_db()
    assert (consulted.status, consulted.adopted_on) == ("consultation", None)
    assert not Adoption.objects.exists()


def test_adoption_needs_the_change_permission(client, django_user_model, consulted, bodies):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("laeser", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_policy"))
    client.force_login(user)
    url = f"/admin/policy/policy/{consulted.pk}/adopt/"
    assert client.get(url).status_code == 403
    assert client.post(url, adopt_data(bodies)).status_code == 403
    consulted.refresh_from_db()
    assert consulted.status == "consultation"


def test_adopt_page_only_accepts_a_post_to_adopt(admin_client, consulted, bodies):
    admin_client.get(f"/admin/policy/policy/{consulted.pk}/adopt/", adopt_data(bodies))
    consulted.refresh_from_db()
    assert consulted.status == "consultation"


def test_one_current_policy_per_kind(municipality):
    PolicyFactory(kind=Policy.Kind.POLICY)
    PolicyFactory(kind=Policy.Kind.STRATEGY)  # both current: allowed
    assert Policy.objects.in_force().count() == 2
    with pytest.raises(IntegrityError), transaction.atomic():
        PolicyFactory(kind=Policy.Kind.STRATEGY)


def test_front_page_shows_the_policy_and_links_the_strategy_also_in_force(client, ballerup):
    PolicyFactory(slug="strategi", kind=Policy.Kind.STRATEGY, title_da="Strategien")
    text = text_of(client.get("/politik/"))
    assert ballerup.title_da in text
    assert "Også gældende: Strategien (strategi)" in text


# After a new policy: the action plan and the indicators -------------------------------------

def test_action_plan_shows_current_points_by_default_and_archived_behind_a_filter(client,
                                                                                  ballerup):
    old = PolicyFactory(slug="gammel", status=Policy.Status.ARCHIVED, title_da="Gammel")
    ActionPointFactory(theme=ThemeFactory(policy=old), title_da="Arkiveret indsats")
    from tests.policy.test_action_plan import titles_in_table

    default = titles_in_table(client.get("/politik/handlingsplan/"))
    assert "Arkiveret indsats" not in default and len(default) == 2
    archived = titles_in_table(client.get("/politik/handlingsplan/", {"scope": "archived"}))
    assert archived == ["Arkiveret indsats"]
    assert len(titles_in_table(client.get("/politik/handlingsplan/", {"scope": "all"}))) == 3
    html = client.get("/politik/handlingsplan/").content.decode()
    assert '<option value="archived">Arkiverede politikker</option>' in html
