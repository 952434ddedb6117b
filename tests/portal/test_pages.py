import re

import pytest
from django.test import Client

from tests.factories import MunicipalityFactory

# A request under /en/ leaves English active in the thread; each test starts in Danish (reverse()
# of a guide in English gave an /en/ page to the privacy-link test, a flaky failure in CI).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish")]


def html_lang(response):
    return re.search(r'<html lang="([a-z]+)"', response.content.decode()).group(1)


def test_home_is_danish_without_prefix_and_english_under_en(client, municipality):
    danish = client.get("/")
    english = client.get("/en/")
    assert (danish.status_code, html_lang(danish)) == (200, "da")
    assert (english.status_code, html_lang(english)) == (200, "en")
    assert "Gå til indhold" in danish.content.decode()
    assert "Skip to content" in english.content.decode()


def test_danish_is_served_even_when_the_browser_prefers_english(client, municipality):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "da"


def test_language_switcher_keeps_the_reader_on_the_same_page(client, municipality):
    danish = client.get("/privatliv/").content.decode()
    english = client.get("/en/privacy/").content.decode()
    assert 'href="/en/privacy/" lang="en" hreflang="en">English</a>' in danish
    assert 'href="/privatliv/" lang="da" hreflang="da">Dansk</a>' in english


def test_layout_shows_the_municipality_from_its_settings(client):
    MunicipalityFactory(name="Kalundborg Kommune", phone="59 53 44 00")
    page = client.get("/").content.decode()
    assert "Kalundborg Kommune" in page
    assert "59 53 44 00" in page
    assert "Ballerup" not in page


def test_layout_has_skip_link_navigation_search_and_legal_footer_links(client, municipality):
    page = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">Gå til indhold</a>' in page
    for label in ("Værktøjskasse", "Politik", "Indikatorer"):
        assert f">{label}</a>" in page
    assert 'role="search"' in page
    assert '<a href="/was">Tilgængelighedserklæring</a>' in page
    assert '<a href="/privatliv/">Privatliv</a>' in page


def test_was_redirects_to_the_configured_accessibility_statement(client, municipality):
    response = client.get("/was")
    assert response.status_code == 302
    assert response["Location"] == "https://www.was.digst.dk/testrup"


def test_privacy_page_shows_the_notice_in_the_reader_language(client, municipality):
    assert "Testrup Kommune." in client.get("/privatliv/").content.decode()
    assert "<h2 id=\"controller\">Controller</h2>" in client.get("/en/privacy/").content.decode()


def test_english_page_says_when_content_exists_only_in_danish(client):
    MunicipalityFactory(privacy_notice_en="")
    english = client.get("/en/privacy/").content.decode()
    assert "This content is only available in Danish." in english
    assert "Dataansvarlig" in english  # the Danish text is shown as fallback


def test_brand_colour_is_served_as_a_stylesheet(client):
    MunicipalityFactory(brand_colour="#123456")
    response = client.get("/brand.css")
    assert response["Content-Type"].startswith("text/css")
    assert response.content.decode() == ":root { --brand: #123456; --chart: #00587c; }\n"


def test_brand_colour_with_too_little_contrast_is_rejected(danish):
    from django.core.exceptions import ValidationError

    municipality = MunicipalityFactory.build(brand_colour="#ffee00")
    with pytest.raises(ValidationError, match="svær at læse"):
        municipality.full_clean()


def test_healthz_answers_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


def test_robots_txt_points_to_the_sitemap(client):
    body = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_public_pages_in_both_languages(client, municipality):
    body = client.get("/sitemap.xml").content.decode()
    for url in ("http://testserver/", "http://testserver/en/",
                "http://testserver/privatliv/", "http://testserver/en/privacy/"):
        assert f"<loc>{url}</loc>" in body


def test_not_found_page_is_friendly_and_localised(client, municipality):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Vi kan ikke finde siden" in response.content.decode()
    assert "We cannot find that page" in client.get("/en/missing/").content.decode()


@pytest.fixture
def failing_client(settings):
    settings.ROOT_URLCONF = "tests.portal.urls_errors"
    return Client(raise_request_exception=False)


def test_unhandled_error_shows_no_internals_but_a_request_id(failing_client, municipality):
    response = failing_client.get("/boom")
    body = response.content.decode()
    assert response.status_code == 500
    assert "Der gik noget galt hos os" in body
    assert "hunter2" not in body and "Traceback" not in body
    assert response["X-Request-ID"] in body


def test_database_error_answers_503_with_retry_after(failing_client):
    response = failing_client.get("/database-gone")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "midlertidigt utilgængelig" in response.content.decode()
    assert "socket" not in response.content.decode()


def test_security_headers_are_sent(client, municipality):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    for directive in ("default-src 'self'", "object-src 'none'", "base-uri 'none'",
                      "frame-ancestors 'none'"):
        assert directive in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", ["/", "/en/", "/privatliv/", "/vaerktoejskasse/"])
def test_public_pages_set_no_cookies(client, municipality, url):
    assert client.get(url).cookies == {}


def test_unknown_host_is_refused(client, municipality):
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_every_interface_string_has_a_danish_translation(tmp_path):
    """Extract the strings from today's code and templates and check each one is translated.

    makemessages writes next to the code it reads, so it runs on a copy of the project.
    """
    import os
    import shutil
    import subprocess
    import sys

    import polib
    from django.conf import settings

    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext (xgettext) is needed to extract strings: `make test` installs it "
                    "(apt-get install gettext).")
    copy = tmp_path / "project"
    shutil.copytree(settings.BASE_DIR, copy, ignore=shutil.ignore_patterns(
        ".venv", ".data", ".git", "tests", "node_modules", "*.mo", "__pycache__", "bench-results"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "da", "--no-obsolete", "-v", "0"],
        cwd=copy, env={**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings",
                           "DJANGO_DATA_DIR": str(tmp_path / "data")},
        check=True, capture_output=True, timeout=120,
    )
    po = polib.pofile(str(copy / "locale/da/LC_MESSAGES/django.po"))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


def test_error_is_logged_as_json_with_the_request_id_shown_to_the_reader(failing_client):
    import io
    import json
    import logging

    from portal.logging import JsonFormatter
    from portal.middleware import RequestIdFilter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = failing_client.get("/boom")
    finally:
        logger.removeHandler(handler)
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert entry["request_id"] == response["X-Request-ID"]
    assert (entry["level"], entry["status"], entry["path"]) == ("ERROR", 500, "/boom")
    assert "RuntimeError" in entry["exception"]


def test_admin_pages_run_under_the_same_strict_csp(admin_client):
    csp = admin_client.get("/admin/")["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp


def test_every_form_links_to_the_privacy_notice(client):
    from tests.factories import GuideFactory

    guide = GuideFactory()
    page = client.get(guide.get_absolute_url()).content.decode()
    form = page.split('<section id="feedback"')[1].split("</section>")[0]
    assert '<form method="post"' in form
    assert '<a href="/privatliv/">privatlivspolitikken</a>' in form
