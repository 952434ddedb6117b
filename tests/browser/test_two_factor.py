"""Two-factor login in a real Chromium: enrol, see the backup codes, log in with a code and
with a backup code, in both languages, at phone and desktop widths, with axe and the strict
CSP watching (docs/security.md "Two-factor login")."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser.conftest import WCAG_21_AA, Axe

pytestmark = [pytest.mark.browser]

WIDTHS = (390, 1280)


def _token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.parametrize("prefix, lang", [("", "da"), ("/en", "en")])
def test_enrol_and_log_in_with_a_code_and_a_backup_code(live_site_page, django_user_model,
                                                        settings, prefix, lang):
    # A live server: every login step redirects (see SharedConnectionServer).
    page, origin = live_site_page, live_site_page.origin
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16)
    problems = []
    # The admin has no favicon: Chromium's /favicon.ico 404 is logged but is not ours. A CSP
    # violation is a console error too.
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text
            and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    axe = Axe()

    def check(what):
        assert page.get_attribute("html", "lang") == lang, what
        assert page.locator("h1").count() == 1, what
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            for violation in axe.run(page, options=WCAG_21_AA).response["violations"]:
                problems.append((what, width, violation["id"],
                                 [n["target"] for n in violation["nodes"]][:3]))

    def log_in():
        page.goto(f"{origin}{prefix}/admin/login/?next={prefix}/admin/")
        page.fill("#id_username", "redaktoer")
        page.fill("#id_password", "x" * 16)
        page.click("input[type=submit]")

    log_in()
    assert page.url.endswith(f"{prefix}/admin/2fa/setup/")
    check("setup")
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    page.fill("#id_token", _token(device))
    page.click("#content-main input[type=submit]")
    assert page.url.endswith(f"{prefix}/admin/2fa/")
    assert page.locator(".backup-codes li").count() == 10
    check("backup codes")

    page.context.clear_cookies()  # a new browser session: password and a code again
    log_in()
    assert "/admin/2fa/verify/" in page.url
    check("verify")
    code = StaticToken.objects.filter(device__user=user).first().token
    page.fill("#id_token", code)
    page.click("#content-main input[type=submit]")
    assert page.url.endswith(f"{prefix}/admin/")
    assert not StaticToken.objects.filter(token=code).exists()
    assert problems == [], "\n".join(map(str, problems))
