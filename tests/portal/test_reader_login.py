"""The readers' login (issue 15.5): politicians read internal figures without the admin."""

import datetime
import re

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from indicators.services import meeting_status_create
from tests.factories import IndicatorFactory, ObservationFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Rigtig-kode-2026"
READERS = "Læsere af interne indikatorer"


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def token(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.fixture(autouse=True)
def two_factor_required(settings):
    settings.REQUIRE_2FA = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def figures(db, municipality):
    public = IndicatorFactory(slug="frivillige", name_da="Frivillige registreret")
    ObservationFactory(indicator=public, period=datetime.date(2024, 1, 1), value=815)
    internal = IndicatorFactory(slug="medarbejdere", name_da="Medarbejdere uddannet",
                                visibility="internal")
    ObservationFactory(indicator=internal, period=datetime.date(2024, 1, 1), value=52)
    meeting_status_create(meeting_on=datetime.date(2027, 3, 12),
                          title_da="Status til Kultur- og Fritidsudvalgets møde 12. marts 2027")
    return internal


@pytest.fixture
def politician(db):
    user = User.objects.create_user("politiker", "politiker@example.dk", PASSWORD)
    user.groups.add(Group.objects.get(name=READERS))
    return user


@pytest.fixture
def enrolled(politician):
    return TOTPDevice.objects.create(user=politician, name="app", confirmed=True)


def log_in(client, username="politiker", password=PASSWORD, next_url="/indikatorer/", **extra):
    return client.post("/log-ind/", {"username": username, "password": password,
                                     "next": next_url}, **extra)


INTERNAL_PAGES = ["/indikatorer/", "/indikatorer/status/2027-03-12/",
                  "/indikatorer/status/2027-03-12/udskriv/", "/indikatorer/medarbejdere/"]


def sees_internal(client) -> list[bool]:
    return [client.get(path).status_code == 200
            and "Medarbejdere uddannet" in client.get(path).content.decode()
            for path in INTERNAL_PAGES]


def test_the_login_pages_answer_in_both_languages(client, figures):
    for path in ["/log-ind/", "/en/log-in/"]:
        response = client.get(path)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
        assert 'name="password"' in response.content.decode()
    assert "Log ind for at læse interne tal" in text(client.get("/log-ind/"))
    assert "Log in to read internal figures" in text(client.get("/en/log-in/"))


def test_a_reader_after_password_and_code_sees_internal_figures_never_stored(
        client, figures, politician, enrolled):
    response = log_in(client)
    assert response.status_code == 302
    assert response.url == "/log-ind/kode/?next=%2Findikatorer%2F"
    # The password alone shows nothing internal, on any page.
    assert sees_internal(client) == [False, False, False, False]
    assert client.get("/indikatorer/medarbejdere/").status_code == 404
    wrong = client.post("/log-ind/kode/", {"token": "000000" if token(enrolled) != "000000"
                                           else "111111", "next": "/indikatorer/"})
    assert "Koden var ikke rigtig" in text(wrong)
    assert sees_internal(client) == [False, False, False, False]
    done = client.post("/log-ind/kode/", {"token": token(enrolled), "next": "/indikatorer/"})
    assert done.status_code == 302 and done.url == "/indikatorer/"
    assert sees_internal(client) == [True, True, True, True]
    for path in INTERNAL_PAGES + ["/", "/politik/"]:
        response = client.get(path)
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    dashboard = text(client.get("/indikatorer/"))
    assert "Intern" in dashboard and "Logget ind som politiker" in dashboard
    assert 'action="/log-ud/"' in client.get("/indikatorer/").content.decode()


def test_logout_ends_the_reading_at_once(client, figures, politician, enrolled):
    log_in(client)
    client.post("/log-ind/kode/", {"token": token(enrolled)})
    assert sees_internal(client) == [True, True, True, True]
    assert client.get("/log-ud/").status_code == 405  # a link cannot log anyone out
    response = client.post("/log-ud/")
    assert response.status_code == 302 and response.url == "/"
    assert sees_internal(client) == [False, False, False, False]
    assert "Logget ind som" not in text(client.get("/"))


def test_a_first_login_sets_up_the_app_and_shows_the_backup_codes_once(
        client, figures, politician):
    response = log_in(client)
    assert response.url == "/log-ind/opsaet/?next=%2Findikatorer%2F"
    page = client.get(response.url).content.decode()
    assert "data:image/svg+xml" in page
    device = TOTPDevice.objects.get(user=politician, confirmed=False)
    done = client.post("/log-ind/opsaet/", {"token": token(device), "next": "/indikatorer/"})
    assert done.url == "/log-ind/reservekoder/?next=%2Findikatorer%2F"
    assert client.get(done.url).content.decode().count("<li><code>") == 10
    assert client.get(done.url).url == "/indikatorer/"  # shown once
    assert sees_internal(client) == [True, True, True, True]


def test_a_password_never_adds_an_app_to_an_account_that_has_one(
        client, figures, politician, enrolled):
    log_in(client)
    assert client.get("/log-ind/opsaet/").url.startswith("/log-ind/kode/")
    assert TOTPDevice.objects.filter(user=politician).count() == 1


def test_who_is_not_a_reader_is_refused(client, figures):
    User.objects.create_user("borger", password=PASSWORD)
    refused = log_in(client, "borger")
    assert refused.status_code == 200
    assert "din konto må ikke læse dem" in text(refused)
    assert "_auth_user_id" not in client.session
    staff = User.objects.create_user("redaktoer", password=PASSWORD, is_staff=True)
    staff.groups.add(Group.objects.get(name=READERS))
    refused = log_in(client, "redaktoer")
    assert "Medarbejderkonti logger ind i administrationen" in text(refused)
    assert "_auth_user_id" not in client.session
    wrong = log_in(client, "politiker", "forkert")
    assert wrong.status_code == 200 and "_auth_user_id" not in client.session


def test_next_may_not_lead_off_the_site(client, figures, politician, enrolled):
    for target in ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                   "javascript:alert(1)"]:
        client.logout()
        response = log_in(client, next_url=target)
        assert "evil" not in response.url and "javascript" not in response.url
        done = client.post(response.url, {"token": token(enrolled), "next": target})
        assert done.url == "/indikatorer/"
        enrolled.refresh_from_db()
        enrolled.last_t = -1  # the next login may use the same 30-second code again
        enrolled.save()
    assert client.post("/log-ud/", {"next": "https://evil.example/"}).url == "/"


def test_the_fifth_wrong_password_locks_the_reader_login_as_the_admin(client, figures,
                                                                      politician):
    statuses = [log_in(client, password="forkert", REMOTE_ADDR="10.2.2.2").status_code
                for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert log_in(client, REMOTE_ADDR="10.2.2.2").status_code == 429


def test_the_limiter_caps_login_attempts_per_address(client, figures, politician, monkeypatch):
    monkeypatch.setattr("portal.readers.LOGIN_ATTEMPTS_PER_HOUR", 3)
    answers = [log_in(client, username=f"person{n}", password="forkert",
                      REMOTE_ADDR="10.3.3.3").status_code for n in range(4)]
    assert answers == [200, 200, 200, 429]
    assert "For mange forsøg" in text(log_in(client, REMOTE_ADDR="10.3.3.3"))
    assert "_auth_user_id" not in client.session


def test_status_pages_stay_in_the_page_cache_for_anonymous_readers(client, figures):
    for path in ["/indikatorer/status/", "/indikatorer/status/2027-03-12/",
                 "/indikatorer/status/2027-03-12/udskriv/"]:
        assert client.get(path).headers.get("X-Page-Cache") == "miss"
        response = client.get(path)
        assert response.headers.get("X-Page-Cache") == "hit", path
        assert "Logget ind som" not in text(response)


def test_a_logged_in_reader_never_gets_a_page_from_the_page_cache(client, figures, politician,
                                                                  enrolled):
    client.get("/indikatorer/status/2027-03-12/")
    log_in(client)
    client.post("/log-ind/kode/", {"token": token(enrolled)})
    response = client.get("/indikatorer/status/2027-03-12/")
    assert response.headers.get("X-Page-Cache") is None
    assert "Medarbejdere uddannet" in text(response)
