"""Two-factor login: enrolment rules, backup codes, the notice e-mail and safe redirects
(issue 12, points 1 and 2; docs/security.md "Two-factor login", "Redirects after login")."""

from urllib.parse import urlencode

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import User
from django.core import mail
from django.test import RequestFactory
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.redirects import safe_next

pytestmark = pytest.mark.django_db
PASSWORD = "Rigtig-kode-2026"


@pytest.fixture(autouse=True)
def _required(settings):
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # stands in for waiting a moment after a wrong code
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def editor():
    return User.objects.create_user("redaktoer", email="redaktoer@example.dk", password=PASSWORD,
                                    is_staff=True, is_superuser=True)


@pytest.fixture
def phone(editor):
    return TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)


def token(device):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def password_login(client):
    response = client.post("/admin/login/?next=/admin/",
                           {"username": "redaktoer", "password": PASSWORD})
    assert response.status_code == 302


def verified_login(client, device):
    password_login(client)
    assert client.post("/admin/2fa/verify/", {"token": token(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200


# --- Point 1: the password alone must not add a device ---------------------------------------

def test_password_alone_cannot_enrol_a_second_app(client, editor, phone):
    """The attack from issue 12: password-only session, GET then POST the setup page."""
    password_login(client)
    page = client.get("/admin/2fa/setup/")
    assert page.status_code == 302
    assert page.url == "/admin/2fa/verify/?next=%2Fadmin%2F2fa%2Fsetup%2F"
    assert list(TOTPDevice.objects.filter(user=editor)) == [phone]  # no fresh secret handed out
    # Even with a valid code for an unconfirmed device (a secret left from an old attempt).
    leftover = TOTPDevice.objects.create(user=editor, name="Gammel", confirmed=False)
    response = client.post("/admin/2fa/setup/", {"token": token(leftover)})
    assert response.status_code == 302 and response.url.startswith("/admin/2fa/verify/")
    leftover.refresh_from_db()
    assert not leftover.confirmed
    assert client.get("/admin/").url == "/admin/2fa/verify/"  # still not verified
    assert not StaticDevice.objects.filter(user=editor).exists()
    assert mail.outbox == []


def test_password_alone_cannot_enrol_when_only_backup_codes_are_left(client, editor):
    device = StaticDevice.objects.create(user=editor, name="Backup codes")
    device.token_set.create(token="abcd2345")
    password_login(client)
    assert client.get("/admin/2fa/setup/").url.startswith("/admin/2fa/verify/")
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_password_alone_cannot_make_backup_codes(client, editor, phone):
    password_login(client)
    response = client.post("/admin/2fa/backup-codes/")
    assert response.status_code == 302 and "/2fa/verify/" in response.url
    assert not StaticDevice.objects.filter(user=editor).exists()
    assert client.get("/admin/2fa/").url == "/admin/2fa/verify/"


def test_first_enrolment_is_recorded_mailed_and_shows_backup_codes_once(client, editor):
    password_login(client)
    client.get("/admin/2fa/setup/")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.post("/admin/2fa/setup/", {"token": token(device)}).url == "/admin/2fa/"
    page = client.get("/admin/2fa/").content.decode()
    codes = [t.token for t in StaticToken.objects.filter(device__user=editor)]
    assert len(codes) == 10 and all(f"<code>{code}</code>" in page for code in codes)
    # Shown once: the next visit tells how many are left, not the codes.
    again = client.get("/admin/2fa/").content.decode()
    assert not any(code in again for code in codes)
    assert "10" in again
    entry = LogEntry.objects.get(object_id=str(device.pk), action_flag=ADDITION,
                                 content_type__model="totpdevice")
    assert entry.user == editor
    assert "Authenticator app set up" in again or "Godkendelsesapp sat op" in again
    [message] = [m for m in mail.outbox if "authenticator app" in m.body.lower()
                 or "godkendelsesapp" in m.body.lower()]
    assert message.to == ["redaktoer@example.dk"]


def test_verified_session_replaces_the_app_records_it_and_mails_the_owner(client, editor, phone):
    verified_login(client, phone)
    assert client.get("/admin/2fa/setup/").status_code == 200
    new = TOTPDevice.objects.get(user=editor, confirmed=False)
    response = client.post("/admin/2fa/setup/", {"token": token(new)})
    assert response.status_code == 302
    # One app on the account: the old phone's codes stop working.
    assert list(TOTPDevice.objects.filter(user=editor)) == [new]
    new.refresh_from_db()
    assert new.confirmed
    assert LogEntry.objects.filter(object_id=str(phone.pk), action_flag=DELETION).exists()
    assert LogEntry.objects.filter(object_id=str(new.pk), action_flag=ADDITION).exists()
    [message] = mail.outbox  # one notice, for the app (the first backup codes come with it)
    assert message.to == ["redaktoer@example.dk"]
    assert client.get("/admin/").status_code == 200


def test_the_notice_mail_tells_what_to_do_if_it_was_not_you(client, editor, phone):
    from django.utils import translation

    from portal.two_factor import notify_device_added

    with translation.override("da"):
        notify_device_added(editor, phone)
    [message] = mail.outbox
    assert message.to == ["redaktoer@example.dk"]
    assert message.subject == "Der er tilføjet en ny måde at logge ind på din konto"
    assert "administrator" in message.body and "adgangskode" in message.body


# --- Backup codes ----------------------------------------------------------------------------

def test_a_backup_code_logs_in_once(client, editor, phone):
    device = StaticDevice.objects.create(user=editor, name="Backup codes")
    device.token_set.create(token="abcd2345")
    device.token_set.create(token="efgh6789")
    password_login(client)
    response = client.post("/admin/2fa/verify/", {"token": "ABCD 2345"})
    assert response.url == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    password_login(client)
    reused = client.post("/admin/2fa/verify/", {"token": "abcd2345"})
    assert reused.status_code == 200
    assert "The code was not right" in reused.content.decode() or \
        "Koden var ikke rigtig" in reused.content.decode()
    assert client.get("/admin/").url == "/admin/2fa/verify/"


def test_a_backup_code_does_not_count_as_a_wrong_app_code(client, editor, phone, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 1  # django-otp's default: wrong app codes slow it down
    device = StaticDevice.objects.create(user=editor, name="Backup codes")
    device.token_set.create(token="abcd2345")
    password_login(client)
    assert client.post("/admin/2fa/verify/", {"token": "abcd2345"}).url == "/admin/"
    phone.refresh_from_db()
    assert phone.throttling_failure_count == 0


def test_a_lost_phone_backup_code_then_a_new_app(client, editor, phone):
    device = StaticDevice.objects.create(user=editor, name="Backup codes")
    device.token_set.create(token="abcd2345")
    password_login(client)
    client.post("/admin/2fa/verify/?next=/admin/2fa/setup/", {"token": "abcd2345"})
    assert client.get("/admin/2fa/setup/").status_code == 200
    new = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.post("/admin/2fa/setup/", {"token": token(new)})
    assert list(TOTPDevice.objects.filter(user=editor, confirmed=True)) == [new]


def test_new_backup_codes_replace_the_old_ones(client, editor, phone):
    device = StaticDevice.objects.create(user=editor, name="Backup codes")
    device.token_set.create(token="abcd2345")
    verified_login(client, phone)
    assert client.post("/admin/2fa/backup-codes/").url == "/admin/2fa/"
    page = client.get("/admin/2fa/").content.decode()
    codes = list(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert len(codes) == 10 and "abcd2345" not in codes
    assert all(code in page for code in codes)
    assert LogEntry.objects.filter(content_type__model="staticdevice", action_flag=CHANGE,
                                   user=editor).exists()
    assert [m.to for m in mail.outbox] == [["redaktoer@example.dk"]]


# --- Point 2: redirects after the second factor stay on the site -----------------------------

OFF_SITE = ["https://evil.example/login", "//evil.example/login", "/\\evil.example/login",
            "https:evil.example", "\\\\evil.example", " https://evil.example", "javascript:alert(1)",
            "http://testserver.evil.example/"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_verify_does_not_follow_next_off_the_site(client, editor, phone, target):
    password_login(client)
    response = client.post(f"/admin/2fa/verify/?{urlencode({'next': target})}",
                           {"token": token(phone)})
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_verify_with_next_in_the_query_string_as_in_the_report(client, editor, phone):
    password_login(client)
    response = client.post("/admin/2fa/verify/?next=https://evil.example/login",
                           {"token": token(phone)})
    assert response.url == "/admin/"


def test_verify_follows_next_on_the_site(client, editor, phone):
    password_login(client)
    response = client.post("/admin/2fa/verify/?next=/admin/auth/user/", {"token": token(phone)})
    assert response.url == "/admin/auth/user/"


def test_verify_over_https_does_not_follow_next_to_plain_http(client, editor, phone):
    password_login(client)
    response = client.post("/admin/2fa/verify/?next=http://testserver/admin/auth/user/",
                           {"token": token(phone)}, secure=True)
    assert response.url == "/admin/"


@pytest.mark.parametrize("target", OFF_SITE)
def test_admin_login_does_not_follow_next_off_the_site(client, editor, target):
    response = client.post("/admin/login/", {"username": "redaktoer", "password": PASSWORD,
                                             "next": target})
    assert response.status_code == 302
    assert response.url == "/admin/"


def test_admin_logout_does_not_follow_next_off_the_site(client, editor):
    client.force_login(editor)
    response = client.post("/admin/logout/?next=https://evil.example/login")
    assert "evil.example" not in response.get("Location", "")
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("target", OFF_SITE + ["", None])
def test_safe_next_falls_back_for_anything_off_the_site(target):
    query = {} if target is None else {"next": target}
    request = RequestFactory().get("/", query)
    assert safe_next(request, "/fallback/") == "/fallback/"


def test_safe_next_keeps_an_on_site_path_with_its_query():
    request = RequestFactory().post("/", {"next": "/admin/?q=x"})
    assert safe_next(request, "/fallback/") == "/admin/?q=x"
