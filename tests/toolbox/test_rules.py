"""Rules kept as data: citation in guides, update propagation, unknown slugs, overdue rules."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone, translation

from tests.factories import AudienceFactory, GuideFactory, RuleFactory, TopicFactory
from tests.toolbox.test_admin import _guide_form
from toolbox.models import Guide, Rule
from toolbox.rules import render_with_citations

pytestmark = pytest.mark.django_db

NOV_22 = datetime.date(2026, 11, 22)


def _guide_page(client, guide, english=False):
    prefix = "/en/toolbox/guides/" if english else "/vaerktoejskasse/vejledninger/"
    return client.get(f"{prefix}{guide.slug}/").content.decode()


def test_a_cited_rule_is_shown_with_value_source_and_verified_date(client):
    RuleFactory(slug="alkohol-antal-personer", verified_on=NOV_22)
    guide = GuideFactory(body_da="## Regler\n\n- [[regel:alkohol-antal-personer]]\n",
                         body_en="## Rules\n\n- [[regel:alkohol-antal-personer]]\n")
    page = _guide_page(client, guide)
    assert ('<li><strong>Højst 150 personer uden tilladelse</strong> (<a href="https://politi.dk" '
            'rel="noopener noreferrer">Politiet</a>; Restaurationsloven § 22; verificeret '
            '22. november 2026)</li>') in page
    assert "[[regel:" not in page
    english = _guide_page(client, guide, english=True)
    assert ("<strong>At most 150 people without a permit</strong> (<a href=\"https://politi.dk\" "
            "rel=\"noopener noreferrer\">The police</a>; Restaurants Act s. 22; verified "
            "22 November 2026)") in english


@pytest.mark.parametrize("fields, shown", [
    ({"value": Decimal("15000"), "unit_da": "kr.", "statement_da": "Under {value} om året"},
     "Under 15.000 kr. om året"),
    ({"value": Decimal("2.5"), "unit_da": "%", "statement_da": "Mindst {value}"}, "Mindst 2,5 %"),
    ({"value": None, "value_month": 12, "value_day": 1, "unit_da": "",
      "statement_da": "Frist: {value}"}, "Frist: 1. december"),
    ({"value": Decimal("3"), "unit_da": "dage", "statement_da": "Giv besked i god tid."},
     "Giv besked i god tid: 3 dage"),
    ({"value": None, "unit_da": "", "statement_da": "Ingen værdi."}, "Ingen værdi."),
])
def test_rule_value_is_formatted_for_readers(fields, shown):
    rule = RuleFactory(**fields)
    with translation.override("da"):
        assert Rule.objects.get(pk=rule.pk).statement_display == shown


def test_changing_a_rule_updates_every_citing_guide_at_once(client):
    rule = RuleFactory(slug="alkohol-aldersgraense", statement_da="Mindst {value}", value=25,
                       unit_da="år")
    first = GuideFactory(body_da="Alder: [[regel:alkohol-aldersgraense]]")
    second = GuideFactory(body_da="Se også [[regel:alkohol-aldersgraense]].")
    assert "<strong>Mindst 25 år</strong>" in _guide_page(client, first)  # cached now
    rule.value = 21
    rule.save()
    for guide in (first, second):
        page = _guide_page(client, guide)
        assert "<strong>Mindst 21 år</strong>" in page and "25 år" not in page


def test_rule_fields_cannot_inject_html(client):
    RuleFactory(slug="farlig", statement_da='<script>alert(1)</script> {value}',
                authority_da='<img src=x onerror=alert(1)>', url="javascript:alert(1)",
                legal_basis_da="**fed** [link](javascript:alert(2))")
    html = render_with_citations("Tekst [[regel:farlig]]")
    assert html == (
        "<p>Tekst <strong>&lt;script&gt;alert(1)&lt;/script&gt; 150 personer</strong> "
        '(<a rel="noopener noreferrer">&lt;img src=x onerror=alert(1)&gt;</a>; **fed** '
        "[link](javascript:alert(2)); "
        "verificeret {})</p>".format(_today_da()))


def _today_da():
    from django.utils.formats import date_format

    with translation.override("da"):
        return date_format(timezone.localdate(), "DATE_FORMAT")


def test_a_citation_in_a_heading_leaves_no_token_in_the_table_of_contents(client):
    RuleFactory(slug="frist")
    guide = GuideFactory(body_da="## Frist [[regel:frist]]\n\nA\n\n## To\n\nB")
    page = _guide_page(client, guide)
    assert '<li><a href="#frist-regelfrist">Frist</a></li>' in page
    assert "[[regel" not in page


def test_guide_clean_rejects_unknown_slugs_in_both_languages():
    RuleFactory(slug="kendt")
    guide = GuideFactory.build(body_da="[[regel:kendt]] [[regel:ukendt-da]]",
                               body_en="[[regel:ukendt-en]]")
    with pytest.raises(ValidationError) as error:
        guide.clean()
    messages = error.value.message_dict
    assert messages["body_da"] == ["Ingen regel har slug ukendt-da. Tjek stavningen i "
                                   "[[regel:…]], [[værdi:…]] eller [[udsagn:…]], eller opret "
                                   "reglen først."]
    assert "ukendt-en" in messages["body_en"][0]


def test_admin_form_names_the_unknown_slug_and_saves_nothing(admin_client):
    data = _guide_form(TopicFactory(), AudienceFactory(),
                       body_da="Se [[regel:findes-ikke]].", **{"attachment_links-TOTAL_FORMS": 0})
    response = admin_client.post("/admin/toolbox/guide/add/", data)
    assert response.status_code == 200
    assert "Ingen regel har slug findes-ikke." in response.content.decode()
    assert Guide.objects.count() == 0


def test_admin_form_accepts_a_known_slug(admin_client):
    RuleFactory(slug="findes")
    data = _guide_form(TopicFactory(), AudienceFactory(),
                       body_da="Se [[regel:findes]].", **{"attachment_links-TOTAL_FORMS": 0})
    assert admin_client.post("/admin/toolbox/guide/add/", data).status_code == 302
    assert Guide.objects.get().body_da == "Se [[regel:findes]]."


def test_admin_preview_fills_in_citations(admin_client):
    RuleFactory(slug="forhaandsvisning")
    html = admin_client.post("/admin/toolbox/guide/markdown-preview/",
                             {"text": "[[regel:forhaandsvisning]]"}).content.decode()
    assert "<strong>Højst 150 personer uden tilladelse</strong>" in html


@pytest.mark.parametrize("fields, field", [
    ({"value": None, "value_month": 2, "value_day": 30}, "value_day"),
    ({"value": None, "value_month": 5, "value_day": None}, "value_day"),
    ({"value": 3, "value_month": 5, "value_day": 1}, "value"),
    ({"value": None, "statement_da": "Senest {value} før"}, "statement_da"),
])
def test_rule_clean_rejects_inconsistent_values(fields, field):
    rule = RuleFactory.build(**fields)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert field in error.value.message_dict


def test_overdue_rules_are_filtered_and_marked_in_the_admin(admin_client, settings):
    settings.TOOLBOX_RULE_REVIEW_MONTHS = 12
    today = timezone.localdate()
    RuleFactory(slug="gammel-regel", verified_on=today - datetime.timedelta(days=400))
    RuleFactory(slug="frisk-regel", verified_on=today)
    page = admin_client.get("/admin/toolbox/rule/").content.decode()
    assert "Efter verificering" in page and "(forsinket)" in page
    overdue = admin_client.get("/admin/toolbox/rule/?verification=overdue").content.decode()
    assert "gammel-regel" in overdue and "frisk-regel" not in overdue
    in_time = admin_client.get("/admin/toolbox/rule/?verification=ok").content.decode()
    assert "frisk-regel" in in_time and "gammel-regel" not in in_time


def test_review_command_lists_overdue_rules_after_the_guides(settings):
    settings.TOOLBOX_RULE_REVIEW_MONTHS = 12
    RuleFactory(slug="gammel", verified_on=datetime.date(2024, 1, 10),
                statement_da="Gammel regel", value=None)
    RuleFactory(slug="ny", verified_on=datetime.date(2025, 2, 1))
    GuideFactory(reviewed_on=datetime.date(2025, 2, 1))
    out = io.StringIO()
    call_command("guides_review_overdue", "--date", "2025-03-01", stdout=out)
    assert out.getvalue().splitlines() == [
        "No guide is overdue for review on 2025-03-01.",
        "Rules to verify again:",
        "  - [[regel:gammel]] Gammel regel (verified 2024-01-10, Politiet)",
        "1 rule(s) overdue for verification on 2025-03-01.",
    ]


@pytest.mark.parametrize("url", ["/admin/toolbox/rule/", "/admin/toolbox/rule/add/",
                                 "/admin/toolbox/question/add/", "/admin/toolbox/requirement/",
                                 "/admin/toolbox/requirement/add/"])
def test_rule_and_planner_admin_pages_open(admin_client, url):
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "<h1>" in response.content.decode()


def test_toolbox_editors_may_edit_rules_and_planner_content():
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="Værktøjskasseredaktører")
                    .permissions.values_list("codename", flat=True))
    assert {"change_rule", "add_rule", "change_requirement", "change_question",
            "change_answeroption"} <= codenames


def test_demo_guides_cite_only_existing_rules_and_show_them(client, demo):
    citing = [g for g in Guide.objects.all() if "[[regel:" in g.body_da]
    assert len(citing) >= 10
    for guide in citing:
        guide.full_clean()
        assert "[[regel:" in guide.body_en
    page = _guide_page(client, Guide.objects.get(slug="alkohol-ved-arrangementer"))
    assert "<strong>Den ansvarlige for serveringen skal være mindst 21 år</strong>" in page
    assert "verificeret 22. november 2026" in page


def _parsed_links(html):
    """The <a> elements as a browser builds them (Lexbor follows the HTML standard)."""
    from selectolax.lexbor import LexborHTMLParser

    return [{**{name: value or "" for name, value in a.attributes.items()}, "text": a.text()}
            for a in LexborHTMLParser(html).css("a")]


@pytest.mark.parametrize("preview", [False, True], ids=["page", "admin-preview"])
def test_a_citation_in_a_link_title_cannot_break_out_of_the_attribute(client, admin_client,
                                                                       preview):
    """Issue 12.3: the rule URL is a valid URL that closes the title attribute and opens an
    event handler once the citation is swapped into the attribute value."""
    RuleFactory(slug="bryder-ud", url="https://x.example/onmouseover=alert(document.domain)//")
    body = '[x](https://ok.example "[[regel:bryder-ud]]")'
    if preview:
        html = admin_client.post("/admin/toolbox/guide/markdown-preview/",
                                 {"text": body}).content.decode()
    else:
        html = _guide_page(client, GuideFactory(body_da=body))
    links = [link for link in _parsed_links(html) if link.get("href") == "https://ok.example"]
    assert len(links) == 1
    assert not [name for link in _parsed_links(html) for name in link if name.startswith("on")]
    # In an attribute the citation is its plain-text form.
    assert links[0]["title"] == ("Højst 150 personer uden tilladelse (Politiet; "
                                 f"Restaurationsloven § 22; verificeret {_today_da()})")


def test_a_legitimate_rule_url_in_a_link_title_or_text_gives_correct_markup(client):
    RuleFactory(slug="lovlig", url="https://politi.dk/tilladelser")
    guide = GuideFactory(body_da='[Læs mere](https://ok.example "[[regel:lovlig]]") og '
                                 "[se [[regel:lovlig]]](https://ok2.example)")
    links = _parsed_links(_guide_page(client, guide))
    by_href = {link["href"]: link for link in links if "ok" in link["href"]}
    assert by_href["https://ok.example"]["text"] == "Læs mere"
    assert by_href["https://ok.example"]["title"].startswith("Højst 150 personer")
    # Inside a link text the citation keeps its words but no link of its own (no nested <a>).
    assert by_href["https://ok2.example"]["text"].startswith("se Højst 150 personer")
    assert "https://politi.dk/tilladelser" not in [link["href"] for link in links]


def test_filled_citations_pass_the_markdown_allowlist_again():
    """The final HTML is cleaned after the citations are in, with the one allowlist."""
    from core.markdown import clean_html

    RuleFactory(slug="renset", url="https://x.example/\"><script>alert(1)</script>")
    html = str(render_with_citations('Tekst [[regel:renset]] [y](https://ok.example '
                                      '"[[regel:renset]]")'))
    assert html == clean_html(html)
    assert "<script" not in html
