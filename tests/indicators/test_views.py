import csv
import datetime
import io
import re
from decimal import Decimal

import openpyxl
import pytest

from tests.factories import (
    BreakdownFactory,
    IndicatorFactory,
    ObservationFactory,
    TargetFactory,
    ThemeFactory,
)
from tests.helpers import assert_constant_queries

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_dashboard_tile_shows_value_period_change_target_and_chart(client, municipality,
                                                                   volunteers):
    page = text(client.get("/indikatorer/"))
    assert '<a href="/indikatorer/frivillige/">Frivillige registreret</a>' in page
    assert '<span class="tile__number">870</span>' in page
    assert "2025 (foreløbigt)" in page
    assert "Steget 55 siden 2024 – en forbedring" in page
    assert "(+55)" in page
    assert "Mål for 2027: 1.000 – 130 mangler" in page
    pk = volunteers.pk
    assert f'aria-labelledby="trend-{pk}-title trend-{pk}-desc"' in page


def test_dashboard_groups_indicators_by_theme(client, municipality):
    theme = ThemeFactory(title_da="Frivillighed er fællesskaber")
    IndicatorFactory(name_da="Med tema", themes=[theme])
    IndicatorFactory(name_da="Uden tema")
    page = text(client.get("/indikatorer/"))
    assert "Tema: Frivillighed er fællesskaber</h2>" in page
    assert "Andre indikatorer</h2>" in page
    assert page.index("Med tema") < page.index("Andre indikatorer") < page.index("Uden tema")


def test_example_data_is_labelled_on_dashboard_and_page(client, municipality, volunteers):
    assert "Eksempeldata" in text(client.get("/indikatorer/"))
    assert "Eksempeldata" in text(client.get("/indikatorer/frivillige/"))
    assert "Example data" in text(client.get("/en/indicators/frivillige/"))


def test_real_data_carries_no_example_label(client, municipality):
    IndicatorFactory(slug="rigtig", is_example_data=False)
    assert "Eksempeldata" not in text(client.get("/indikatorer/rigtig/"))


def test_dashboard_filters_by_theme(client, municipality):
    theme = ThemeFactory()
    IndicatorFactory(name_da="Valgt", themes=[theme])
    IndicatorFactory(name_da="Fravalgt", themes=[ThemeFactory()])
    page = text(client.get("/indikatorer/", {"theme": theme.pk}))
    assert "Valgt" in page and "Fravalgt" not in page


def test_dashboard_filters_by_breakdown_and_shows_its_figures(client, municipality,
                                                              volunteers):
    area = BreakdownFactory(name_da="Idræt")
    ObservationFactory(indicator=volunteers, period=datetime.date(2023, 1, 1), breakdown=area,
                       value=90)
    IndicatorFactory(name_da="Uden opdeling")
    page = text(client.get("/indikatorer/", {"breakdown": area.pk}))
    assert '<span class="tile__number">90</span>' in page
    assert "Uden opdeling" not in page
    assert "Mål for" not in page


def test_dashboard_limits_figures_to_the_period_range(client, municipality, volunteers):
    page = text(client.get("/indikatorer/", {"period_from": 2021, "period_to": 2023}))
    assert '<span class="tile__number">760</span>' in page
    assert "Steget 60 siden 2022" in page


@pytest.mark.parametrize("params", [
    {"theme": "abc"}, {"breakdown": "\x00"}, {"period_from": "2024-13-45"},
    {"period_to": "99999999999999999999"}, {"theme": "99999999999999999999"},
])
def test_bad_filter_values_give_a_message_and_unfiltered_figures(client, municipality,
                                                                 volunteers, params):
    response = client.get("/indikatorer/", params)
    assert response.status_code == 200
    page = text(response)
    assert "Nogle filtre kunne ikke bruges og blev ignoreret" in page
    assert '<span class="tile__number">870</span>' in page


def test_reversed_period_range_is_explained(client, municipality, volunteers):
    page = text(client.get("/indikatorer/", {"period_from": 2025, "period_to": 2020}))
    assert "Fra år ligger efter til år" in page


def test_internal_indicators_are_hidden_from_the_public_everywhere(client, municipality,
                                                                   volunteers, internal):
    assert "Medarbejdere uddannet" not in text(client.get("/indikatorer/"))
    assert "Staff trained" not in text(client.get("/en/indicators/"))
    assert "Medarbejdere uddannet" not in text(client.get("/indikatorer/udskriv/"))
    for path in ["/indikatorer/medarbejdere-uddannet/", "/en/indicators/medarbejdere-uddannet/",
                 "/indikatorer/medarbejdere-uddannet/data.csv",
                 "/indikatorer/medarbejdere-uddannet/data.xlsx",
                 "/en/indicators/medarbejdere-uddannet/data.csv"]:
        assert client.get(path).status_code == 404, path
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/indikatorer/frivillige/" in sitemap
    assert "medarbejdere-uddannet" not in sitemap


def test_internal_indicators_are_shown_to_readers_with_the_permission(client, municipality,
                                                                      volunteers, internal,
                                                                      reader):
    client.force_login(reader)
    dashboard = client.get("/indikatorer/")
    assert "Medarbejdere uddannet (intern)" in text(dashboard)
    assert dashboard["Cache-Control"] == "no-store, private"
    page = client.get("/indikatorer/medarbejdere-uddannet/")
    assert page.status_code == 200
    assert "Intern" in text(page)
    assert page["Cache-Control"] == "no-store, private"
    download = client.get("/indikatorer/medarbejdere-uddannet/data.csv")
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store, private"


def test_logged_in_user_without_the_permission_sees_no_internal_indicator(
        client, municipality, internal, django_user_model):
    client.force_login(django_user_model.objects.create_user("ansat", password="x" * 16))
    assert client.get("/indikatorer/medarbejdere-uddannet/").status_code == 404


def test_dashboard_queries_are_constant_with_2_and_50_indicators(client, municipality):
    theme = ThemeFactory()

    def add(count):
        for _ in range(count):
            indicator = IndicatorFactory(themes=[theme])
            ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1), value=5)
            ObservationFactory(indicator=indicator, period=datetime.date(2025, 1, 1), value=6)
            TargetFactory(indicator=indicator)

    client.get("/indikatorer/")  # the municipality settings are cached by the first request
    assert_constant_queries(client, "/indikatorer/", add, few=2, many=50)


def test_print_view_queries_are_constant(client, municipality):
    def add(count):
        for _ in range(count):
            ObservationFactory(indicator=IndicatorFactory())

    client.get("/indikatorer/udskriv/")
    assert_constant_queries(client, "/indikatorer/udskriv/", add, few=2, many=50)


def test_print_view_shows_every_tile_with_its_summary(client, municipality, volunteers):
    page = text(client.get("/indikatorer/udskriv/"))
    assert "<h1>Indikatorer for frivillighed</h1>" in page
    assert 'href="/static/css/indicators-print.css" media="print"' in page
    assert "Tal fra 2021 til 2025. Seneste: 870 i 2025 (foreløbigt)." in page


def test_indicator_page_has_chart_table_definition_and_downloads(client, municipality,
                                                                 volunteers):
    page = text(client.get("/indikatorer/frivillige/"))
    assert "<h1>Frivillige registreret</h1>" in page
    assert 'aria-labelledby="indicator-chart-title indicator-chart-desc"' in page
    assert '<th scope="row">2025</th><td class="num">870</td><td>Foreløbig</td>' \
           '<td>Foreløbigt tal</td>' in page
    assert '<th scope="row">2027</th><td class="num">1.000</td>' in page
    assert "Antal personer den 31. december." in page
    assert "Kommunens register" in page
    assert "Hul markør: foreløbigt tal" in page
    assert 'href="/indikatorer/frivillige/data.csv"' in page
    assert 'href="/indikatorer/frivillige/data.xlsx"' in page


def test_indicator_page_shows_breakdowns_side_by_side(client, municipality, volunteers):
    sport = BreakdownFactory(name_da="Idræt", position=1)
    culture = BreakdownFactory(name_da="Kultur", position=2)
    for year, sport_value, culture_value in [(2023, 90, 120), (2025, 100, 135)]:
        ObservationFactory(indicator=volunteers, period=datetime.date(year, 1, 1),
                           breakdown=sport, value=sport_value)
        ObservationFactory(indicator=volunteers, period=datetime.date(year, 1, 1),
                           breakdown=culture, value=culture_value)
    page = text(client.get("/indikatorer/frivillige/"))
    assert "<h2 id=\"breakdown-1-heading\">Efter område</h2>" in page
    assert ('<th scope="row">Idræt</th><td class="num">90</td><td class="num">100</td>'
            in page)
    assert ('<th scope="row">Kultur</th><td class="num">120</td><td class="num">135</td>'
            in page)


def test_indicator_page_in_english(client, municipality, volunteers):
    page = text(client.get("/en/indicators/frivillige/"))
    assert "<h1>Registered volunteers</h1>" in page
    assert "Up 55 since 2024 – an improvement" in page


def test_csv_download_has_metadata_example_label_and_figures(client, municipality, volunteers):
    response = client.get("/indikatorer/frivillige/data.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="frivillige.csv"'
    rows = danish_csv(response)
    assert rows[0] == ["Indikator", "Frivillige registreret"]
    assert rows[1] == ["Eksempeldata", "Tallene er opfundet til demonstrationen og er ikke "
                       "virkelige."]
    meta = dict(r for r in rows if len(r) == 2)
    assert meta["Definition"] == "Antal personer den 31. december."
    assert meta["Enhed"] == "Antal"
    assert meta["Kilde"] == "Kommunens register"
    assert meta["Licens"] == "CC BY 4.0"
    assert ["2025", "2025-01-01", "I alt", "870", "Foreløbig", "Foreløbigt tal"] in rows


def danish_csv(response) -> list[list[str]]:
    """The rows of a CSV as Danish Excel reads it: a byte-order mark, then semicolons."""
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_csv_download_uses_decimal_commas_and_opens_in_columns(client, municipality):
    """Issue 18 §6: Danish Excel splits on semicolons and reads 3,5 as a number; a comma-
    separated file with decimal points opened in one column."""
    indicator = IndicatorFactory(slug="andel", decimals=1, unit="percent")
    ObservationFactory(indicator=indicator, value=Decimal("12.5"))
    rows = danish_csv(client.get("/indikatorer/andel/data.csv"))
    figures = [row for row in rows if len(row) == 6 and row[1][:2] == "20"]
    assert figures and all(len(row) == 6 for row in figures)
    assert figures[0][3] == "12,5"
    # The English file keeps the Danish convention: it is what the same Excel opens.
    english = danish_csv(client.get("/en/indicators/andel/data.csv"))
    assert "12,5" in [cell for row in english for cell in row]
    assert "12.5" not in client.get("/en/indicators/andel/data.csv").content.decode("utf-8-sig")


def test_xlsx_download_has_the_same_content(client, municipality, volunteers):
    response = client.get("/en/indicators/frivillige/data.xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:2] == ["Indicator", "Registered volunteers"]
    assert rows[1][0] == "Example data"
    assert ["2025", "2025-01-01", "Total", 870, "Provisional", "Provisional"] in [
        r[:6] for r in rows]


def test_downloads_neutralise_formulas(client, municipality):
    indicator = IndicatorFactory(slug="farlig", name_da="=HYPERLINK(\"http://x\")",
                                 source_da="@SUM(1)")
    ObservationFactory(indicator=indicator, note_da="+1+1", value=3)
    rows = danish_csv(client.get("/indikatorer/farlig/data.csv"))
    assert rows[0][1] == "'=HYPERLINK(\"http://x\")"
    assert ["Kilde", "'@SUM(1)"] in rows
    assert rows[-1][-1] == "'+1+1"
    sheet = openpyxl.load_workbook(io.BytesIO(
        client.get("/indikatorer/farlig/data.xlsx").content)).worksheets[0]
    assert sheet["B1"].value == "'=HYPERLINK(\"http://x\")"
    assert sheet["B1"].data_type == "s"


def test_unknown_indicator_is_404(client, municipality):
    assert client.get("/indikatorer/findes-ikke/").status_code == 404


def test_indicator_page_runs_few_queries(client, municipality, volunteers):
    from tests.factories import BenchmarkPointFactory, BenchmarkSeriesFactory
    from tests.helpers import count_queries

    client.get("/indikatorer/frivillige/")
    BenchmarkPointFactory(series=BenchmarkSeriesFactory(indicator=volunteers))
    assert count_queries(client, "/indikatorer/frivillige/") <= 8


def test_a_note_with_control_characters_stored_earlier_does_not_break_the_downloads(
        client, admin_client, municipality):
    # As the import accepted before the fix: Word's Shift+Enter (\x0b) and a stray \x01.
    indicator = IndicatorFactory(slug="styret", name_da="Styret\x01 tal")
    ObservationFactory(indicator=indicator, note_da="Første\x0blinje\x01", note_en="One\x0btwo",
                       value=3)
    for url, note in [("/indikatorer/styret/data.xlsx", "Første linje"),
                      ("/en/indicators/styret/data.xlsx", "One two"),
                      (f"/admin/indicators/indicator/{indicator.pk}/import/template.xlsx",
                       "Første linje")]:
        response = (admin_client if "/admin/" in url else client).get(url)
        assert response.status_code == 200, url
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert note in [cell for row in sheet.iter_rows(values_only=True) for cell in row], url
    rows = danish_csv(client.get("/indikatorer/styret/data.csv"))
    assert rows[0][1] == "Styret tal" and rows[-1][-1] == "Første linje"


@pytest.fixture
def draft_links(db):
    """A public indicator that measures a theme and an action point of a draft policy, and a
    theme of a public one (issue 12.4)."""
    from tests.factories import ActionPointFactory, PolicyFactory

    draft = PolicyFactory(status="draft", title_da="Kladdepolitik", adopted_on=None)
    draft_theme = ThemeFactory(policy=draft, title_da="Hemmeligt kladdetema",
                               title_en="Secret draft theme")
    draft_point = ActionPointFactory(theme=draft_theme, title_da="Hemmelig kladdeindsats",
                                     title_en="Secret draft action point")
    public_theme = ThemeFactory(title_da="Offentligt tema", title_en="Public theme")
    indicator = IndicatorFactory(slug="maaler-kladde", name_da="Måler en kladde",
                                 themes=[draft_theme, public_theme])
    indicator.action_points.add(draft_point)
    ObservationFactory(indicator=indicator, period=datetime.date(2024, 1, 1), value=5)
    return indicator


@pytest.mark.parametrize("path", [
    "/indikatorer/maaler-kladde/", "/en/indicators/maaler-kladde/", "/indikatorer/",
    "/en/indicators/", "/indikatorer/udskriv/", "/en/indicators/print/",
])
def test_titles_of_a_draft_policy_never_reach_the_public(client, municipality, draft_links,
                                                         path):
    response = client.get(path)
    assert response.status_code == 200
    page = text(response)
    assert "kladdetema" not in page.lower() and "kladdeindsats" not in page.lower()
    assert "Secret draft" not in page
    assert "Offentligt tema" in page or "Public theme" in page


def test_an_indicator_measuring_only_a_draft_theme_is_grouped_with_other_indicators(
        client, municipality, draft_links):
    draft_links.themes.remove(*draft_links.themes.filter(title_da="Offentligt tema"))
    page = text(client.get("/indikatorer/"))
    assert "Andre indikatorer</h2>" in page and "kladdetema" not in page


def test_the_detail_page_lists_only_public_themes_and_action_points(client, municipality,
                                                                     draft_links):
    page = text(client.get("/indikatorer/maaler-kladde/"))
    assert "Temaer, den måler" in page and "Offentligt tema" in page
    assert "Indsatser, den måler" not in page  # its only action point is in a draft
