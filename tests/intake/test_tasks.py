"""The scheduled jobs replace the cron lines: registered with their schedules, and each does
its job when the worker runs it."""

import datetime

import pytest
from django.contrib.auth.models import Permission, User
from procrastinate.contrib.django import app

from indicators import tasks as indicator_tasks
from indicators.models import Indicator, Observation
from intake import tasks as intake_tasks
from intake.models import Delivery
from policy.models import ActionPoint, Policy
from portal import tasks as portal_tasks
from tests.factories import (
    ActionPointFactory,
    BodyFactory,
    ContactFactory,
    GuideFactory,
    IndicatorFactory,
    RuleFactory,
)
from toolbox import tasks as toolbox_tasks

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 1, 2, 0, tzinfo=datetime.UTC)


def test_the_jobs_are_registered_with_their_schedules():
    schedules = {task.name: periodic.cron
                 for (_, _), periodic in app.periodic_registry.periodic_tasks.items()
                 for task in [periodic.task]}
    assert schedules == {
        "intake.purge_personal_data": "45 1 * * *",  # daily, 01:45 UTC
        "portal.prune_history": "30 1 * * *",  # nightly, 01:30 UTC
        "indicators.refresh_computed": "15 2 * * *",  # daily, 02:15 UTC
        "toolbox.send_review_reminders": "0 6 1 * *",  # monthly, the 1st at 06:00 UTC
        "policy.send_meeting_reminders": "0 7 * * *",  # daily, 07:00 UTC
        "portal.rebuild_search_words": "7 * * * *",  # hourly: the word list for corrections
    }
    assert "intake.send_delivery" in app.tasks


def test_refresh_job_recalculates_the_computed_indicators():
    indicator = IndicatorFactory(slug="handlingsplan",
                                 computed=Indicator.Computed.ACTION_POINTS_DONE)
    point = ActionPointFactory(status=ActionPoint.Status.DONE)
    point.theme.policy.status = Policy.Status.ADOPTED
    point.theme.policy.save()
    indicator_tasks.refresh_computed_indicators(timestamp=int(NOW.timestamp()))
    assert Observation.objects.filter(indicator=indicator).exists()


def test_prune_job_deletes_old_versions(settings):
    settings.HISTORY_RETENTION_DAYS = 30
    body = BodyFactory()
    body.history.update(history_date=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    body.name_da = "Ny"
    body.save()
    portal_tasks.prune_history(timestamp=int(NOW.timestamp()))
    assert [h.name_da for h in body.history.all()] == ["Ny"]


def test_purge_job_deletes_deliveries_past_their_retention_and_keeps_the_rest(settings):
    settings.INTAKE_DELIVERY_RETENTION_DAYS = 30
    old_sent = Delivery.objects.create(to=["a@example.org"], subject="Gammel", body="x",
                                       purpose="t", status=Delivery.Status.SENT)
    old_retrying = Delivery.objects.create(to=["a@example.org"], subject="Venter", body="x",
                                           purpose="t", status=Delivery.Status.RETRYING)
    recent = Delivery.objects.create(to=["a@example.org"], subject="Ny", body="x", purpose="t",
                                     status=Delivery.Status.SENT)
    Delivery.objects.filter(pk__in=[old_sent.pk, old_retrying.pk]).update(
        created_at=NOW - datetime.timedelta(days=31))
    Delivery.objects.filter(pk=recent.pk).update(created_at=NOW - datetime.timedelta(days=29))

    counts = intake_tasks.purge_personal_data(timestamp=int(NOW.timestamp()))

    assert set(Delivery.objects.values_list("subject", flat=True)) == {"Venter", "Ny"}
    assert counts["E-mails, som portalen sender"] == 1


def test_purge_job_deletes_the_limiters_expired_counters():
    from django.db import connection

    from core import ratelimit

    ratelimit.hit("test.purge", "127.0.0.1", limit=5, per_seconds=1)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_ratelimitcounter SET expires_at = now() - interval '1 hour'")
    intake_tasks.purge_personal_data(timestamp=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM core_ratelimitcounter")
        assert cursor.fetchone()[0] == 0


def test_review_reminders_go_to_each_owner_and_the_rest_to_the_toolbox_editors():
    owner = ContactFactory(email="ejer@testrup.example")
    no_address = ContactFactory(email="")
    rule = RuleFactory(slug="telt", verified_on=datetime.date(2024, 1, 1))
    RuleFactory(slug="ingen-citerer", statement_da="Uciteret regel",
                verified_on=datetime.date(2024, 1, 1))
    GuideFactory(title_da="Forfalden", reviewed_on=datetime.date(2024, 1, 10), owner=owner,
                 body_da="Se [[regel:telt]].")
    GuideFactory(title_da="Frisk", reviewed_on=datetime.date(2026, 11, 1), owner=owner)
    GuideFactory(title_da="Ejerløs", reviewed_on=datetime.date(2024, 1, 10), owner=no_address,
                 contact=None)
    editor = User.objects.create_user("redaktoer", "redaktoer@testrup.example", is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="change_guide"))

    sent = toolbox_tasks.send_review_reminders(timestamp=int(NOW.timestamp()))

    assert sent == 2
    to_owner = Delivery.objects.get(to=["ejer@testrup.example"])
    assert "Forfalden" in to_owner.body and "Frisk" not in to_owner.body
    rule.refresh_from_db()
    assert rule.statement_display in to_owner.body
    assert "http://127.0.0.1:8000/vaerktoejskasse/vejledninger/" in to_owner.body
    to_editors = Delivery.objects.get(to=["redaktoer@testrup.example"])
    assert "Ejerløs" in to_editors.body and "Uciteret regel" in to_editors.body
    assert to_owner.purpose == "toolbox.review_reminder"
