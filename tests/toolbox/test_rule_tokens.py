"""Rule tokens besides the citation: [[værdi:slug]] prints just the value, [[udsagn:slug]]
just the statement, in guides and in the planner's texts; local practice and unsettled
deadlines; where a rule is used (admin) and the editor's picker data."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar

from tests.factories import (
    AnswerOptionFactory, GuideFactory, QuestionFactory, RequirementFactory, RuleFactory,
)
from core.cache import bump_content_version
from toolbox.rules import render_with_citations

pytestmark = pytest.mark.django_db

GUIDES_DA, GUIDES_EN = "/vaerktoejskasse/vejledninger/", "/en/toolbox/guides/"
PLANNER, ICS = "/vaerktoejskasse/planlaeg/", "/vaerktoejskasse/planlaeg/kalender.ics"


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_value_and_statement_tokens_print_the_rule_as_it_is_now(client):
    rule = RuleFactory(slug="antal", statement_da="Højst {value} uden tilladelse",
                       statement_en="At most {value} without a permit")
    guide = GuideFactory(
        body_da="| Antal | Regel |\n| --- | --- |\n| [[værdi:antal]] | [[udsagn:antal]] |\n",
        body_en="Up to [[værdi:antal]]. [[udsagn:antal]].")
    page = _page(client, f"{GUIDES_DA}{guide.slug}/")
    assert "<td>150 personer</td>" in page and "<td>Højst 150 personer uden tilladelse</td>" in page
    assert "[[" not in page
    english = _page(client, f"{GUIDES_EN}{guide.slug}/")
    assert "Up to 150 people. At most 150 people without a permit." in english
    rule.value = 175
    rule.save()
    page = _page(client, f"{GUIDES_DA}{guide.slug}/")  # the body is cached; the value is not
    assert "<td>175 personer</td>" in page and "150" not in page


def test_value_tokens_in_link_text_and_attributes_stay_plain_text():
    from html.parser import HTMLParser

    RuleFactory(slug="v", statement_da="<b>fed</b> {value}", unit_da='"><script>x()</script>')
    html = str(render_with_citations(
        '[se [[værdi:v]]](https://ok.example "[[udsagn:v]]") og [[værdi:v]]'))

    class Tags(HTMLParser):
        tags, titles, text = [], [], []

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)
            self.titles += [value for name, value in attrs if name == "title"]

        def handle_data(self, data):
            self.text.append(data)

    parser = Tags()
    parser.feed(html)
    # No markup from the rule: one paragraph with one link, the rule's text shown as text.
    assert parser.tags == ["p", "a"]
    assert parser.titles == ['<b>fed</b> 150 "><script>x()</script>']
    assert "".join(parser.text) == 'se 150 "><script>x()</script> og 150 "><script>x()</script>'


@pytest.mark.parametrize("token", ["[[værdi:findes-ikke]]", "[[udsagn:findes-ikke]]"])
def test_unknown_slugs_in_value_and_statement_tokens_fail_on_save(token):
    with pytest.raises(ValidationError) as error:
        GuideFactory.build(body_da=f"Se {token}.").clean()
    assert "findes-ikke" in error.value.message_dict["body_da"][0]
    question = QuestionFactory.build(key="spm", text_da=f"Flere end {token}?")
    with pytest.raises(ValidationError) as error:
        question.full_clean()
    assert "text_da" in error.value.message_dict
    with pytest.raises(ValidationError):
        RequirementFactory.build(slug="krav", title_da="Krav", why_da=token).full_clean(
            exclude=["triggers"])
    option = AnswerOptionFactory.build(question=QuestionFactory(), key="x", label_en=token)
    with pytest.raises(ValidationError) as error:
        option.full_clean()
    assert "label_en" in error.value.message_dict


def test_titles_and_summaries_cannot_hold_tokens():
    RuleFactory(slug="kendt")
    with pytest.raises(ValidationError) as error:
        GuideFactory.build(summary_da="Højst [[værdi:kendt]].").clean()
    assert error.value.message_dict["summary_da"] == [
        "Regelkoder virker kun i brødteksten: skriv denne tekst uden dem."]


def test_planner_questions_answers_and_items_print_rule_values(client, municipality,
                                                               django_assert_max_num_queries):
    RuleFactory(slug="antal")
    RuleFactory(slug="alder", value=15, unit_da="år", unit_en="years")
    question = QuestionFactory(key="deltagere", text_da="Er I flere end [[værdi:antal]]?",
                               text_en="More than [[værdi:antal]]?",
                               help_text_da="[[udsagn:antal]].")
    many = AnswerOptionFactory(question=question, key="mange", label_da="Flere end [[værdi:antal]]",
                               label_en="More than [[værdi:antal]]")
    RequirementFactory(slug="attest", title_da="Attest for børn under [[værdi:alder]]",
                       why_da="Børn under [[værdi:alder]] kræver attest.", triggers=[many])
    url = f"{PLANNER}?deltagere=mange&dato=2030-06-14"
    _page(client, url)  # warm the site-wide caches (municipality settings)
    bump_content_version()  # ... but not the page cache
    # The tokens of every text on the page cost one query together.
    with django_assert_max_num_queries(8):
        page = _page(client, url)
    assert "Er I flere end 150 personer?" in page and "Højst 150 personer uden tilladelse." in page
    assert "Flere end 150 personer" in page
    assert "Attest for børn under 15 år" in page and "Børn under 15 år kræver attest." in page
    assert "[[" not in page
    english = _page(client, "/en/toolbox/plan/?deltagere=mange")
    assert "More than 150 people?" in english
    calendar = client.get(f"{ICS}?deltagere=mange&dato=2030-06-14").content.decode()
    assert "[[" not in calendar


def test_an_unsettled_rule_gives_no_dated_deadline_on_the_page_or_in_the_calendar(client):
    unsettled = RuleFactory(slug="vej", statement_da="Nogle kommuner beder om {value} varsel",
                            value=4, unit_da="ugers", lead_time_days=28, to_check=True,
                            authority_da="Testrup Kommune")
    settled = RuleFactory(slug="politi", value=3, unit_da="dage", lead_time_days=3)
    question = QuestionFactory(key="aktiviteter")
    road = AnswerOptionFactory(question=question, key="vej")
    RequirementFactory(slug="vej", title_da="Søg om vejen", triggers=[road], rules=[unsettled])
    RequirementFactory(slug="politi", title_da="Giv politiet besked", triggers=[road],
                       rules=[settled])
    page = _page(client, f"{PLANNER}?aktiviteter=vej&dato=2030-06-14")
    assert "tjek fristen med Testrup Kommune" in page
    assert "17. maj 2030" not in page  # 28 days before 14 June
    assert "11. juni 2030" in page  # the settled rule keeps its date
    calendar = Calendar.from_ical(client.get(f"{ICS}?aktiviteter=vej&dato=2030-06-14").content)
    starts = sorted(event.decoded("dtstart") for event in calendar.walk("VEVENT"))
    assert starts == [datetime.date(2030, 6, 11), datetime.date(2030, 6, 14)]


def test_local_practice_names_the_municipality_from_the_settings(client, municipality):
    rule = RuleFactory(slug="frist", local_practice=True, legal_basis_da="", legal_basis_en="",
                       authority_da="Kultur & Fritid", authority_en="Culture & Leisure")
    guide = GuideFactory(body_da="[[regel:frist]]", body_en="[[regel:frist]]")
    name = municipality.name  # "Testrup Kommune" or whatever the factory set
    assert f"{name}s praksis" in _page(client, f"{GUIDES_DA}{guide.slug}/")
    assert f"{name}'s practice" in _page(client, f"{GUIDES_EN}{guide.slug}/")
    assert "§" not in str(render_with_citations("[[regel:frist]]"))
    assert rule.local_practice


def test_rule_admin_page_lists_where_the_rule_is_used_with_links(admin_client):
    rule = RuleFactory(slug="brugt")
    unused = RuleFactory(slug="ubrugt")
    guide = GuideFactory(title_da="Alkohol", body_da="Højst [[værdi:brugt]].")
    RuleFactory(slug="ikke-brugt")
    GuideFactory(title_da="Anden", body_da="[[værdi:ikke-brugt]]")  # a slug ending the same way
    item = RequirementFactory(title_da="Giv besked", rules=[rule])
    by_text = RequirementFactory(title_da="Søg", why_da="Over [[værdi:brugt]].")
    question = QuestionFactory(text_da="Flere end [[værdi:brugt]]?")
    option = AnswerOptionFactory(question=QuestionFactory(text_da="Hvor?"),
                                 label_da="[[udsagn:brugt]]")
    page = admin_client.get(f"/admin/toolbox/rule/{rule.pk}/change/").content.decode()
    assert f'href="/admin/toolbox/guide/{guide.pk}/change/">Alkohol</a>' in page
    assert "Anden" not in page
    for requirement in (item, by_text):
        assert f'href="/admin/toolbox/requirement/{requirement.pk}/change/"' in page
    assert f'href="/admin/toolbox/question/{question.pk}/change/"' in page
    assert f'href="/admin/toolbox/question/{option.question_id}/change/"' in page
    assert "<code>[[værdi:brugt]]</code>" in page
    empty = admin_client.get(f"/admin/toolbox/rule/{unused.pk}/change/").content.decode()
    assert "Bruges endnu ikke i nogen vejledning" in empty


def test_the_picker_lists_rules_for_staff_only(client, admin_client):
    RuleFactory(slug="alkohol-antal-personer")
    data = json.loads(admin_client.get("/admin/toolbox/rule/picker/").content)
    assert {"slug": "alkohol-antal-personer",
            "statement": "Højst 150 personer uden tilladelse"} in data["rules"]
    response = client.get("/admin/toolbox/rule/picker/")
    assert response.status_code == 302 and "/login/" in response["Location"]
