"""The indicator and policy pages on a phone, and their print views on paper (issue 15 §4).

test_every_page.py walks every page at 390 px and 1280 px in both languages with axe and the
measured phone checks (`phone_problems`: tables, chart text, markers, the example-data label);
here the action plan's rows are measured on a phone, the pages that have a print view link to
it, and each print view is printed to PDF (A4) by Chromium and read back with pypdf: page
numbers on every page, the first page filled, the portal's address, the date, full addresses.
"""

import datetime
import io
import re

import pytest
from django.utils import translation
from django.utils.formats import date_format
from pypdf import PdfReader

from core.models import Municipality
from tests.browser.conftest import ORIGIN, phone_problems

# In process on the demo loaded once (`site_page`): a live server would load it for each test.
pytestmark = [pytest.mark.browser]
# The address Django builds absolute links with: the host the browser sends (ORIGIN).
PRINTED = ORIGIN
PRINT_VIEWS = [
    "/indikatorer/udskriv/", "/en/indicators/print/",
    "/indikatorer/frivillige-registreret/udskriv/", "/en/indicators/frivillige-registreret/print/",
    "/politik/frivillighedspolitik/udskriv/", "/en/policy/frivillighedspolitik/print/",
    "/politik/handlingsplan/udskriv/", "/en/policy/action-plan/print/",
    "/indikatorer/status/2026-11-26/udskriv/", "/en/indicators/statuses/2026-11-26/print/",
]
# The page whose print link leads to each print view: the print view is reached by that link
# (one load of it, not a second one for the paper checks).
LINKED_FROM = {
    "/indikatorer/udskriv/": "/indikatorer/",
    "/indikatorer/frivillige-registreret/udskriv/": "/indikatorer/frivillige-registreret/",
    "/politik/frivillighedspolitik/udskriv/": "/politik/frivillighedspolitik/",
    "/politik/handlingsplan/udskriv/": "/politik/handlingsplan/",
    "/en/indicators/print/": "/en/indicators/",
    "/indikatorer/status/2026-11-26/udskriv/": "/indikatorer/status/2026-11-26/",
    "/en/indicators/statuses/2026-11-26/print/": "/en/indicators/statuses/2026-11-26/",
    "/en/policy/action-plan/print/": "/en/policy/action-plan/",
}


# Each row's status and owner cell as Playwright's is_visible() and bounding_box() see them
# (a box that is not empty and not visibility:hidden), with the owner cell's ::before label:
# one round trip to the page instead of about ten a row.
ACTION_PLAN_ROWS = """() => [...document.querySelectorAll('table.action-plan tbody tr')].map(row => {
  const measure = element => {
    if (!element) return null;
    const r = element.getBoundingClientRect();
    return {visible: r.width > 0 && r.height > 0
                     && getComputedStyle(element).visibility !== 'hidden',
            box: {x: r.x, y: r.y, width: r.width, height: r.height},
            before: getComputedStyle(element, '::before').content};
  };
  return {status: measure(row.querySelector('.status')),
          owner: measure(row.querySelectorAll('td')[3])};
})"""


@pytest.mark.parametrize("path, owner", [("/politik/handlingsplan/", "Ansvarlig"),
                                         ("/en/policy/action-plan/", "Responsible")])
def test_action_plan_shows_status_and_owner_without_sideways_scrolling_on_a_phone(
        site_page, path, owner):
    site_page.set_viewport_size({"width": 390, "height": 900})
    site_page.goto(ORIGIN + path)

    rows = site_page.evaluate(ACTION_PLAN_ROWS)
    assert len(rows) >= 5
    for number, row in enumerate(rows):
        for element in (row["status"], row["owner"]):
            assert element is not None and element["visible"], (number, element)
            box = element["box"]
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (number, box)
        assert owner in row["owner"]["before"]
        # Stacked: the owner's cell is below the status, not beside it off-screen.
        assert row["owner"]["box"]["y"] >= row["status"]["box"]["y"]
    region = site_page.locator("[role=region][aria-labelledby=action-plan-caption]")
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    assert phone_problems(site_page) == []


def open_print_view(page, path: str) -> None:
    """Open the print view, through the print link of the page it belongs to where it has one:
    the link is shown, says "Udskriv" or "Print" and leads to the print view."""
    if path not in LINKED_FROM:
        page.goto(ORIGIN + path)
        return
    page.goto(ORIGIN + LINKED_FROM[path])
    link = page.locator(".print-link a")
    assert link.is_visible()
    assert link.inner_text() in ("Udskriv", "Print")
    link.click()
    assert page.url == ORIGIN + path
    page.wait_for_load_state("load")  # as goto waits, before the page is printed


def pdf_pages(page) -> list:
    """The open page printed to PDF (A4) by Chromium, its pages read back with pypdf."""
    page.emulate_media(media="print")
    # What only the screen needs (the way back, a login form) is not printed.
    assert page.locator("header form, .no-print").evaluate_all(
        "nodes => nodes.every(n => getComputedStyle(n).display === 'none')")
    return PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True))).pages


def text_and_lowest(pdf_page) -> tuple[str, float]:
    """The page's text, and how far down the page its last line of content reaches, as a share
    of the page height (the page number in the margin not counted): both from one reading of
    the page (pypdf's text extraction is most of this test's own time)."""
    heights = []

    def visit(text, _cm, tm, _font, _size):
        if text.strip() and not re.search(r"(Side|Page) \d+ (af|of) \d+", text):
            heights.append(tm[5])

    text = pdf_page.extract_text(visitor_text=visit)
    top = float(pdf_page.mediabox.height)
    return text, 1 - (min(heights) if heights else top) / top


@pytest.mark.parametrize("path", PRINT_VIEWS)
def test_print_view_on_paper_has_page_numbers_address_date_and_a_full_first_page(
        site_page, path):
    """Reached by its page's print link (LINKED_FROM), printed on paper: page numbers, the
    address, the date, full addresses and a full first page."""
    open_print_view(site_page, path)
    pages = pdf_pages(site_page)
    english = path.startswith("/en/")
    # Every link on paper is followed by its full address (print-view.css prints http links).
    assert site_page.locator("main a[href]").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
        ".filter(h => !/^(https?:|mailto:|tel:|#)/.test(h))") == []

    first_text, first_lowest = text_and_lowest(pages[0])
    texts = [first_text] + [p.extract_text() for p in pages[1:]]
    word, of = ("Page", "of") if english else ("Side", "af")
    for number, text in enumerate(texts, start=1):
        assert f"{word} {number} {of} {len(pages)}" in text
    first = " ".join(texts[0].split())
    assert PRINTED + path in first.replace(" ", "")  # the page's own full address
    assert PRINTED + "/" in first  # the portal's address
    with translation.override("en" if english else "da"):
        today = date_format(datetime.date.today(), "j. F Y")
    assert f"{'Printed on' if english else 'Udskrevet'} {today}" in first
    municipality = Municipality.objects.first()
    assert municipality.address and municipality.address in " ".join(texts[-1].split())
    # Links are printed as full addresses, never as a bare path.
    whole = " ".join(texts).replace("\n", "")
    assert PRINTED + "/" in whole
    assert not re.search(r"\(/[a-z]", whole)
    if len(pages) > 1:
        assert first_lowest > 0.75, "the first page is not filled"
