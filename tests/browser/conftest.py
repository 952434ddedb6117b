import functools
import mimetypes
import os
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT, AxeResults
from axe_playwright_python.sync_playwright import DEFAULT_OPTIONS
from axe_playwright_python.sync_playwright import Axe as PackagedAxe
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.db import connections
from django.test import Client
from django.test.testcases import QuietWSGIRequestHandler, _MediaFilesHandler

# resultTypes: axe still runs every rule but details only the violations (one node for each of
# the other kinds), so far less comes back over the wire from each page.
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
              "resultTypes": ["violations"]}
WIDTHS = [390, 1280]
# The address the in-process site answers on (see `site_page`); localhost, because Chromium
# ignores COOP on an origin it does not trust.
ORIGIN = "http://localhost"


class Axe(PackagedAxe):
    """axe-core as the `page` fixture puts it on every page, not sent again for each check.

    The package's Axe sends its 570 kB script from Python through Playwright's driver into the
    page before each run (about 50 ms of CPU a page, measured); an init script is handed to
    Chromium once per context and run there when a document starts. It is injected by the
    DevTools protocol, so the portal's strict CSP does not apply to it; where axe is still
    missing (a page not opened through that context), it is sent as the package does."""

    def run(self, page, context=None, options=DEFAULT_OPTIONS):
        if not page.evaluate("typeof window.axe === 'object'"):
            page.evaluate(self.axe_script)
        args = self._format_script_args(context=context, options=options)
        return AxeResults(page.evaluate(f"axe.run({args}).then(results => results)"))


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    context.add_init_script(AXE_SCRIPT)
    page = context.new_page()
    yield page
    context.close()


class InProcessSite:
    """Chromium's requests answered by Django in the test's own thread and connection.

    A live server needs committed data (a transaction=True test that loads the demo, then
    truncates every table); answered here, a walk over many pages reads the demo the `demo`
    fixture loaded once per process, inside its transaction, and a test's own factory data is
    seen at once. Requests to any other host are recorded in `foreign` and refused.

    The browser stays the client: its cookies, headers (Origin and Referer for the CSRF check,
    which is enforced as in production), form bodies (urlencoded or multipart) and redirects go
    through as they are, and every Set-Cookie goes back to it, so `context.clear_cookies()`
    logs out and a login form logs in.
    """

    def __init__(self, page):
        self.client = Client(enforce_csrf_checks=True)
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
            found = static_file(url.path.removeprefix(settings.STATIC_URL))
            if found is None:
                return route.fulfill(status=404)
            return route.fulfill(body=found[0], content_type=found[1])
        connections["default"] = self.connection
        path = url.path + (f"?{url.query}" if url.query else "")
        # all_headers(), not headers: only it has the Cookie the browser sends.
        headers = {name.lower(): value for name, value in request.all_headers().items()}
        meta = {"HTTP_" + name.upper().replace("-", "_"): value for name, value in headers.items()
                if name not in ("content-type", "content-length", "cookie", "host")}
        response = self.client.generic(
            request.method, path, data=request.post_data_buffer or b"",
            content_type=headers.get("content-type", ""), HTTP_HOST=url.netloc,
            # The browser's cookie jar, never the test client's own.
            HTTP_COOKIE=headers.get("cookie", ""), **meta)
        self.client.cookies.clear()
        body = (b"".join(response.streaming_content) if response.streaming
                else response.content)
        answer = dict(response.items())
        cookies = [morsel.OutputString() for morsel in response.cookies.values()]
        if cookies:  # Playwright takes several Set-Cookie headers as one, split by newlines
            answer["set-cookie"] = "\n".join(cookies)
        route.fulfill(status=response.status_code, headers=answer, body=body)


@functools.cache
def _static_paths() -> dict:
    """Every static file's name and where it lies, as collectstatic finds them (the first
    finder's wins), listed once per test process."""
    paths = {}
    for finder in finders.get_finders():
        for name, storage in finder.list([]):
            prefix = getattr(storage, "prefix", None)
            name = name.replace(os.sep, "/")
            paths.setdefault(f"{prefix}/{name}" if prefix else name, storage.path(name))
    return paths


@functools.cache
def static_file(name: str) -> tuple[bytes, str] | None:
    """A static file's content and type, read from disk once per test process (every page load
    asks for each again: Chromium's cache is off while Playwright routes), or None."""
    path = _static_paths().get(name)
    if path is None:
        return None
    return Path(path).read_bytes(), mimetypes.guess_type(path)[0] or "application/octet-stream"


def in_process(page):
    page.site = InProcessSite(page)
    return page


@pytest.fixture
def site_page(page, demo):
    """A page whose requests the demo site answers in process; open paths with `ORIGIN + path`."""
    return in_process(page)


@pytest.fixture
def bare_site_page(page, db):
    """`site_page` without the demo: only what the test itself creates (with factories)."""
    return in_process(page)


class SharedConnectionServer(threading.Thread):
    """A real HTTP server on the test's own database connection, for what `site_page` cannot do.

    Playwright does not route the request a redirect leads to (its documented limit), so a
    test that follows a redirect (a login, a form that redirects to its thank-you page) needs a
    server on the network. pytest-django's `live_server` is one, but its thread has its own
    connection, so it needs committed data: transaction=True, a demo load per test and a flush
    of every table after it. This one answers on the connection of whichever test is running
    (inside its transaction, so it sees the demo `demo` loaded once and the test's own factory
    data, and what it writes is rolled back with the test). It serves one request at a time
    (Django's non-threaded server, which closes each HTTP connection), so the connection is
    never used by two requests at once; the test's thread waits on the browser meanwhile.
    Started once per test process, on a free port.
    """

    def __init__(self):
        super().__init__(daemon=True)
        self.connection = None  # set by `live_site_page` for each test
        self.busy = threading.Lock()  # held while a request runs on the connection
        self.ready = threading.Event()
        self.handler = StaticFilesHandler(_MediaFilesHandler(WSGIHandler()))

    def _app(self, environ, start_response):
        with self.busy:
            if self.connection is None:  # a late request after its test ended: not on our DB
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"No test is running."]
            connections["default"] = self.connection
            response = self.handler(environ, start_response)
            # The body is read and the response closed while the lock is held: closing sends
            # request_finished, whose handlers touch the connection; after the lock, the test may
            # already be ending (its teardown failed with "connection in transaction status").
            try:
                return [b"".join(response)]
            finally:
                response.close()

    def run(self):
        self.httpd = WSGIServer(("localhost", 0), QuietWSGIRequestHandler,
                                allow_reuse_address=False)
        self.origin = f"http://localhost:{self.httpd.server_address[1]}"
        self.httpd.set_app(self._app)
        self.ready.set()
        try:
            self.httpd.serve_forever(poll_interval=0.1)
        finally:
            # Any other connection this thread opened (another alias) is its own: closed here,
            # or the test database could not be dropped at the end ("being accessed by other
            # users"). Its "default" is the tests' connection, which stays theirs.
            for connection in connections.all(initialized_only=True):
                if connection.alias != "default":
                    connection.close()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.join()


@pytest.fixture(scope="session")
def _shared_connection_server():
    server = SharedConnectionServer()
    server.start()
    server.ready.wait()
    yield server
    server.stop()


@pytest.fixture
def live_site_page(page, db, _shared_connection_server):
    """A page on `SharedConnectionServer`; open paths with `live_site_page.origin + path`.

    Add the `demo` fixture to the test for the demo site."""
    connection = connections["default"]
    connection.inc_thread_sharing()
    # Django closes a connection that is in a transaction when a request ends
    # (close_old_connections); this one's transaction is the test's, so it stays open, as the
    # test client keeps it open for its requests.
    connection.close_if_unusable_or_obsolete = lambda: None
    _shared_connection_server.connection = connection
    page.origin = _shared_connection_server.origin
    yield page
    with _shared_connection_server.busy:  # the rollback must not meet a running request
        _shared_connection_server.connection = None
    del connection.close_if_unusable_or_obsolete
    connection.dec_thread_sharing()


def check_open_page(page, axe, label, problems):
    """The open page checked at each of WIDTHS, resized, not loaded again: exactly one <h1>,
    and axe's WCAG 2.1 AA violations, each added to `problems` as (width, label, rule, targets)."""
    if page.locator("h1").count() != 1:
        problems.append((label, "h1 count", page.locator("h1").count()))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
            problems.append((width, label, violation["id"],
                             [n["target"] for n in violation["nodes"]][:3]))


def send_empty(page):
    """Send the open page's form as it is (empty) and wait for its error summary."""
    page.locator("main form[method='post'] button[type='submit']").click()
    page.locator(".error-summary").wait_for()


def log_in(page, user):
    """Give the browser a logged-in session for `user` (as the admin's login would)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": getattr(page, "origin", ORIGIN),
    }])


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


# The four above in one round trip to the page; `walk` reads them with the rest of the DOM and
# axe's run in one more (PAGE_CHECKS): each page.evaluate or locator call is a round trip
# through Playwright's driver, and the nine it replaces cost ~8 s of CPU on 60 pages at two
# widths (measured).
PHONE_MEASURES = f"""() => ({{
  tables: ({UNUSABLE_TABLES})(),
  smallest: ({SMALLEST_CHART_TEXT})(),
  overlaps: ({MARKERS_ON_AXIS_TITLES})(),
  labels: ({EXAMPLE_LABELS})(),
}})"""
PAGE_CHECKS = f"""async (options) => {{
  const measured = {{
    lang: document.documentElement.getAttribute('lang'),
    h1: document.querySelectorAll('h1').length,
    scroll: document.documentElement.scrollWidth > window.innerWidth,
    phone: ({PHONE_MEASURES})(),
  }};
  if (typeof window.axe !== 'object') return measured;
  measured.violations = (await axe.run(document, options)).violations.map(
    violation => [violation.id, violation.nodes.slice(0, 3).map(node => node.target)]);
  return measured;
}}"""


def _phone_problems(measured) -> list:
    problems = []
    if measured["tables"]:
        problems.append(("table not usable", measured["tables"]))
    if measured["smallest"] is not None and measured["smallest"] < 12:
        problems.append(("chart text", round(measured["smallest"], 1)))
    if measured["overlaps"]:
        problems.append(("marker on axis title", measured["overlaps"]))
    if measured["labels"]:
        problems.append(("example-data label", measured["labels"]))
    return problems


def phone_problems(page) -> list:
    """The measured checks of issue 15 §4 on the open page (at any width)."""
    return _phone_problems(page.evaluate(PHONE_MEASURES))


# What walk() measures for the public pages only (issue 15 §4): the admin's own changelist tables
# scroll inside their box on a phone, and its "Eksempeldata" column heading is a sort link.
PUBLIC_PAGE_MEASURES = ("table not usable", "example-data label")


def walk(page, paths, *, widths=WIDTHS, not_found=(), origin=ORIGIN):
    """Open each path once and list what a reader would trip over at each of `widths` in turn
    (the viewport resized in between, the page not loaded again; every other page takes the
    widths the other way round): a wrong status or language, not exactly one <h1>, sideways
    scrolling, a data table that is clipped or an unreachable scroll region, chart text under
    12 px, a marker on an axis title, an "Eksempeldata" label not in its one style
    (`phone_problems`), axe's WCAG 2.1 AA violations, console errors, requests to another host.
    Each problem is `(path, width, what, *details)`: the status is named with the width the
    page was loaded at, console errors and requests with the width at whose checks they came.
    An empty list means every page passed."""
    console_errors = []

    def on_console(message):
        if message.type == "error":
            console_errors.append(message.text)

    def on_page_error(error):
        console_errors.append(str(error))

    page.on("console", on_console)
    page.on("pageerror", on_page_error)
    problems = []
    foreign = page.site.foreign if hasattr(page, "site") else []
    try:
        for number, path in enumerate(paths):
            console_errors.clear()
            foreign.clear()
            expected_status = 404 if path in not_found else 200
            expected_lang = "en" if path.startswith("/en/") else "da"
            # Every other page takes the widths the other way round: each page then loads at
            # the width the last one ended at (no resize of a page about to be left), and each
            # width is met both on a fresh load and after a resize.
            for n, at in enumerate(widths if number % 2 == 0 else widths[::-1]):
                if page.viewport_size != {"width": at, "height": 900}:
                    # On a loaded page, the next check reads the layout at the new width.
                    page.set_viewport_size({"width": at, "height": 900})
                if n == 0:
                    response = page.goto(origin + path)
                    if response.status != expected_status:
                        problems.append((path, at, "status", response.status))
                problems += [(path, at, *problem)
                             for problem in _page_problems(page, expected_lang)]
                if expected_status == 404:  # the browser logs the page's own 404 as an error
                    console_errors[:] = [m for m in console_errors if "status of 404" not in m]
                if console_errors:
                    problems.append((path, at, "console", list(console_errors)))
                if foreign:
                    problems.append((path, at, "foreign request", list(foreign)))
                console_errors.clear()
                foreign.clear()
    finally:
        page.remove_listener("console", on_console)
        page.remove_listener("pageerror", on_page_error)
    return problems


def _page_problems(page, expected_lang) -> list:
    """Every check of `walk` on the open page at its present width, each as `(what, *details)`."""
    measured = page.evaluate(PAGE_CHECKS, WCAG_21_AA)
    if "violations" not in measured:  # a page not opened through the `page` fixture's context
        page.evaluate(AXE_SCRIPT)
        measured = page.evaluate(PAGE_CHECKS, WCAG_21_AA)
    problems = []
    if measured["lang"] != expected_lang:
        problems.append(("lang", measured["lang"]))
    if measured["h1"] != 1:
        problems.append(("h1 count", measured["h1"]))
    if measured["scroll"]:
        problems.append(("horizontal scroll",))
    problems += _phone_problems(measured["phone"])
    problems += [("axe", rule, targets) for rule, targets in measured["violations"]]
    return problems
