"""core.jsonrows: short related lists read in the parent's query come back as the instances a
query of their own would give (the policy page reads its parts this way, policy/page.py)."""

import datetime

import pytest
from django.db import connection
from django.db.models import OuterRef
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core import jsonrows
from places.models import Place
from policy.models import Adoption, Body, Meeting, Policy, PolicySection
from tests.factories import BodyFactory, MeetingFactory, PolicyFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish")]


def test_rows_come_back_as_instances_in_order_with_dates_translations_and_a_related_row():
    policy = PolicyFactory()
    PolicySection.objects.create(policy=policy, position=2, title_da="Anden", title_en="Second")
    PolicySection.objects.create(policy=policy, position=1, title_da="Første")  # no English
    body = BodyFactory(name_da="Kommunalbestyrelsen", name_en="The council", kind="council")
    Adoption.objects.create(policy=policy, body=body, decided_on=datetime.date(2026, 2, 24))
    with CaptureQueriesContext(connection) as queries:
        loaded = Policy.objects.annotate(
            section_rows=jsonrows.rows(PolicySection.objects.filter(policy=OuterRef("pk"))
                                   .order_by("position")),
            decision_rows=jsonrows.rows(Adoption.objects.filter(policy=OuterRef("pk")),
                                    body=jsonrows.row_object(Body, "body__")),
        ).get(pk=policy.pk)
        sections = jsonrows.instances(PolicySection, loaded.section_rows)
        decisions = jsonrows.instances(Adoption, loaded.decision_rows, related={"body": Body})
        assert [s.title for s in sections] == ["Første", "Anden"]
        with translation.override("en"):
            assert [s.title for s in sections] == ["Første", "Second"]  # falls back to Danish
            assert decisions[0].body.name == "The council"
    assert len(queries) == 1
    assert decisions[0].decided_on == datetime.date(2026, 2, 24)
    assert (decisions[0].pk, decisions[0].policy_id) == (Adoption.objects.get().pk, policy.pk)
    assert not decisions[0]._state.adding  # as if loaded: saving it updates the row


def test_no_rows_is_an_empty_list_and_a_null_foreign_key_no_related_row():
    meeting = MeetingFactory(place=None, starts_at=datetime.time(17, 30))
    policy = meeting.step.policy
    loaded = Policy.objects.annotate(
        none=jsonrows.rows(PolicySection.objects.filter(policy=OuterRef("pk"))),
        meeting_rows=jsonrows.rows(Meeting.objects.filter(step__policy=OuterRef("pk")),
                               place=jsonrows.row_object(Place, "place__", fields=["id", "name"])),
    ).get(pk=policy.pk)
    assert jsonrows.instances(PolicySection, loaded.none) == []
    [read] = jsonrows.instances(Meeting, loaded.meeting_rows, related={"place": Place})
    assert read.place is None and read.place_id is None
    assert (read.date, read.starts_at) == (meeting.date, datetime.time(17, 30))
