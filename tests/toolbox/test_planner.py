"""The activity planner: questions as content, the checklist, deadlines, iCalendar, privacy."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from tests.factories import (
    AnswerOptionFactory,
    ContactFactory,
    GuideFactory,
    QuestionFactory,
    RequirementFactory,
    RuleFactory,
)
from tests.helpers import assert_constant_queries, count_queries
from toolbox.models import ChangeNote, Guide, Question, Requirement, used_rule_slugs
from toolbox.planner import deadline

pytestmark = pytest.mark.django_db

URL = "/vaerktoejskasse/planlaeg/"
EN_URL = "/en/toolbox/plan/"
ICS = "/vaerktoejskasse/planlaeg/kalender.ics"
FUTURE = "2030-06-14"  # a Friday


# Deadline arithmetic ---------------------------------------------------------------------------

@pytest.mark.parametrize("event, days, working, expected", [
    ("2026-06-17", 3, False, "2026-06-14"),   # Wednesday -> Sunday: calendar days keep weekends
    ("2026-06-15", 3, False, "2026-06-12"),   # Monday -> Friday, across the weekend
    ("2026-06-15", 1, False, "2026-06-14"),   # the day before is a Sunday, and stays one
    ("2026-06-15", 3, True, "2026-06-10"),    # Monday, 3 working days: Fri, Thu, Wed
    ("2026-06-17", 10, True, "2026-06-02"),   # two weeks of working days, and Grundlovsdag
    ("2026-06-20", 1, True, "2026-06-19"),    # Saturday -> Friday
    ("2026-06-22", 1, True, "2026-06-19"),    # Monday -> Friday, weekend skipped
    ("2026-03-01", 14, False, "2026-02-15"),  # across a month end
    ("2026-06-17", 0, False, "2026-06-17"),
    # Holidays are not working days: Easter Monday, Good Friday and Maundy Thursday 2026 ...
    ("2026-04-07", 3, True, "2026-03-30"),
    ("2026-05-15", 1, True, "2026-05-13"),    # ... Ascension Day (Thursday) ...
    ("2026-05-26", 1, True, "2026-05-22"),    # ... Whit Monday ...
    ("2027-01-04", 2, True, "2026-12-29"),    # ... New Year's Day, 31 December ...
    ("2026-12-28", 1, True, "2026-12-23"),    # ... Boxing Day (a Saturday), 24 and 25 December
    ("2026-06-08", 1, True, "2026-06-04"),    # and Grundlovsdag (Friday 5 June)
    ("2026-05-04", 1, True, "2026-05-01"),    # Store Bededag is abolished from 2024; 1 May works
    ("2023-05-08", 1, True, "2023-05-04"),    # but in 2023 Friday 5 May was still a holiday
    ("2026-04-07", 3, False, "2026-04-04"),   # calendar days count holidays like any day
])
def test_deadline_counts_back_in_calendar_or_working_days(event, days, working, expected):
    assert deadline(datetime.date.fromisoformat(event), days,
                    working_days=working) == datetime.date.fromisoformat(expected)


# Content built with factories -------------------------------------------------------------------

@pytest.fixture
def planner(municipality):
    alcohol = QuestionFactory(key="alkohol", text_da="Serverer I alkohol?")
    beer = AnswerOptionFactory(question=alcohol, key="oel-vin", label_da="Øl og vin")
    no_alcohol = AnswerOptionFactory(question=alcohol, key="nej", label_da="Nej")
    place = QuestionFactory(key="sted", text_da="Hvor?")
    indoors = AnswerOptionFactory(question=place, key="inde", label_da="Indendørs")
    outdoors = AnswerOptionFactory(question=place, key="ude", label_da="Udendørs")
    extra = QuestionFactory(key="aktiviteter", kind=Question.Kind.MULTIPLE, text_da="Hvad sker?")
    food = AnswerOptionFactory(question=extra, key="mad", label_da="Mad")
    money = AnswerOptionFactory(question=extra, key="indsamling", label_da="Indsamling")
    guide = GuideFactory(title_da="Alkohol ved arrangementer", slug="alkohol")
    police = ContactFactory(name_da="Politiet", email="politi@example.dk")
    notify = RuleFactory(slug="besked", statement_da="Besked senest {value} før", value=3,
                         unit_da="dage", lead_time_days=3, authority_da="Politiet")
    working = RuleFactory(slug="arbejdsdage", statement_da="Senest {value} før", value=2,
                          unit_da="arbejdsdage", lead_time_days=2, working_days=True)
    collection = RuleFactory(slug="indsamling", statement_da="Søg {value} før", value=14,
                             unit_da="dage", lead_time_days=14, authority_da="Indsamlingsnævnet")
    items = {
        "besked": RequirementFactory(slug="besked", title_da="Giv politiet besked",
                                     triggers=[beer], rules=[notify], guides=[guide],
                                     contact=police),
        "tilladelse": RequirementFactory(slug="tilladelse", title_da="Søg tilladelse",
                                         triggers=[beer]),
        "mad": RequirementFactory(slug="mad", title_da="Tjek registrering",
                                  category=Requirement.Category.CHECK, triggers=[food],
                                  rules=[working]),
        "indsamling": RequirementFactory(slug="indsamling", title_da="Søg Indsamlingsnævnet",
                                         triggers=[money], rules=[collection]),
        "forsikring": RequirementFactory(slug="forsikring", title_da="Tjek forsikringen",
                                         category=Requirement.Category.ADVICE,
                                         triggers=[indoors, outdoors], lead_time_days=20),
    }
    items["besked"].excluded_by.set([outdoors])
    items["tilladelse"].requires_also.set([outdoors])
    return {"options": {"beer": beer, "no": no_alcohol, "indoors": indoors,
                        "outdoors": outdoors, "food": food, "money": money},
            "items": items, "police": police}


def _titles(response):
    return [group_item.requirement.title for group in response.context["groups"]
            for group_item in group.items]


@pytest.mark.parametrize("query, expected", [
    ("alkohol=oel-vin", ["Giv politiet besked"]),
    ("alkohol=oel-vin&sted=inde", ["Giv politiet besked", "Tjek forsikringen"]),
    ("alkohol=oel-vin&sted=ude", ["Søg tilladelse", "Tjek forsikringen"]),  # excluded / requires
    ("alkohol=nej", []),
    ("sted=ude", ["Tjek forsikringen"]),
    ("aktiviteter=mad", ["Tjek registrering"]),
    ("aktiviteter=indsamling", ["Søg Indsamlingsnævnet"]),
    ("aktiviteter=mad&aktiviteter=indsamling", ["Søg Indsamlingsnævnet", "Tjek registrering"]),
])
def test_each_answer_brings_exactly_its_items(client, planner, query, expected):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert sorted(_titles(response)) == sorted(expected)


def test_answer_page_groups_items_and_counts_deadlines_back(client, planner):
    response = client.get(f"{URL}?dato=2026-12-15&alkohol=oel-vin&sted=inde&aktiviteter=mad"
                          "&aktiviteter=indsamling")
    page = response.content.decode()
    groups = [(group.label, [i.requirement.slug for i in group.items])
              for group in response.context["groups"]]
    assert groups == [("Skal", ["besked", "indsamling"]), ("Tjek", ["mad"]),
                      ("Gode råd", ["forsikring"])]
    assert '<h2 id="planner-group-must">Skal</h2>' in page
    assert "senest 3 dage før: 12. december 2026" in page          # calendar days
    assert "senest 2 arbejdsdage før: 11. december 2026" in page   # Tue 15 -> Fri 11
    assert "senest 14 dage før: 1. december 2026" in page
    assert "senest 20 dage før: 25. november 2026" in page         # the item's own lead time
    assert ('Politiet, <a href="mailto:politi@example.dk">politi@example.dk</a>' in page)
    assert '<a href="/vaerktoejskasse/vejledninger/alkohol/">Alkohol ved arrangementer</a>' in page
    assert "Besked senest 3 dage før." in page and "verificeret" in page


def test_items_without_their_own_contact_name_the_municipality(client, planner, municipality):
    page = client.get(f"{URL}?aktiviteter=mad").content.decode()
    assert f"Kontakt:\n          {municipality.name}" in page


def test_past_deadlines_and_past_dates_are_warned(client, planner):
    soon = timezone.localdate() + datetime.timedelta(days=5)
    page = client.get(f"{URL}?dato={soon.isoformat()}&aktiviteter=indsamling&aktiviteter=mad"
                      ).content.decode()
    assert page.count("Denne frist er allerede overskredet.") == 1  # 14 days: past; 2 w.d.: not
    assert "Datoen for aktiviteten er overskredet." not in page
    past = client.get(f"{URL}?dato=2020-01-10&aktiviteter=mad").content.decode()
    assert "Datoen for aktiviteten er overskredet." in past
    assert "Denne frist er allerede overskredet." in past


def test_without_a_date_the_deadline_is_relative(client, planner):
    page = client.get(f"{URL}?alkohol=oel-vin").content.decode()
    assert "senest 3 dage før aktiviteten" in page
    assert "Angiv datoen for aktiviteten for at se fristerne som datoer." in page


def test_the_empty_form_has_every_question_as_radio_buttons_or_check_boxes(client, planner):
    response = client.get(URL)
    page = response.content.decode()
    assert "<h1>Planlæg en aktivitet</h1>" in page
    assert response.context["answered"] is False
    assert '<legend>Serverer I alkohol?</legend>' in page
    assert 'type="radio" name="alkohol" value="oel-vin"' in page
    assert 'type="checkbox" name="aktiviteter" value="mad"' in page
    assert 'type="date" name="dato"' in page
    assert "<script" not in page.split("<main")[1]


def test_english_page_has_a_translated_address(client, planner):
    page = client.get(f"{EN_URL}?alkohol=oel-vin").content.decode()
    assert "<h1>Plan an activity</h1>" in page and "Must" in page


@pytest.mark.parametrize("query", [
    "dato=2026-02-31", "dato=0001-01-01", "dato=9999-12-31", "dato=%00", "dato=1e309",
    "alkohol=whisky", "alkohol=%00", "aktiviteter=mad&aktiviteter=rumrejse",
    "alkohol=oel-vin&alkohol=nej&alkohol=%F0%9F%92%A5", "sted=" + "x" * 5000,
])
def test_bad_values_in_the_link_give_a_clear_message_never_an_error(client, planner, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    page = response.content.decode()
    if "alkohol=oel-vin&alkohol=nej" in query:  # the last value counts for a single answer
        assert "Nogle af svarene" in page
    else:
        assert ("Nogle af svarene i linket blev ikke genkendt. Tjek svarene nedenfor, og prøv "
                "igen.") in page
    assert response.context["groups"] == []
    assert client.get(f"{ICS}?{query}").status_code == 302


def test_unknown_parameters_show_the_empty_form(client, planner):
    response = client.get(f"{URL}?utm_source=x&page=2")
    assert response.context["answered"] is False and "Nogle af svarene" not in (
        response.content.decode())


def test_calendar_file_is_valid_and_has_the_deadlines(client, planner):
    response = client.get(f"{ICS}?dato=2026-12-15&alkohol=oel-vin&aktiviteter=mad&sted=inde")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="planlaeg-aktivitet.ics"'
    body = response.content
    assert body.startswith(b"BEGIN:VCALENDAR\r\n") and body.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))  # folded per RFC 5545
    calendar = Calendar.from_ical(body)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"Frist: Giv politiet besked", "Frist: Tjek registrering",
                           "Frist: Tjek forsikringen", "Aktiviteten"}
    starts = {summary: e.decoded("DTSTART") for summary, e in events.items()}
    assert starts == {
        "Frist: Giv politiet besked": datetime.date(2026, 12, 12),
        "Frist: Tjek registrering": datetime.date(2026, 12, 11),
        "Frist: Tjek forsikringen": datetime.date(2026, 11, 25),
        "Aktiviteten": datetime.date(2026, 12, 15),
    }
    for event in events.values():
        assert event["UID"] and event["DTSTAMP"]
        assert event.decoded("DTEND") == event.decoded("DTSTART") + datetime.timedelta(days=1)
    assert len({str(e["UID"]) for e in events.values()}) == 4
    assert "dato=2026-12-15" in str(events["Aktiviteten"]["URL"])


def test_calendar_without_answers_sends_the_reader_to_the_form(client, planner):
    response = client.get(ICS)
    assert response.status_code == 302 and response["Location"] == URL


def test_answer_page_sets_no_cookies_and_writes_nothing(client, planner):
    with CaptureQueriesContext(connection) as context:
        response = client.get(f"{URL}?dato={FUTURE}&alkohol=oel-vin&aktiviteter=mad")
        calendar = client.get(f"{ICS}?dato={FUTURE}&alkohol=oel-vin&aktiviteter=mad")
    assert response.status_code == 200 and calendar.status_code == 200
    assert not response.cookies and not calendar.cookies
    writes = [q["sql"] for q in context.captured_queries
              if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]
    assert writes == []
    assert "Intet bliver gemt på sitet." in response.content.decode()


def test_answer_page_query_count_is_constant(client, planner):
    options = planner["options"]

    def add_items(count):
        for _ in range(count):
            RequirementFactory(triggers=[options["food"]], rules=RuleFactory.create_batch(2),
                               guides=[GuideFactory()], contact=ContactFactory())

    assert_constant_queries(client, f"{URL}?dato={FUTURE}&aktiviteter=mad", add_items,
                            maximum=8)


def test_empty_form_query_count_is_constant(client, planner):
    def add_questions(count):
        for _ in range(count):
            AnswerOptionFactory.create_batch(3, question=QuestionFactory())

    assert_constant_queries(client, URL, add_questions, maximum=8)


# The guide page's links into the planner -------------------------------------------------------

GUIDE_URL = "/vaerktoejskasse/vejledninger/alkohol/"
PLANNER_LINKS = re.compile(r'<ul aria-labelledby="planner-items-intro">(.*?)</ul>', re.DOTALL)
PLANNER_LINK = re.compile(r'<li><a href="([^"]+)">([^<]+)</a></li>')


@pytest.fixture
def event_guide(planner):
    """The alcohol guide with a citation in its body, four change notes and six checklist items
    pointing to it: each kind of "and also" and "but not when", and a title with a rule value."""
    options, items = planner["options"], planner["items"]
    guide = Guide.objects.get(slug="alkohol")
    guide.body_da = "## Tilladelse\n\nHusk: [[regel:besked]]"
    guide.body_en = "## Permit\n\nRemember: [[regel:besked]]"
    guide.save()
    for slug in ("tilladelse", "mad", "indsamling", "forsikring"):
        items[slug].guides.add(guide)
    # Both of one question that takes several answers: the link gives both.
    items["mad"].requires_also.set([options["money"]])
    # "And also" only another answer to the same single-answer question: no short link.
    RequirementFactory(title_da="Kan ikke nås", triggers=[options["beer"]],
                       guides=[guide]).requires_also.set([options["no"]])
    # The answers that bring it in also hide it: no link.
    hidden = RequirementFactory(title_da="Skjult", triggers=[options["food"]], guides=[guide])
    hidden.excluded_by.set([options["food"]])
    items["indsamling"].title_da = "Søg [[værdi:indsamling]] før"
    items["indsamling"].title_en = "Apply [[værdi:indsamling]] ahead"
    items["indsamling"].save()
    for day in range(1, 5):
        ChangeNote.objects.create(
            guide=guide, note_da=f"Ændring {day}",
            created_at=timezone.make_aware(datetime.datetime(2026, 11, day, 12)))
    return guide


def test_an_event_guide_links_its_checklist_items_with_the_answers_that_bring_them_in(
        client, event_guide):
    page = client.get(GUIDE_URL).content.decode()
    links = [(title, href.replace("&amp;", "&"))
             for href, title in PLANNER_LINK.findall(PLANNER_LINKS.search(page).group(1))]
    assert links == [
        ("Giv politiet besked", f"{URL}?alkohol=oel-vin"),
        ("Søg tilladelse", f"{URL}?alkohol=oel-vin&sted=ude"),
        ("Tjek registrering", f"{URL}?aktiviteter=mad&aktiviteter=indsamling"),
        ("Søg 14 dage før", f"{URL}?aktiviteter=indsamling"),
        ("Tjek forsikringen", f"{URL}?sted=inde"),
    ]
    for title, href in links:  # each link opens the planner with the item in its checklist
        assert title in _titles(client.get(href)), (title, href)
    assert "<strong>Besked senest 3 dage før</strong>" in page
    assert "Ændret 4. november 2026: Ændring 4" in page and "Ændring 2" in page
    assert "Ændring 1" not in page


def test_the_guide_page_reads_its_notes_items_and_answers_in_six_queries(client, event_guide):
    """The guide with its change notes and checklist items (and their answers), its topics,
    audiences, templates, related guides, and the rules the body and the items' titles use:
    13 queries (14 with a rule in a title) before they came in the guide's own query."""
    count_queries(client, GUIDE_URL)  # warm the site-wide caches (municipality settings)
    assert count_queries(client, GUIDE_URL) == 6
    assert count_queries(client, "/en/toolbox/guides/alkohol/") == 6


def test_the_planner_is_in_the_sitemap(client, planner):
    body = client.get("/sitemap.xml").content.decode()
    assert "/vaerktoejskasse/planlaeg/</loc>" in body and "/en/toolbox/plan/</loc>" in body


def test_question_key_cannot_clash_with_the_date_field():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        QuestionFactory.build(key="dato", text_da="x").full_clean()


# The demo ---------------------------------------------------------------------------------------

DEMO_CASES = {
    "sted=inde": {"forsikring-forening"},
    "sted=ude": {"udendoers-tilladelse-og-sikkerhedsplan", "forsikring-forening"},
    "sted=ude-lukket": {"forsikring-forening"},
    "deltagere=hoejst-150": set(),
    "deltagere=over-150": {"brand-pladsfordelingsplan", "brand-midlertidig-tilladelse"},
    "alkohol=nej": set(),
    "alkohol=oel-vin": {"alkohol-giv-politiet-besked"},
    "alkohol=spiritus": {"alkohol-spiritus"},
    "boern=ja": {"boerneattest"},
    "boern=nej": set(),
    "aktiviteter=vej": {"vej-og-plads"},
    "aktiviteter=mad": {"mad-registrering", "mad-foedevaresikkerhed"},
    "aktiviteter=indsamling": {"indsamlingstilladelse"},
    "aktiviteter=lotteri": {"lotteri-graense"},
    "aktiviteter=overnatning": {"overnatning-ansoeg", "overnatning-beredskab"},
    "aktiviteter=foto": {"billeder-og-persondata"},
    "aktiviteter=lokale": {"lokale-booking", "boerneattest-erklaering"},
    "aktiviteter=kommune": {"forsikring-kommunen", "kommune-tavshedspligt"},
    # Combinations: the police notice gives way to a permit outdoors or above 150 people.
    "alkohol=oel-vin&deltagere=over-150": {"alkohol-lejlighedstilladelse",
                                           "brand-pladsfordelingsplan",
                                           "brand-midlertidig-tilladelse"},
    # A closed, private party outdoors needs no permit (issue 18: the planner asked for one).
    "alkohol=oel-vin&sted=ude-lukket": {"alkohol-lukket-arrangement", "forsikring-forening"},
    "alkohol=spiritus&sted=ude-lukket": {"alkohol-lukket-arrangement", "forsikring-forening"},
    "alkohol=oel-vin&sted=ude": {"alkohol-lejlighedstilladelse",
                                 "udendoers-tilladelse-og-sikkerhedsplan", "forsikring-forening"},
    # Above 150 people staying overnight, BR18 § 6 g asks for 4 weeks' notice instead of 2.
    "aktiviteter=overnatning&deltagere=over-150": {"overnatning-ansoeg",
                                                   "overnatning-beredskab-stor",
                                                   "brand-pladsfordelingsplan",
                                                   "brand-midlertidig-tilladelse"},
}


def _slugs(response):
    return {item.requirement.slug for group in response.context["groups"] for item in group.items}


def test_demo_every_answer_option_brings_exactly_its_items(client, demo):
    from toolbox.models import AnswerOption

    every_option = {f"{o.question.key}={o.key}"
                    for o in AnswerOption.objects.select_related("question")}
    assert every_option <= set(DEMO_CASES)  # a new demo option needs its expected items here
    for query, expected in DEMO_CASES.items():
        assert _slugs(client.get(f"{URL}?{query}")) == expected, query


def test_demo_covers_every_rule_and_deadline_in_the_facts(client, demo):
    from toolbox.models import Rule

    rules = {rule.slug: rule for rule in Rule.objects.all()}
    assert len(rules) >= 20
    # The dagpenge/efterløn rules (cited by the guide "Bliv frivillig" and the opportunity
    # pages) were added from the facts' corrections of 1 December.
    assert {rule.verified_on for rule in rules.values()} == {datetime.date(2026, 11, 22),
                                                             datetime.date(2026, 12, 1)}
    facts = {
        "alkohol-antal-personer": "150 personer", "alkohol-aldersgraense": "21 år",
        "alkohol-besked-politi": "3 dage", "indsamling-tilladelse": "14 dage",
        "lotteri-graense": "15.000 kr.", "brand-pladsfordelingsplan": "150 personer",
        "lokaler-frist-haller": "1. december", "lokaler-frist-faglokaler": "1. maj",
        "boerneattest-alder": "15 år",
    }
    for slug, value in facts.items():
        assert rules[slug].value_display == value, slug
    assert rules["vej-frist"].to_check and rules["forsikring-kommunal-indsats"].to_check
    assert rules["lokaler-noeglebrik"].working_days
    used = {rule.slug for requirement in Requirement.objects.prefetch_related("rules")
            for rule in requirement.rules.all()}
    cited = {slug for guide in Guide.objects.all() for slug in used_rule_slugs(guide.body_da)}
    assert used | cited == set(rules)  # every rule is brought in by some answer or guide


def test_demo_answer_page_gives_no_date_for_the_unsettled_road_deadline(client, demo):
    """A to_check rule's lead time is not a deadline: the page says whom to ask instead."""
    page = client.get(f"{URL}?dato=2030-06-14&aktiviteter=vej").content.decode()
    assert "17. maj 2030" not in page and "senest 28 dage før" not in page
    assert "<strong>Frist:</strong>\n          tjek fristen med Ballerup Kommune</p>" in page
    calendar = client.get(f"{ICS}?dato=2030-06-14&aktiviteter=vej").content.decode()
    assert "20300517" not in calendar and "DTSTART;VALUE=DATE:20300614" in calendar


def test_demo_loader_is_idempotent(demo):
    import io

    from django.core.management import call_command

    from toolbox.models import AnswerOption, Rule

    before = [model.objects.count() for model in (Rule, Question, AnswerOption, Requirement)]
    requirement = Requirement.objects.get(slug="boerneattest")
    requirement.title_da = "Redigeret af en medarbejder"
    requirement.save()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    after = [model.objects.count() for model in (Rule, Question, AnswerOption, Requirement)]
    assert before == after
    assert "Planner: 0 questions and 0 checklist items created" in out.getvalue()
    assert Requirement.objects.get(slug="boerneattest").title_da == "Redigeret af en medarbejder"


def test_the_site_search_box_stays_empty_on_the_answer_page(client, planner):
    page = client.get(f"{URL}?dato={FUTURE}&alkohol=oel-vin").content.decode()
    assert 'name="q" type="search" placeholder="Søg, f.eks. forsikring" value=""' in page
    assert f'href="{ICS}?dato={FUTURE}&amp;alkohol=oel-vin" download' in page
    # Without a date there are no deadlines to download.
    assert "kalender.ics" not in client.get(f"{URL}?alkohol=oel-vin").content.decode()


def test_demo_pages_stay_within_the_query_budget(client, demo):
    from tests.helpers import count_queries

    answers = ("?dato=2030-06-14&sted=ude&deltagere=over-150&alkohol=oel-vin&boern=ja"
               "&aktiviteter=vej&aktiviteter=mad&aktiviteter=indsamling&aktiviteter=overnatning")
    count_queries(client, URL)  # warm the site-wide caches
    assert count_queries(client, URL) <= 8
    assert count_queries(client, URL + answers) <= 8
    assert count_queries(client, "/vaerktoejskasse/vejledninger/alkohol-ved-arrangementer/") <= 8


def test_the_closed_days_are_settings(settings):
    """Another country's holidays or other fixed days need no change in the code."""
    settings.PLANNER_HOLIDAY_COUNTRY, settings.PLANNER_CLOSED_DAYS = "SE", []
    # Swedish Epiphany (Tuesday 6 January) is not a working day; the Danish Grundlovsdag is.
    assert deadline(datetime.date(2026, 1, 7), 1, working_days=True) == datetime.date(2026, 1, 5)
    assert deadline(datetime.date(2026, 6, 8), 1, working_days=True) == datetime.date(2026, 6, 5)


# Subscribing to the deadlines (issue 18 §4) ----------------------------------------------------

SUBSCRIBE = "/vaerktoejskasse/planlaeg/abonnement.ics"
ANSWERS = "dato=2026-12-15&alkohol=oel-vin&aktiviteter=mad&sted=inde"


def _events(response):
    return {str(e["SUMMARY"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_planner_offers_a_webcal_subscription_for_the_same_answers(client, planner):
    page = client.get(f"{URL}?{ANSWERS}").content.decode()
    assert (f'href="webcal://testserver{SUBSCRIBE}?{ANSWERS.replace("&", "&amp;")}"' in page)
    assert f"http://testserver{SUBSCRIBE}?" in page  # the address to paste, for other apps
    english = client.get(f"{EN_URL}?{ANSWERS}").content.decode()
    assert 'href="webcal://testserver/en/toolbox/plan/subscribe.ics?' in english


def test_the_subscription_is_the_download_made_for_polling(client, planner):
    download = client.get(f"{ICS}?{ANSWERS}")
    subscription = client.get(f"{SUBSCRIBE}?{ANSWERS}")
    assert subscription.status_code == 200
    assert subscription["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in subscription  # opened by the calendar, not saved
    assert subscription["Cache-Control"] == "public, max-age=3600"
    calendar = Calendar.from_ical(subscription.content)
    assert calendar["REFRESH-INTERVAL"].dt == datetime.timedelta(hours=12)
    assert {summary: (str(e["UID"]), e.decoded("DTSTART"))
            for summary, e in _events(subscription).items()} == {
        summary: (str(e["UID"]), e.decoded("DTSTART")) for summary, e in _events(download).items()}
    assert not subscription.cookies


def test_a_changed_rule_moves_the_deadline_under_the_same_uid(client, planner):
    before = _events(client.get(f"{SUBSCRIBE}?{ANSWERS}"))["Frist: Giv politiet besked"]
    rule = Requirement.objects.get(slug="besked").rules.get()
    rule.value, rule.lead_time_days = 5, 5
    rule.save()
    after = _events(client.get(f"{SUBSCRIBE}?{ANSWERS}"))["Frist: Giv politiet besked"]
    assert before.decoded("DTSTART") == datetime.date(2026, 12, 12)
    assert after.decoded("DTSTART") == datetime.date(2026, 12, 10)
    assert str(after["UID"]) == str(before["UID"])


def test_a_subscription_without_answers_sends_the_reader_to_the_form(client, planner):
    response = client.get(SUBSCRIBE)
    assert response.status_code == 302 and response["Location"] == URL


def test_an_unconfirmed_contact_is_shown_as_the_municipality(client, planner, municipality):
    police = planner["police"]
    page = client.get(f"{URL}?{ANSWERS}").content.decode()
    assert "politi@example.dk" in page
    police.details_confirmed = False
    police.save()
    page = client.get(f"{URL}?{ANSWERS}").content.decode()
    assert "politi@example.dk" not in page
    assert municipality.contact_email in page and municipality.phone in page
