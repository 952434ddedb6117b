"""E-mail alerts end to end (issue 18 §5): a real local SMTP server (aiosmtpd) and a real
procrastinate worker process. Subscribe → confirmation mail → confirm → an editor saves a major
change in the admin → one mail with the note, a working unsubscribe link and RFC 8058 headers →
one-click unsubscribe → the next major change sends nothing; a minor change sends nothing."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.factories import AudienceFactory, GuideFactory, RuleFactory, TopicFactory
from tests.intake.conftest import run_worker, smtp_server  # noqa: F401 (the real SMTP server)
from tests.toolbox.test_subscriptions import ask, link_in, save_in_admin
from toolbox.models import Subscription

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_subscribe_confirm_change_unsubscribe_through_a_real_smtp_server_and_worker(
        client, admin_client, smtp_server, no_min_time, municipality):  # noqa: F811
    topic = TopicFactory(slug="tilladelser", name_da="Tilladelser")
    rule = RuleFactory(slug="alkohol-antal")
    guide = GuideFactory(slug="alkohol", title_da="Alkohol ved arrangementer",
                         body_da="Højst [[værdi:alkohol-antal]].")
    guide.topics.add(topic)
    guide.audiences.add(AudienceFactory())
    inbox = smtp_server.inbox.messages

    assert ask(client, reverse("toolbox:guide-subscribe", kwargs={"slug": "alkohol"}),
               "anna@borger.example").status_code == 302
    assert ask(client, reverse("toolbox:topic-subscribe", kwargs={"slug": "tilladelser"}),
               "anna@borger.example").status_code == 302
    assert inbox == []  # sent by the worker, never in the request
    run_worker(email_url=smtp_server.url)
    assert len(inbox) == 2 and {m["To"] for m in inbox} == {"anna@borger.example"}
    for confirmation in inbox:
        assert confirmation["Subject"].strip().startswith("Bekræft din e-mailbesked")
        assert confirmation["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
        link = link_in(confirmation.get_content(), "/bekraeft/")
        assert client.post(link.removeprefix(settings.SITE_URL)).status_code == 200
    assert Subscription.objects.confirmed().count() == 2

    # A minor edit sends nothing.
    save_in_admin(admin_client, guide, summary_da="Et rettet resumé.")
    run_worker(email_url=smtp_server.url)
    assert len(inbox) == 2

    # A major change: one e-mail, though the address follows the guide and its topic.
    save_in_admin(admin_client, guide, major_change="on",
                  change_note_da="Politiet skal nu have besked 14 dage før.")
    run_worker(email_url=smtp_server.url)
    assert len(inbox) == 3
    alert = inbox[-1]
    assert alert["To"] == "anna@borger.example"
    assert alert["Subject"].strip() == "Ændret: Alkohol ved arrangementer"
    body = alert.get_content()
    assert "Politiet skal nu have besked 14 dage før." in body
    assert "Ændret" in body and "/vaerktoejskasse/vejledninger/alkohol/" in body
    stop = link_in(body, "/afmeld/")
    assert alert["List-Unsubscribe"].strip() == f"<{stop}>"  # (folded: long)
    assert alert["List-Unsubscribe-Post"].strip() == "List-Unsubscribe=One-Click"
    assert "Politiet skal nu have besked 14 dage før." in client.get(
        guide.get_absolute_url()).content.decode()

    # A rule the guide uses, marked major: still one e-mail to the address.
    save_in_admin(admin_client, rule, major_change="on", value="175",
                  change_note_da="Grænsen er hævet til 175 personer.")
    run_worker(email_url=smtp_server.url)
    assert len(inbox) == 4 and "Grænsen er hævet til 175 personer." in inbox[-1].get_content()

    # The mail client's own button: a POST with no CSRF token (RFC 8058).
    one_click = Client(enforce_csrf_checks=True).post(
        stop.removeprefix(settings.SITE_URL), "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded")
    assert one_click.status_code == 200
    assert not Subscription.objects.exists()

    save_in_admin(admin_client, guide, major_change="on", change_note_da="Endnu en ændring.")
    run_worker(email_url=smtp_server.url)
    assert len(inbox) == 4  # nothing to an address that unsubscribed
