"""Every public output of the site, for the tests that look at all of them at once.

`build_site()` creates one object of every content model, linked so that each appears on some
public page; `public_outputs()` fetches every public output anonymously in both languages (each
page in the sitemap, print views, search, feeds, CSV/XLSX downloads, the action plan CSV and
the planner's iCalendar file) and sorts them by kind, so a test checks each kind its own way.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from urllib.parse import quote

import openpyxl
from selectolax.lexbor import LexborHTMLParser

from tests.factories import (
    ActionPointFactory,
    AnnotationFactory,
    AnswerOptionFactory,
    AudienceFactory,
    BenchmarkPointFactory,
    BenchmarkSeriesFactory,
    BodyFactory,
    BreakdownFactory,
    ContactFactory,
    GuideFactory,
    IndicatorFactory,
    MunicipalityFactory,
    ObservationFactory,
    OpportunityFactory,
    OrganisationFactory,
    PolicyFactory,
    ProgressNoteFactory,
    QuestionFactory,
    RequirementFactory,
    RuleFactory,
    TargetFactory,
    ThemeFactory,
    TopicFactory,
)
from tests.sitemap import sitemap_paths

PLAN_DATE = "2030-06-14"


@dataclass
class Site:
    guide: object
    policy: object
    indicator: object
    question: object
    option: object
    rule: object
    opportunity: object = None
    extra_paths: list = field(default_factory=list)


def build_site() -> Site:
    """One published or public object of every kind, each linked where readers meet it."""
    MunicipalityFactory()
    topic, audience = TopicFactory(), AudienceFactory()
    rule = RuleFactory(slug="regel-i-test", lead_time_days=14)
    guide = GuideFactory(topics=[topic], audiences=[audience], contact=ContactFactory(),
                         body_da="## Afsnit\n\n[[regel:regel-i-test]]",
                         body_en="## Section\n\n[[regel:regel-i-test]]")
    policy = PolicyFactory(slug="politik-i-test")
    theme = ThemeFactory(policy=policy)
    point = ActionPointFactory(theme=theme, due_on=datetime.date(2030, 1, 1))
    point.owners.add(BodyFactory())
    point.related_guides.add(guide)
    ProgressNoteFactory(action_point=point)
    breakdown = BreakdownFactory()
    indicator = IndicatorFactory(slug="indikator-i-test", themes=[theme])
    indicator.action_points.add(point)
    ObservationFactory(indicator=indicator, period=datetime.date(2023, 1, 1), value=10)
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1), value=12,
                       note_da="Note", note_en="Note")
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1), value=3,
                       breakdown=breakdown)
    TargetFactory(indicator=indicator)
    BenchmarkPointFactory(series=BenchmarkSeriesFactory(indicator=indicator), year=2024)
    AnnotationFactory(indicator=indicator)
    question = QuestionFactory(key="sp")
    option = AnswerOptionFactory(question=question, key="ja")
    RequirementFactory(triggers=[option], rules=[rule]).guides.add(guide)
    opportunity = OpportunityFactory(
        organisation=OrganisationFactory(website="https://forening.example/"),
        involves_children=True, minimum_age=16, show_contact_phone=True,
        description_da="Du hjælper til. [[regel:regel-i-test]]",
        description_en="You help out. [[regel:regel-i-test]]",
        requirements_da="Kørekort.", requirements_en="Driving licence.")
    return Site(guide=guide, policy=policy, indicator=indicator, question=question,
                option=option, rule=rule, opportunity=opportunity)


@dataclass
class Outputs:
    html: dict = field(default_factory=dict)      # path -> text
    feeds: dict = field(default_factory=dict)     # path -> bytes
    csv: dict = field(default_factory=dict)       # path -> text
    xlsx: dict = field(default_factory=dict)      # path -> bytes
    ical: dict = field(default_factory=dict)      # path -> bytes
    failed: list = field(default_factory=list)    # (path, status) of every non-200 answer


def output_paths(client, site: Site, search_terms=()) -> list[str]:
    """Every public address: the sitemap (both languages) and what it does not list."""
    plan = f"dato={PLAN_DATE}&{site.question.key}={site.option.key}"
    slug = site.indicator.slug
    paths = sitemap_paths(client) + [
        "/indikatorer/udskriv/", "/en/indicators/print/",
        f"/politik/{site.policy.slug}/udskriv/", f"/en/policy/{site.policy.slug}/print/",
        "/vaerktoejskasse/vejledninger/feed/", "/en/toolbox/guides/feed/",
        "/bliv-frivillig/feed/", "/en/volunteer/feed/",
        f"/indikatorer/{slug}/data.csv", f"/en/indicators/{slug}/data.csv",
        f"/indikatorer/{slug}/data.xlsx", f"/en/indicators/{slug}/data.xlsx",
        "/politik/handlingsplan/csv/", "/en/policy/action-plan/csv/",
        f"/vaerktoejskasse/planlaeg/?{plan}", f"/en/toolbox/plan/?{plan}",
        f"/vaerktoejskasse/planlaeg/kalender.ics?{plan}", f"/en/toolbox/plan/calendar.ics?{plan}",
    ]
    return list(dict.fromkeys(paths + search_paths(search_terms)))


def search_paths(terms) -> list[str]:
    """The toolbox search for each term, in both languages."""
    return [path for term in terms for path in (f"/vaerktoejskasse/soeg/?q={quote(term)}",
                                                f"/en/toolbox/search/?q={quote(term)}")]


def public_outputs(client, paths) -> Outputs:
    outputs = Outputs()
    for path in paths:
        response = client.get(path)
        if response.status_code != 200:
            outputs.failed.append((path, response.status_code))
            continue
        kind = response["Content-Type"].split(";")[0]
        if kind == "text/html":
            outputs.html[path] = response.content.decode()
        elif kind in ("application/atom+xml", "application/rss+xml"):
            outputs.feeds[path] = response.content
        elif kind == "text/csv":
            outputs.csv[path] = response.content.decode("utf-8-sig")
        elif kind == "text/calendar":
            outputs.ical[path] = response.content
        elif kind.endswith("spreadsheetml.sheet"):
            outputs.xlsx[path] = response.content
        elif kind not in ("application/xml",):  # the sitemap itself
            outputs.failed.append((path, kind))
    return outputs


def xlsx_cells(data: bytes) -> list:
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]


def csv_cells(text: str) -> list[str]:
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
    return [cell for row in csv.reader(io.StringIO(text), dialect) for cell in row]


def html_text(html: str) -> str:
    """What a reader sees of a page plus its attribute values (titles, alt texts, links)."""
    root = LexborHTMLParser(html).root
    values = [value or "" for element in root.traverse(include_text=False)
              for value in element.attributes.values()]
    return " ".join([root.text(deep=True, separator=" "), *values])


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text)
