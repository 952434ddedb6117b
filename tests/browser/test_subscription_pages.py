"""The e-mail alert pages (issue 18 §5) in Chromium with axe: the form (empty, with an error,
answered), the confirm and unsubscribe links, at 390 and 1280 px in both languages."""

import pytest

from tests.browser.conftest import WIDTHS, walk
from toolbox import subscriptions
from toolbox.models import Guide, Topic

pytestmark = [pytest.mark.browser]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_alert_pages_are_accessible_in_both_languages(site_page, width):
    guide = Guide.objects.published().order_by("slug").first()
    topic = Topic.objects.order_by("slug").first()
    waiting = subscriptions.subscription_request(
        email="anna@borger.example", kind="guide", guide=guide, language="da")
    confirmed = subscriptions.subscription_confirm(subscription=subscriptions.subscription_request(
        email="bo@borger.example", kind="topic", topic=topic, language="en"))
    paths = []
    for prefix in ("/vaerktoejskasse", "/en/toolbox"):
        english = prefix.startswith("/en")
        guides, topics, sub = (("guides", "topics", "subscribe") if english
                               else ("vejledninger", "emner", "abonner"))
        paths += [f"{prefix}/{sub}/", f"{prefix}/{sub}/?sendt=1",
                  f"{prefix}/{guides}/{guide.slug}/{sub}/", f"{prefix}/{topics}/{topic.slug}/{sub}/",
                  f"{prefix}/{guides}/{guide.slug}/"]
    from django.utils import translation
    for language in ("da", "en"):
        with translation.override(language):
            paths += [subscriptions.confirm_url(waiting), subscriptions.unsubscribe_url(confirmed)]
    assert walk(site_page, paths, width=width) == []
