"""Print views and phone charts, as the server writes them (the browser tests print and measure
them: tests/browser/test_indicator_pages.py)."""

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import RequestFactory

from core.svgcharts import Chart, Marker, Point, Series, Style
from portal.templatetags.portal import absolute_links
from tests.factories import AnnotationFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def chart_with_annotation():
    return Chart(
        id="c", title="Frivillige", description="…", unit_caption="Antal",
        series=[Series("Frivillige", Style("#00587c", "", "circle"),
                       [Point(datetime.date(2019, 1, 1), 640), Point(datetime.date(2025, 1, 1),
                                                                      870)])],
        annotations=[Marker(datetime.date(2019, 1, 1), 1, "Politik vedtaget")])


def test_a_chart_comes_wide_and_narrow_with_ids_of_their_own():
    svgs = re.findall(r"<svg .*?</svg>", str(chart_with_annotation().responsive_svg()))

    roots = [ET.fromstring(svg) for svg in svgs]
    assert [r.get("class") for r in roots] == ["chart chart--wide", "chart chart--narrow"]
    assert [r.get("viewBox") for r in roots] == ["0 0 520 300", "0 0 340 270"]
    assert [r.get("aria-labelledby") for r in roots] == ["c-title c-desc",
                                                         "c-narrow-title c-narrow-desc"]
    narrow_sizes = {float(t.get("font-size")) for t in roots[1].iter(f"{SVG}text")}
    assert min(narrow_sizes) >= 13  # shown at about 358 px for 340 units: ≥ 13.6 CSS px


def test_the_annotation_marker_sits_below_the_axis_title():
    """The first annotation at the left edge used to be drawn over the unit caption."""
    for root in map(ET.fromstring, re.findall(r"<svg .*?</svg>",
                                              str(chart_with_annotation().responsive_svg()))):
        title = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "chart__axis-title")
        circle = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "chart__annotation"
                      ).find(f"{SVG}circle")
        title_bottom = float(title.get("y")) + 4  # descenders below the baseline
        circle_top = float(circle.get("cy")) - float(circle.get("r"))
        assert title_bottom < circle_top


def test_markdown_links_to_the_site_become_full_addresses():
    request = RequestFactory().get("/politik/x/udskriv/")
    html = ('<p><a href="/vaerktoejskasse/forsikring/">guide</a> <a href="https://x.dk/">x</a> '
            '<a href="//evil.example/">y</a></p>')

    assert str(absolute_links(html, request)) == (
        '<p><a href="http://testserver/vaerktoejskasse/forsikring/">guide</a> '
        '<a href="https://x.dk/">x</a> <a href="//evil.example/">y</a></p>')


def test_dashboard_print_view_links_tiles_with_full_addresses_and_names_the_date(
        client, volunteers, municipality):
    body = client.get("/indikatorer/udskriv/").content.decode()

    assert 'href="http://testserver/indikatorer/frivillige/"' in body
    assert 'href="/indikatorer/frivillige/"' not in body
    assert "Udskrevet " in body and "http://testserver/indikatorer/udskriv/" in body
    assert 'class="print-view indicators-print"' in body


def test_indicator_print_view_has_the_chart_tables_and_data_addresses(client, volunteers,
                                                                      municipality):
    AnnotationFactory(indicator=volunteers, date=datetime.date(2022, 1, 1), text="Ny politik")
    response = client.get("/indikatorer/frivillige/udskriv/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Frivillige registreret</h1>" in body
    assert 'id="print-chart-title"' in body
    assert 'href="http://testserver/indikatorer/frivillige/data.json"' in body
    assert "Tilbage til indikatoren" in body


def test_internal_indicator_print_is_private_and_names_no_json(client, internal, reader,
                                                               municipality):
    assert client.get(f"/indikatorer/{internal.slug}/udskriv/").status_code == 404
    client.force_login(reader)
    response = client.get(f"/indikatorer/{internal.slug}/udskriv/")

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "data.json" not in response.content.decode()


def test_pages_link_to_their_print_view_with_udskriv(client, volunteers, municipality):
    for path, target in [("/indikatorer/", "/indikatorer/udskriv/"),
                         ("/indikatorer/frivillige/", "/indikatorer/frivillige/udskriv/"),
                         ("/politik/handlingsplan/", "/politik/handlingsplan/udskriv/")]:
        body = client.get(path).content.decode()
        assert f'<p class="print-link no-print"><a href="{target}">Udskriv</a>' in body, path


def test_print_views_keep_their_query_count(client, volunteers, municipality,
                                            django_assert_max_num_queries):
    from tests.factories import IndicatorFactory, ObservationFactory

    for _ in range(5):
        ObservationFactory(indicator=IndicatorFactory())
    client.get("/indikatorer/")  # the municipality settings cached, as on a running site
    with django_assert_max_num_queries(8):
        assert client.get("/indikatorer/udskriv/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/indikatorer/frivillige/udskriv/").status_code == 200
    with django_assert_max_num_queries(8):
        assert client.get("/politik/handlingsplan/udskriv/").status_code == 200
