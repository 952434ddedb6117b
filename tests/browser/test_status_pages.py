"""Statuses for committee meetings and the readers' login (issue 15.3, 15.5) in a real
Chromium at phone and desktop width, both languages, with axe: the public pages, the version a
logged-in reader sees (with the header's logout), the login's code page, the admin's pages
(the print view on paper is in test_indicator_pages.py, with the other print views). The
public pages are demo pages that test_every_page.py walks at both widths with every check
this file made (h1, sideways scrolling, axe, the console); here they are looked up there."""

import pytest
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from indicators.models import MeetingStatus
from tests.browser.conftest import ORIGIN, WCAG_21_AA, WIDTHS, Axe, log_in
from tests.browser.coverage import assert_walked_by_every_page

pytestmark = [pytest.mark.browser]
STATUS_PAGES = [
    "/indikatorer/status/", "/indikatorer/status/2026-11-26/", "/indikatorer/status/2026-06-11/",
    "/indikatorer/status/2026-11-26/udskriv/", "/en/indicators/statuses/",
    "/en/indicators/statuses/2026-11-26/", "/en/indicators/statuses/2026-11-26/print/",
    "/log-ind/", "/en/log-in/",
]


def _token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture
def checker(page):
    axe = Axe()
    problems = []
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text
            and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))

    def check(what):
        if page.locator("h1").count() != 1:
            problems.append((what, "h1 count"))
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            if page.evaluate("document.documentElement.scrollWidth > window.innerWidth"):
                problems.append((what, width, "horizontal scroll"))
            for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
                problems.append((what, width, violation["id"],
                                 [n["target"] for n in violation["nodes"]][:3]))
    check.problems = problems
    return check


def test_status_pages_and_the_login_are_accessible(site_page, client):
    assert_walked_by_every_page(client, STATUS_PAGES)
    site_page.goto(ORIGIN + "/indikatorer/status/2026-11-26/")
    assert site_page.locator("h1").inner_text().startswith("Status til ")


def test_a_reader_logs_in_with_a_code_and_reads_the_internal_version(
        live_site_page, demo, checker, django_user_model, settings):
    # A live server: the login redirects (see SharedConnectionServer).
    page, origin = live_site_page, live_site_page.origin
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = django_user_model.objects.create_user("politiker", "p@example.dk", "x" * 16)
    user.groups.add(Group.objects.get(name="Læsere af interne indikatorer"))
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    page.goto(origin + "/log-ind/?next=/indikatorer/status/2026-11-26/")
    page.fill("#id_username", "politiker")
    page.fill("#id_password", "x" * 16)
    page.click("main button[type=submit]")
    assert "/log-ind/kode/" in page.url
    checker("code page")
    assert "Medarbejdere uddannet" not in page.content()
    page.fill("#id_token", _token(device))
    page.click("main button[type=submit]")
    assert page.url.endswith("/indikatorer/status/2026-11-26/")
    assert page.locator(".label--internal").count() >= 1
    assert page.locator("header form.signed-in button").is_visible()
    checker("status, internal version")
    page.goto(origin + "/en/indicators/")
    checker("dashboard, internal")
    page.click("header form.signed-in button")
    page.goto(origin + "/indikatorer/status/2026-11-26/")
    assert page.locator(".label--internal").count() == 0
    assert checker.problems == []


def test_the_admin_pages_of_statuses_are_accessible(site_page, checker, django_user_model):
    # Logged in by a session cookie (`log_in`), in process: logging in through a form is what
    # the test above and test_two_factor.py check; here only the pages behind it are.
    page = site_page
    log_in(page, django_user_model.objects.create_superuser("chef", "c@example.dk", "x" * 16))
    status = MeetingStatus.objects.newest_first().first()
    for path in ["/admin/indicators/meetingstatus/", "/admin/indicators/meetingstatus/add/",
                 f"/admin/indicators/meetingstatus/{status.pk}/change/"]:
        assert page.goto(ORIGIN + path).status == 200
        checker(path)
    # axe only: Django's admin scripts also try inline styles that the CSP blocks and the
    # console reports, on every admin page (not only these).
    assert [p for p in checker.problems if isinstance(p, tuple)] == []
