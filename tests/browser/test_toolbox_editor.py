"""The admin's Markdown editor in a real Chromium, under the strict Content Security Policy."""

import pytest

from tests.browser.conftest import ORIGIN, WCAG_21_AA, Axe, log_in
from tests.factories import GuideFactory, RuleFactory

pytestmark = [pytest.mark.browser]


def test_markdown_editor_shows_a_live_preview_without_csp_violations(bare_site_page,
                                                                      django_user_model):
    page = bare_site_page
    log_in(page, django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16))
    guide = GuideFactory(body_da="## Start\n\nTekst.")
    problems = []
    # The admin has no favicon: Chromium's /favicon.ico 404 is logged but is not ours. Every
    # other failed request is caught by the response check below.
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text
            and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("response", lambda r: r.status >= 400 and problems.append(r.url))

    page.goto(f"{ORIGIN}/admin/toolbox/guide/{guide.pk}/change/")
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


@pytest.mark.parametrize("width", [390, 1280])
def test_the_rule_picker_inserts_a_token_at_the_cursor(bare_site_page, django_user_model,
                                                      width):
    """Search by statement, choose "value only", click: the token is in the text and the
    preview shows the value. The picker itself has no axe violations."""
    page = bare_site_page
    log_in(page, django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16))
    RuleFactory(slug="alkohol-antal-personer", statement_da="Højst {value} uden tilladelse")
    RuleFactory(slug="boerneattest-alder", statement_da="Børneattest for børn under {value}",
                value=15, unit_da="år")
    guide = GuideFactory(body_da="Der må komme  i alt.")
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: m.type == "error" and "status of 404" not in m.text
            and problems.append(m.text))
    page.goto(f"{ORIGIN}/admin/toolbox/guide/{guide.pk}/change/")
    editor = page.locator("#id_body_da").locator("xpath=..")
    textarea = page.locator("#id_body_da")
    textarea.click()
    textarea.evaluate("t => t.setSelectionRange(13, 13)")  # between the two spaces
    toggle = editor.locator("button[data-md-picker]")
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("#id_body_da_rule_search").fill("højst tilladelse")
    results = editor.locator(".md-editor__picker-list button")
    results.first.wait_for()
    assert results.count() == 1 and "alkohol-antal-personer" in results.first.inner_text()
    kinds = editor.locator(".md-editor__picker-kinds label")
    assert [text.strip() for text in kinds.all_inner_texts()] == [
        "Henvisning med kilde", "Kun værdien", "Kun udsagnet"]
    editor.locator("input[type=radio][value='værdi']").check()
    results.first.click()
    assert page.input_value("#id_body_da") == "Der må komme [[værdi:alkohol-antal-personer]] i alt."
    assert editor.locator(".md-editor__picker").is_hidden()
    editor.locator(".md-editor__preview", has_text="Der må komme 150 personer i alt.").wait_for()
    # Searching by slug finds the other rule; a search with no match says so.
    toggle.click()
    page.locator("#id_body_da_rule_search").fill("boerneattest")
    assert "Børneattest for børn under 15 år" in results.first.inner_text()
    page.locator("#id_body_da_rule_search").fill("findes ikke")
    editor.locator(".md-editor__picker-count", has_text="Ingen regel passer.").wait_for()
    page.locator("#id_body_da_rule_search").fill("alkohol")
    results.first.wait_for()
    assert problems == []
    # Last: axe's own checks may trip the CSP in the console, which is not the page's doing.
    violations = Axe().run(page, context=".md-editor__picker", options=WCAG_21_AA)
    assert violations.response["violations"] == []
