import csv
import datetime
import io

import pytest

from policy.models import ActionPoint, Policy
from tests.factories import (
    ActionPointFactory,
    BodyFactory,
    PolicyFactory,
    ProgressNoteFactory,
    ThemeFactory,
)
from tests.helpers import assert_constant_queries
from tests.policy.test_views import text_of

pytestmark = pytest.mark.django_db


def rows_of(response) -> list[list[str]]:
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def titles_in_table(response) -> list[str]:
    import re

    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a></th>',
                      response.content.decode())


def test_action_plan_lists_every_action_point_across_themes(client, kalundborg):
    response = client.get("/politik/handlingsplan/")
    assert len(titles_in_table(response)) == 12
    assert "12 indsatser" in text_of(response)


def test_action_plan_links_each_action_point_to_its_place_on_the_theme_page(client, ballerup):
    html = client.get("/politik/handlingsplan/").content.decode()
    assert ('<a href="/politik/frivillighedspolitik/frivillighed-er-faellesskaber/'
            '#indsats-let-kontakt">') in html


@pytest.mark.parametrize(("params", "expected"), [
    ({"status": "done"}, ["Gøre det let at komme i kontakt med administrationen"]),
    ({"status": "in_progress"}, ["Gøre det let at få rådgivning"]),
    ({"owner": "kfu"}, ["Gøre det let at komme i kontakt med administrationen"]),
    ({"policy": "frivillighedspolitik", "status": "done"},
     ["Gøre det let at komme i kontakt med administrationen"]),
], ids=["status-done", "status-in-progress", "owner", "policy-and-status"])
def test_action_plan_filters(client, ballerup, params, expected):
    assert titles_in_table(client.get("/politik/handlingsplan/", params)) == expected


def test_action_plan_filters_by_theme(client, kalundborg):
    theme = kalundborg.themes.get(slug="frivillighed-skal-ledes")
    titles = titles_in_table(client.get("/politik/handlingsplan/", {"theme": theme.pk}))
    assert titles == ["Vi vil styrke frivillighed-skal-ledes (1)",
                      "Vi vil styrke frivillighed-skal-ledes (2)"]


def test_action_plan_filters_by_policy_across_several_policies(client, ballerup):
    old = PolicyFactory(slug="gammel", status=Policy.Status.ARCHIVED)
    ActionPointFactory(theme=ThemeFactory(policy=old), title_da="Gammel indsats")
    assert titles_in_table(client.get("/politik/handlingsplan/", {"policy": "gammel"})) == [
        "Gammel indsats"]
    # Without a choice only the current policies' points; the archived ones behind `scope`.
    assert len(titles_in_table(client.get("/politik/handlingsplan/"))) == 2
    assert len(titles_in_table(client.get("/politik/handlingsplan/", {"scope": "all"}))) == 3


@pytest.mark.parametrize("params", [
    {"status": "bogus"}, {"owner": "findes-ikke"}, {"theme": "abc"}, {"theme": "999999"},
    {"policy": "\x00"}, {"sort": "password"}, {"owner": "x" * 5000},
], ids=["status", "owner", "theme-text", "theme-unknown", "policy-nul", "sort", "owner-long"])
def test_action_plan_bad_filter_values_are_reported_and_ignored(client, ballerup, params):
    response = client.get("/politik/handlingsplan/", params)
    assert response.status_code == 200
    assert "Nogle filterværdier blev ikke genkendt og er ignoreret:" in text_of(response)
    assert len(titles_in_table(response)) == 2  # unfiltered


def test_action_plan_sorts_by_due_date_and_status(client, municipality):
    theme = ThemeFactory()
    ActionPointFactory(theme=theme, title_da="B senest", due_on=datetime.date(2028, 1, 1),
                       status=ActionPoint.Status.DONE)
    ActionPointFactory(theme=theme, title_da="A tidligst", due_on=datetime.date(2026, 1, 1),
                       status=ActionPoint.Status.IN_PROGRESS)
    ActionPointFactory(theme=theme, title_da="C midt", due_on=datetime.date(2027, 1, 1),
                       status=ActionPoint.Status.NOT_STARTED)
    url = "/politik/handlingsplan/"
    assert titles_in_table(client.get(url, {"sort": "due"})) == ["A tidligst", "C midt", "B senest"]
    assert titles_in_table(client.get(url, {"sort": "-due"})) == ["B senest", "C midt", "A tidligst"]
    assert titles_in_table(client.get(url, {"sort": "status"})) == [
        "C midt", "A tidligst", "B senest"]
    assert titles_in_table(client.get(url, {"sort": "title"})) == [
        "A tidligst", "B senest", "C midt"]
    assert titles_in_table(client.get(url)) == ["B senest", "A tidligst", "C midt"]  # position


def test_action_plan_queries_do_not_grow_with_action_points(client, ballerup):
    theme = ballerup.themes.get(slug="udmoentning")
    owner = BodyFactory()

    def add(n):
        for _ in range(n):
            point = ActionPointFactory(theme=theme)
            point.owners.add(owner)
            ProgressNoteFactory(action_point=point)

    client.get("/politik/handlingsplan/")  # warm the cached municipality settings
    assert_constant_queries(client, "/politik/handlingsplan/", add, many=40)


# CSV -------------------------------------------------------------------------------------

def test_csv_holds_exactly_the_filtered_rows_and_columns_shown(client, ballerup):
    response = client.get("/politik/handlingsplan/csv/", {"status": "done"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="handlingsplan.csv"'
    assert rows_of(response) == [
        ["Indsats", "Tema", "Politik", "Status", "Ansvarlig", "Start", "Frist",
         "Seneste statusnote", "Dato for statusnote", "Hvad tallene siger"],
        ["Gøre det let at komme i kontakt med administrationen", "Frivillighed er fællesskaber",
         "Frivillighedspolitik", "Gennemført", "Kultur- og Fritidsudvalget", "2024-09-01",
         "2025-12-31", "Eksempeldata: Indgangen er etableret.", "2025-12-10", ""],
    ]
    page = client.get("/politik/handlingsplan/", {"status": "done"}).content.decode()
    for header in rows_of(response)[0]:
        assert f'<th scope="col">{header}</th>' in page


def test_csv_follows_the_sort_of_the_page(client, kalundborg):
    page = titles_in_table(client.get("/politik/handlingsplan/", {"sort": "-title"}))
    rows = rows_of(client.get("/politik/handlingsplan/csv/", {"sort": "-title"}))
    assert [row[0] for row in rows[1:]] == page


def test_csv_link_on_the_page_keeps_the_filters(client, ballerup):
    html = client.get("/politik/handlingsplan/", {"status": "done", "sort": "due"}).content
    assert 'href="/politik/handlingsplan/csv/?status=done&amp;sort=due"' in html.decode()


def test_csv_in_english(client, ballerup):
    response = client.get("/en/policy/action-plan/csv/", {"status": "done"})
    assert response["Content-Disposition"] == 'attachment; filename="action-plan.csv"'
    assert rows_of(response)[1][:4] == ["Make it easy to contact the administration",
                                       "Volunteering is community", "Volunteering policy", "Done"]


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)",
                                       "\tTAB", "\rCR"])
def test_csv_neutralises_spreadsheet_formulas(client, municipality, dangerous):
    point = ActionPointFactory(title_da=dangerous, description_da="x")
    ProgressNoteFactory(action_point=point, text_da=dangerous)
    row = rows_of(client.get("/politik/handlingsplan/csv/"))[1]
    assert row[0] == "'" + dangerous
    assert row[7] == "'" + dangerous


def test_csv_drops_control_characters_even_before_a_formula(client, municipality):
    point = ActionPointFactory(title_da="\x01=SUM(A1)", description_da="x")
    ProgressNoteFactory(action_point=point, text_da="Første\x0blinje\x02")
    row = rows_of(client.get("/politik/handlingsplan/csv/"))[1]
    assert (row[0], row[7]) == ("'=SUM(A1)", "Første linje")


def test_csv_leaves_ordinary_text_alone(client, municipality):
    ActionPointFactory(title_da="Helt almindelig – tekst = fin")
    assert rows_of(client.get("/politik/handlingsplan/csv/"))[1][0] == "Helt almindelig – tekst = fin"


def test_csv_excludes_draft_policies(client, ballerup, draft):
    rows = rows_of(client.get("/politik/handlingsplan/csv/"))
    assert len(rows) == 3
    assert all("Skjultindsats" not in cell for row in rows for cell in row)


def test_csv_marks_overdue_action_points_in_words(client, municipality):
    ActionPointFactory(title_da="Sen", due_on=datetime.date(2020, 1, 1),
                       status=ActionPoint.Status.IN_PROGRESS)
    assert rows_of(client.get("/politik/handlingsplan/csv/"))[1][3] == "I gang (forsinket)"
