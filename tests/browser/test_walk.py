"""`walk` itself (tests/browser/conftest.py): it opens each page once and checks it at every
width, so what goes wrong at only one width must still be found at that width, whether the
page was loaded at it or resized to it; what it fetches from another host and a static file
that is missing are still reported.

The pages here are written for the test and answered before the in-process site (a route
added later wins in Playwright); what they load from /static/ goes through the site.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ORIGIN, walk

pytestmark = [pytest.mark.browser]

PAGE = """<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Prøve</title>
<style>{style}</style>{head}</head><body><main><h1>Prøve</h1>{body}</main></body></html>"""
# Sideways scrolling on a phone only.
NARROW = PAGE.format(style="@media (max-width: 600px) { .wide { width: 700px; } }",
                     head="", body='<p class="wide">Tekst</p>')
# Text too faint to read, shown on a wide screen only.
WIDE = PAGE.format(
    style=".faint { display: none; color: #ccc; background: #fff; }"
          "@media (min-width: 1000px) { .faint { display: block; } }",
    head="", body='<p class="faint">Tekst</p>')
FETCHING = PAGE.format(
    style="", head='<link rel="stylesheet" href="/static/css/site.css">'
                   '<link rel="stylesheet" href="/static/css/findes-ikke.css">',
    body='<img src="https://example.com/billede.png" alt="Billede">')


def _serve(page, pages):
    def answer(route):
        route.fulfill(body=pages[urlsplit(route.request.url).path],
                      content_type="text/html; charset=utf-8")

    for path in pages:
        page.route(ORIGIN + path, answer)


def _found(problems):
    return sorted((path, width, what) for path, width, what, *details in problems)


def test_a_fault_at_one_width_is_found_at_that_width_loaded_or_resized(bare_site_page):
    _serve(bare_site_page, {"/smal/": NARROW, "/bred/": WIDE})
    # Every other page takes the widths the other way round: with both orders of pages and of
    # widths, each page meets its faulty width once on loading and once after a resize.
    for paths in (["/smal/", "/bred/"], ["/bred/", "/smal/"]):
        for widths in ([390, 1280], [1280, 390]):
            problems = walk(bare_site_page, paths, widths=widths)
            assert _found(problems) == [("/bred/", 1280, "axe"), ("/smal/", 390, "horizontal scroll")], (
                paths, widths, problems)
            assert [p[3] for p in problems if p[2] == "axe"] == ["color-contrast"]


def test_one_width_walks_only_that_width(bare_site_page):
    _serve(bare_site_page, {"/smal/": NARROW})
    assert walk(bare_site_page, ["/smal/"], widths=[390]) == [("/smal/", 390, "horizontal scroll")]
    assert walk(bare_site_page, ["/smal/"], widths=[1280]) == []


def test_a_request_to_another_host_and_a_missing_static_file_are_reported(bare_site_page):
    _serve(bare_site_page, {"/henter/": FETCHING})
    problems = walk(bare_site_page, ["/henter/"], widths=[390])
    assert [p[:3] for p in problems] == [("/henter/", 390, "console"),
                                         ("/henter/", 390, "foreign request")]
    # The stylesheet that exists is served as CSS (Chromium refuses another type and says so);
    # the missing one is answered 404.
    assert [m for m in problems[0][3] if "status of 404" in m], problems
    assert problems[1][3] == ["https://example.com/billede.png"]
    assert bare_site_page.evaluate(
        "[...document.styleSheets].filter(s => s.href && s.cssRules.length).length") == 1


def test_the_language_the_headings_and_the_console_are_checked_at_each_width(bare_site_page):
    wrong = PAGE.format(style="", head="<script>console.error('fejl ved indlæsning')</script>",
                        body="<h1>En overskrift til</h1>").replace('lang="da"', 'lang="en"')
    _serve(bare_site_page, {"/forkert/": wrong})
    problems = walk(bare_site_page, ["/forkert/"], widths=[1280, 390])
    assert problems == [
        ("/forkert/", 1280, "lang", "en"), ("/forkert/", 1280, "h1 count", 2),
        ("/forkert/", 1280, "console", ["fejl ved indlæsning"]),  # logged while it loaded
        ("/forkert/", 390, "lang", "en"), ("/forkert/", 390, "h1 count", 2)]
