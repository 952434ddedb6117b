"""The e-mail alert pages (issue 18 §5) in Chromium with axe: the form (empty, with an error,
answered), the confirm and unsubscribe links, at 390 and 1280 px in both languages. The
subscribe pages that test_every_page.py walks, and that this test's subscriptions leave as they
were, are left to that walk."""

import pytest

from tests.browser.conftest import ORIGIN, WCAG_21_AA, WIDTHS, Axe, log_in, walk
from tests.browser.coverage import changed_by
from toolbox import subscriptions
from toolbox.models import Guide, Rule, Topic

pytestmark = [pytest.mark.browser]


def test_the_alert_pages_are_accessible_in_both_languages(site_page, client):
    guide = Guide.objects.published().order_by("slug").first()
    topic = Topic.objects.order_by("slug").first()
    demo, paths = [], []
    for prefix in ("/vaerktoejskasse", "/en/toolbox"):
        english = prefix.startswith("/en")
        guides, topics, sub = (("guides", "topics", "subscribe") if english
                               else ("vejledninger", "emner", "abonner"))
        demo += [f"{prefix}/{sub}/", f"{prefix}/{guides}/{guide.slug}/"]
        paths += [f"{prefix}/{sub}/?sendt=1", f"{prefix}/{guides}/{guide.slug}/{sub}/",
                  f"{prefix}/{topics}/{topic.slug}/{sub}/"]

    def subscribe():
        waiting = subscriptions.subscription_request(
            email="anna@borger.example", kind="guide", guide=guide, language="da")
        confirmed = subscriptions.subscription_confirm(
            subscription=subscriptions.subscription_request(
                email="bo@borger.example", kind="topic", topic=topic, language="en"))
        return waiting, confirmed

    (waiting, confirmed), changed = changed_by(client, demo, subscribe)
    paths += changed
    from django.utils import translation
    for language in ("da", "en"):
        with translation.override(language):
            paths += [subscriptions.confirm_url(waiting), subscriptions.unsubscribe_url(confirmed)]
    assert walk(site_page, paths, widths=WIDTHS) == []


def test_the_major_change_box_in_the_admin_has_no_axe_violations(
        site_page, django_user_model):
    """The box on the guide and rule forms (the rest of those forms is another change's)."""
    user = django_user_model.objects.create_superuser("redaktoer", "r@example.dk", "x" * 16)
    log_in(site_page, user)
    guide = Guide.objects.published().order_by("slug").first()
    rule = Rule.objects.order_by("slug").first()
    # The portal's Axe, whose script the `page` fixture put on the page once (the package's
    # sends its 570 kB into the page again before each run).
    axe, problems = Axe(), []
    for url in [f"/admin/toolbox/guide/{guide.pk}/change/", f"/admin/toolbox/rule/{rule.pk}/change/"]:
        site_page.goto(ORIGIN + url)
        assert site_page.locator("fieldset.major-change #id_major_change").count() == 1
        for width in WIDTHS:  # one load, checked at each width
            site_page.set_viewport_size({"width": width, "height": 900})
            for violation in axe.run(site_page, context="fieldset.major-change",
                                       options=WCAG_21_AA).response["violations"]:
                problems.append((url, width, violation["id"],
                                 [n["target"] for n in violation["nodes"]][:3]))
    assert problems == []
