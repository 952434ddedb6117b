"""The admin's Markdown editor in a real Chromium, under the strict Content Security Policy."""

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import GuideFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_markdown_editor_shows_a_live_preview_without_csp_violations(live_server, page,
                                                                      django_user_model):
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16)
    client = Client()
    client.force_login(user)
    guide = GuideFactory(body_da="## Start\n\nTekst.")
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])
    problems = []
    # The admin has no favicon: Chromium's /favicon.ico 404 is logged but is not ours. Every
    # other failed request is caught by the response check below.
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text
            and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and problems.append(r.url))

    page.goto(f"{live_server.url}/admin/toolbox/guide/{guide.pk}/change/")
    preview = page.locator("#id_body_da").locator("xpath=..").locator(".md-editor__preview")
    preview.locator("h2", has_text="Start").wait_for()
    page.fill("#id_body_da", "## Ny overskrift\n\n**Vigtigt** <script>bad()</script>")
    preview.locator("h2", has_text="Ny overskrift").wait_for()
    assert preview.locator("strong").inner_text() == "Vigtigt"
    assert preview.locator("script").count() == 0
    page.click("#id_body_da")
    page.keyboard.press("Control+End")
    page.locator("#id_body_da").locator("xpath=..").locator("button[data-md='list']").click()
    assert page.input_value("#id_body_da").splitlines()[-1].startswith("- ")
    assert problems == []
