"""The indicator and policy pages on a phone and a desktop, and their print views on paper.

test_every_page.py walks the sitemap at one width; here the pages with data tables, charts and
the action plan are checked at 390 px and 1280 px in both languages (axe, no sideways scroll,
chart text at least 12 CSS px, no annotation marker on the axis title), and each print view is
printed to PDF by Chromium and read back with pypdf (page numbers, first page filled, full
addresses, the date).
"""

import datetime
import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.conftest import ORIGIN, WCAG_21_AA, Axe
from tests.sitemap import sitemap_paths

pytestmark = [pytest.mark.browser]
WIDTHS = [390, 1280]
PRINT_VIEWS = [
    "/indikatorer/udskriv/", "/en/indicators/print/",
    "/indikatorer/frivillige-registreret/udskriv/", "/en/indicators/frivillige-registreret/print/",
    "/politik/frivillighedspolitik/udskriv/", "/en/policy/frivillighedspolitik/print/",
    "/politik/handlingsplan/udskriv/", "/en/policy/action-plan/print/",
]
# The smallest rendered text of every chart that is shown (the hidden variant has no boxes).
SMALLEST_CHART_TEXT = """() => {
  const sizes = [];
  for (const text of document.querySelectorAll('svg.chart text')) {
    if (!text.getClientRects().length) continue;
    const scale = text.getScreenCTM().a;
    sizes.push(parseFloat(getComputedStyle(text).fontSize) * scale);
  }
  return sizes.length ? Math.min(...sizes) : null;
}"""
MARKERS_ON_AXIS_TITLES = """() => {
  const overlaps = [];
  for (const svg of document.querySelectorAll('svg.chart')) {
    const title = svg.querySelector('.chart__axis-title');
    if (!title || !title.getClientRects().length) continue;
    const t = title.getBoundingClientRect();
    for (const marker of svg.querySelectorAll('.chart__annotation circle')) {
      const m = marker.getBoundingClientRect();
      if (m.left < t.right && t.left < m.right && m.top < t.bottom && t.top < m.bottom)
        overlaps.push(svg.id || svg.getAttribute('aria-labelledby'));
    }
  }
  return overlaps;
}"""


def indicator_and_policy_paths(client) -> list[str]:
    paths = [p for p in sitemap_paths(client)
             if p.startswith(("/indikatorer/", "/en/indicators/", "/politik/", "/en/policy/"))]
    return paths + PRINT_VIEWS + ["/politik/handlingsplan/?status=in_progress"]


@pytest.mark.parametrize("width", WIDTHS, ids=[f"{w}px" for w in WIDTHS])
def test_indicator_and_policy_pages_work_at_phone_and_desktop_width(site_page, client, width):
    paths = indicator_and_policy_paths(client)
    assert len(paths) > 30  # 12 public indicators, the policy and its themes, both languages
    site_page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    problems = []
    for path in paths:
        response = site_page.goto(ORIGIN + path)
        if response.status != 200:
            problems.append((path, "status", response.status))
        if site_page.locator("h1").count() != 1:
            problems.append((path, "h1 count", site_page.locator("h1").count()))
        if site_page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append((path, "horizontal scroll"))
        smallest = site_page.evaluate(SMALLEST_CHART_TEXT)
        if smallest is not None and smallest < 12:
            problems.append((path, "chart text", round(smallest, 1)))
        overlaps = site_page.evaluate(MARKERS_ON_AXIS_TITLES)
        if overlaps:
            problems.append((path, "marker on axis title", overlaps))
        for violation in axe.run(site_page, options=WCAG_21_AA).response["violations"]:
            problems.append((path, "axe", violation["id"],
                             [node["target"] for node in violation["nodes"]][:3]))
    assert problems == []


def test_action_plan_shows_status_and_owner_without_sideways_scrolling_on_a_phone(site_page):
    site_page.set_viewport_size({"width": 390, "height": 900})
    site_page.goto(ORIGIN + "/politik/handlingsplan/")

    row = site_page.locator("table.action-plan tbody tr").first
    status = row.locator(".status").first
    owner_cell = row.locator("td").nth(3)
    for element in (status, owner_cell):
        box = element.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert "Ansvarlig" in owner_cell.evaluate("td => getComputedStyle(td, '::before').content")
    region = site_page.locator("[role=region][aria-labelledby=action-plan-caption]")
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")


def test_every_page_with_a_print_view_links_to_it(site_page):
    for path, target in [
        ("/indikatorer/", "/indikatorer/udskriv/"),
        ("/indikatorer/frivillige-registreret/", "/indikatorer/frivillige-registreret/udskriv/"),
        ("/politik/frivillighedspolitik/", "/politik/frivillighedspolitik/udskriv/"),
        ("/politik/handlingsplan/", "/politik/handlingsplan/udskriv/"),
        ("/en/indicators/", "/en/indicators/print/"),
    ]:
        site_page.goto(ORIGIN + path)
        link = site_page.locator(".print-link a")
        assert link.is_visible()
        assert link.inner_text() in ("Udskriv", "Print")
        link.click()
        assert site_page.url == ORIGIN + target


def pdf_pages(page, url: str) -> list:
    page.goto(url)
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages


def lowest_text(pdf_page) -> float:
    """How far down the page the last line of content reaches, as a share of the page height
    (the page number in the margin not counted)."""
    heights = []

    def visit(text, _cm, tm, _font, _size):
        if text.strip() and not re.search(r"(Side|Page) \d+ (af|of) \d+", text):
            heights.append(tm[5])

    pdf_page.extract_text(visitor_text=visit)
    top = float(pdf_page.mediabox.height)
    return 1 - min(heights) / top


@pytest.mark.parametrize("path", PRINT_VIEWS)
def test_print_view_on_paper_has_page_numbers_address_date_and_a_full_first_page(
        site_page, path):
    pages = pdf_pages(site_page, ORIGIN + path)
    english = path.startswith("/en/")

    texts = [p.extract_text() for p in pages]
    word, of = ("Page", "of") if english else ("Side", "af")
    for number, text in enumerate(texts, start=1):
        assert f"{word} {number} {of} {len(pages)}" in text
    first = texts[0]
    assert ORIGIN + path in first.replace("\n", "")  # the page's own full address
    today = datetime.date.today()
    assert str(today.year) in first and str(today.day) in first
    # Links are printed as full addresses, never as a bare path.
    whole = " ".join(texts).replace("\n", "")
    assert ORIGIN + "/" in whole
    assert not re.search(r"\(/[a-z]", whole)
    if len(pages) > 1:
        assert lowest_text(pages[0]) > 0.75, "the first page is not filled"
