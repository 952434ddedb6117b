"""Staff access: login throttling, two-factor login and sessions (SECURITY.md AUTH-01..03)."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db
LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def editor():
    return User.objects.create_user("redaktoer", password="Rigtig-kode-2026", is_staff=True,
                                    is_superuser=True)


def login(client, password, ip="10.1.1.1"):
    return client.post(LOGIN, {"username": "redaktoer", "password": password},
                       REMOTE_ADDR=ip)


def test_fifth_wrong_password_locks_that_user_from_that_address(client, editor):
    statuses = [login(client, "forkert").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    locked = login(client, "Rigtig-kode-2026")
    assert locked.status_code == 429
    assert "Too many failed login attempts" in locked.content.decode() or \
        "For mange mislykkede" in locked.content.decode()


def test_lockout_does_not_affect_another_address(client, editor):
    for _ in range(5):
        login(client, "forkert", ip="10.1.1.1")
    response = login(Client(), "Rigtig-kode-2026", ip="10.9.9.9")
    assert response.status_code == 302


def test_behind_a_proxy_a_changing_first_forwarded_entry_does_not_escape_the_lockout(
        client, editor, settings):
    # DJANGO_BEHIND_PROXY=1 with one proxy, which appends the address it saw (nginx's
    # $proxy_add_x_forwarded_for); the client writes whatever it likes in front of it.
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 1

    def attempt(password, n):
        return client.post(LOGIN, {"username": "redaktoer", "password": password},
                           REMOTE_ADDR="10.0.0.2",
                           HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 198.51.100.7")

    statuses = [attempt("forkert", n).status_code for n in range(12)]
    assert statuses[:4] == [200] * 4 and set(statuses[4:]) == {429}
    assert attempt("Rigtig-kode-2026", 99).status_code == 429


def _token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_required_two_factor_login_enrols_a_new_editor_end_to_end(client, editor, settings):
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # stands in for waiting a moment after a wrong code
    response = login(client, "Rigtig-kode-2026")
    assert response.status_code == 302
    # The admin is closed until the second factor is set up.
    assert client.get("/admin/").url == "/admin/2fa/setup/"
    page = client.get("/admin/2fa/setup/").content.decode()
    assert "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    wrong = client.post("/admin/2fa/setup/", {"token": "000000" if _token(device) != "000000"
                                              else "111111"})
    assert "The code was not right" in wrong.content.decode() or \
        "Koden var ikke rigtig" in wrong.content.decode()
    # The first enrolment ends on the page that shows the new backup codes, once.
    assert client.post("/admin/2fa/setup/", {"token": _token(device)}).url == "/admin/2fa/"
    assert client.get("/admin/2fa/").content.decode().count("<li><code>") == 10
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_enrolled_editor_must_type_a_code_after_each_login(client, editor, settings):
    settings.REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=editor, name="app", confirmed=True)
    login(client, "Rigtig-kode-2026")
    assert client.get("/admin/guides/").url == "/admin/2fa/verify/" or \
        client.get("/admin/").url == "/admin/2fa/verify/"
    assert client.post("/admin/2fa/verify/", {"token": _token(device)}).url == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_two_factor_is_optional_when_not_required(client, editor, settings):
    settings.REQUIRE_2FA = False
    login(client, "Rigtig-kode-2026")
    assert client.get("/admin/").status_code == 200


def test_session_key_changes_at_login(client, editor):
    client.get(LOGIN)
    client.cookies["sessionid"] = "x" * 32
    login(client, "Rigtig-kode-2026")
    assert client.cookies["sessionid"].value != "x" * 32


def test_logout_ends_access(client, editor):
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert client.get("/admin/").status_code == 302


def test_deactivated_user_loses_access_at_once(client, editor):
    client.force_login(editor)
    User.objects.filter(pk=editor.pk).update(is_active=False)
    assert client.get("/admin/").status_code == 302


def test_sessions_expire_after_idle_time(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_every_admin_url_sends_anonymous_visitors_to_login(client):
    from django.contrib import admin

    for model in admin.site._registry:
        opts = model._meta
        for suffix in ("", "add/", "1/change/", "1/delete/", "1/history/"):
            url = f"/admin/{opts.app_label}/{opts.model_name}/{suffix}"
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.url.startswith("/admin/login/"), url
