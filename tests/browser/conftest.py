import mimetypes
import os
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connections
from django.test import Client

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# No internet here: without these flags Chromium keeps trying to reach Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-features=Translate,MediaRouter,OptimizationHints",
]
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
WIDTHS = [390, 1280]
# The address the in-process site answers on (see `site_page`); localhost, because Chromium
# ignores COOP on an origin it does not trust.
ORIGIN = "http://localhost"


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it "
                    "(apt-get install chromium).")
    # Playwright's sync API runs an event loop; Django must allow DB access from tests anyway.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


class InProcessSite:
    """Chromium's requests answered by Django in the test's own thread and connection.

    A live server needs committed data (a transaction=True test that loads the demo, then
    truncates every table); answered here, a walk over many pages reads the demo the `demo`
    fixture loaded once per process, inside its transaction. Requests to any other host are
    recorded in `foreign` and refused.
    """

    def __init__(self, page):
        self.client = Client()
        self.foreign = []
        # Playwright calls the handler in another greenlet, where Django would open a second
        # connection outside the test's transaction; the handler uses the test's own.
        self.connection = connections["default"]
        page.route("**/*", self._answer)

    def _answer(self, route, request):
        url = urlsplit(request.url)
        if f"{url.scheme}://{url.netloc}" != ORIGIN:
            if not request.url.startswith("data:"):
                self.foreign.append(request.url)
            return route.abort()
        if url.path.startswith(settings.STATIC_URL):
            found = finders.find(url.path.removeprefix(settings.STATIC_URL))
            if not found:
                return route.fulfill(status=404)
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return route.fulfill(path=found, content_type=content_type)
        connections["default"] = self.connection
        path = url.path + (f"?{url.query}" if url.query else "")
        response = self.client.generic(
            request.method, path, data=request.post_data_buffer or b"",
            content_type=request.headers.get("content-type", ""))
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content)
        route.fulfill(status=response.status_code, headers=dict(response.items()), body=body)


@pytest.fixture
def site_page(page, demo):
    """A page whose requests the demo site answers in process; open paths with `ORIGIN + path`."""
    page.site = InProcessSite(page)
    return page


# Issue 15 §4, measured in the browser on every page the walk opens (axe alone does not see
# these). A data table either fits its column (wraps or stacks) or sits in a scroll region a
# keyboard can reach and a screen reader can name; returns the tables that do neither.
UNUSABLE_TABLES = """() => {
  const found = [];
  for (const table of document.querySelectorAll('main table')) {
    if (!table.getClientRects().length) continue;
    const region = table.closest('.table-scroll, [role=region]');
    const container = region || table.parentElement;
    const overflows = table.getBoundingClientRect().width > container.clientWidth + 1
      || table.getBoundingClientRect().right > window.innerWidth + 1;
    if (!region && !overflows) continue;
    const label = region && (region.getAttribute('aria-label') || (
      document.getElementById(region.getAttribute('aria-labelledby') || '') || {}).textContent);
    if (!region || region.getAttribute('role') !== 'region'
        || region.getAttribute('tabindex') !== '0' || !(label || '').trim()
        || getComputedStyle(region).overflowX !== 'auto'
        || region.getBoundingClientRect().right > window.innerWidth + 1)
      found.push((table.querySelector('caption') || table).textContent.trim().slice(0, 60));
  }
  return found;
}"""
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
# One "Eksempeldata" label (templates/includes/example_data.html): every element whose own
# text is the label carries its class, and every such label is drawn the same way.
EXAMPLE_LABELS = """() => {
  const words = ['Eksempeldata', 'Example data'];
  const odd = [];
  const looks = new Set();
  for (const element of document.querySelectorAll('body *')) {
    const own = [...element.childNodes].filter(n => n.nodeType === Node.TEXT_NODE)
      .map(n => n.textContent).join('').trim();
    if (!words.includes(own)) continue;
    if (!element.classList.contains('example-label')) odd.push(element.outerHTML.slice(0, 80));
    else if (element.getClientRects().length) {
      const style = getComputedStyle(element);
      looks.add([style.fontSize, style.fontWeight, style.color, style.backgroundColor,
                 style.borderTopStyle, style.borderTopWidth].join(' '));
    }
  }
  if (looks.size > 1) odd.push([...looks].join(' | '));
  return odd;
}"""


def phone_problems(page) -> list:
    """The measured checks of issue 15 §4 on the open page (at any width)."""
    problems = []
    tables = page.evaluate(UNUSABLE_TABLES)
    if tables:
        problems.append(("table not usable", tables))
    smallest = page.evaluate(SMALLEST_CHART_TEXT)
    if smallest is not None and smallest < 12:
        problems.append(("chart text", round(smallest, 1)))
    overlaps = page.evaluate(MARKERS_ON_AXIS_TITLES)
    if overlaps:
        problems.append(("marker on axis title", overlaps))
    labels = page.evaluate(EXAMPLE_LABELS)
    if labels:
        problems.append(("example-data label", labels))
    return problems


def walk(page, paths, *, width, not_found=(), origin=ORIGIN):
    """Open each path at `width` and list what a reader would trip over: a wrong status or
    language, not exactly one <h1>, sideways scrolling, a data table that is clipped or an
    unreachable scroll region, chart text under 12 px, a marker on an axis title, an
    "Eksempeldata" label not in its one style (`phone_problems`), axe's WCAG 2.1 AA violations,
    console errors, requests to another host. An empty list means every page passed."""
    console_errors = []
    page.on("console", lambda m: m.type == "error" and console_errors.append(m.text))
    page.on("pageerror", lambda e: console_errors.append(str(e)))
    page.set_viewport_size({"width": width, "height": 900})
    axe = Axe()
    problems = []
    foreign = page.site.foreign if hasattr(page, "site") else []
    for path in paths:
        console_errors.clear()
        foreign.clear()
        response = page.goto(origin + path)
        expected_status = 404 if path in not_found else 200
        if response.status != expected_status:
            problems.append((path, "status", response.status))
        if expected_status == 404:  # the browser logs the page's own 404 as an error
            console_errors[:] = [m for m in console_errors if "status of 404" not in m]
        expected_lang = "en" if path.startswith("/en/") else "da"
        if page.get_attribute("html", "lang") != expected_lang:
            problems.append((path, "lang", page.get_attribute("html", "lang")))
        if page.locator("h1").count() != 1:
            problems.append((path, "h1 count", page.locator("h1").count()))
        if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
            problems.append((path, "horizontal scroll"))
        problems += [(path, *problem) for problem in phone_problems(page)]
        for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
            problems.append((path, "axe", violation["id"],
                             [node["target"] for node in violation["nodes"]][:3]))
        if console_errors:
            problems.append((path, "console", list(console_errors)))
        if foreign:
            problems.append((path, "foreign request", list(foreign)))
    return problems
