"""What the policy page and its print view read around the themes, in the policy's own query:
the free sections, the values, the decisions that adopted it, the process steps with their files
and meetings, and the published consultation (responses and høringsnotat with its changes).

Each is a short list (a few to a few dozen rows), so each comes as an array of JSON objects
(core.jsonrows) instead of a query of its own: the page runs the policy's query, the themes'
and the bodies' whatever the policy uses (docs/performance.md). Only public records reach the
consultation arrays, and of a response only the fields the page shows (never the e-mail address,
the file or the reason it was hidden).
"""

import functools

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Case, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce

from core import jsonrows
from policy.models import (
    Adoption,
    Body,
    ConsultationNote,
    ConsultationResponse,
    Meeting,
    MeetingSignup,
    PolicyChange,
    PolicySection,
    PolicyValue,
    ProcessAttachment,
    ProcessStep,
    Theme,
)

# What the page shows of a response: the public name is made from these (public_name).
RESPONSE_FIELDS = ("id", "policy_id", "name", "on_behalf_of", "organisation_name", "text",
                   "publish_name", "language", "submitted_at", "is_published", "is_hidden")


def _people(waiting: bool):
    """The people signed up to the outer meeting, confirmed or on the waiting list."""
    return Coalesce(Subquery(
        MeetingSignup.objects.filter(meeting=OuterRef("pk"), on_waiting_list=waiting)
        .order_by().values("meeting").annotate(people=Sum("people")).values("people")
    ), 0)


def _responses_of(model_ref: str):
    """The ids of the public responses linked to the outer row through `model_ref`."""
    return ArraySubquery(
        ConsultationResponse.objects.public().filter(**{model_ref: OuterRef("pk")})
        .order_by("pk").values("pk"))


PARTS = {
    "section_rows": lambda: jsonrows.rows(
        PolicySection.objects.filter(policy=OuterRef("pk")).order_by("position", "id")),
    "value_rows": lambda: jsonrows.rows(
        PolicyValue.objects.filter(policy=OuterRef("pk")).order_by("position", "id")),
    "adoption_rows": lambda: jsonrows.rows(
        Adoption.objects.filter(policy=OuterRef("pk")).order_by("decided_on", "id"),
        body=jsonrows.row_object(Body, "body__")),
    "step_rows": lambda: jsonrows.rows(
        ProcessStep.objects.filter(policy=OuterRef("pk")).order_by("position", "id")),
    "attachment_rows": lambda: jsonrows.rows(
        ProcessAttachment.objects.filter(step__policy=OuterRef("pk")).order_by("step", "position", "id")),
    "meeting_rows": lambda: jsonrows.rows(
        Meeting.objects.filter(step__policy=OuterRef("pk")).order_by("date", "starts_at", "id"),
        taken=_people(waiting=False), waiting=_people(waiting=True)),
    "response_rows": lambda: jsonrows.rows(
        ConsultationResponse.objects.public().filter(policy=OuterRef("pk"))
        .order_by("submitted_at", "id"),
        fields=RESPONSE_FIELDS,
        theme_ids=ArraySubquery(Theme.objects.filter(consultation_responses=OuterRef("pk"))
                                .order_by("pk").values("pk"))),
    "note_rows": lambda: jsonrows.rows(
        ConsultationNote.objects.public().filter(policy=OuterRef("pk")).order_by("position", "id"),
        changes=jsonrows.rows(PolicyChange.objects.filter(note=OuterRef("pk"))
                              .order_by("position", "id"),
                              response_ids=_responses_of("changes"))),
}


@functools.cache
def _annotations() -> dict:
    # Built once: making these expressions cost more than the queries they save. Django
    # resolves a copy of an expression for each query, so sharing them is safe.
    return {name: make() for name, make in PARTS.items()}


def with_parts(queryset, only: Q | None = None):
    """`queryset`'s policies with every list the page shows; with `only`, the lists are read
    for the policies that match it alone (the front page lists every policy, shows one)."""
    annotations = _annotations()
    if only is not None:
        annotations = {name: Case(When(only, then=expression), default=Value(None),
                                  output_field=expression.output_field)
                       for name, expression in annotations.items()}
    return queryset.annotate(**annotations)


def sections(policy) -> list[PolicySection]:
    return jsonrows.instances(PolicySection, policy.section_rows)


def values(policy) -> list[PolicyValue]:
    return jsonrows.instances(PolicyValue, policy.value_rows)


def adoptions(policy) -> list[Adoption]:
    return jsonrows.instances(Adoption, policy.adoption_rows, related={"body": Body})


def steps(policy) -> list[ProcessStep]:
    """The steps in order, each with `listed_attachments` (its files in upload order)."""
    step_list = jsonrows.instances(ProcessStep, policy.step_rows)
    by_step = {step.pk: step for step in step_list}
    for step in step_list:
        step.listed_attachments = []
    for attachment in jsonrows.instances(ProcessAttachment, policy.attachment_rows):
        step = by_step[attachment.step_id]
        attachment.step = step
        step.listed_attachments.append(attachment)
    return step_list


def meetings(policy) -> list[Meeting]:
    """The steps' meetings by date, with `taken` and `waiting` as MeetingQuerySet.with_taken."""
    return jsonrows.instances(Meeting, policy.meeting_rows, extra=("taken", "waiting"))


def responses(policy) -> list[ConsultationResponse]:
    """The public responses, each with `theme_ids`."""
    return jsonrows.instances(ConsultationResponse, policy.response_rows, fields=RESPONSE_FIELDS,
                              extra=("theme_ids",))


def notes(policy) -> list[ConsultationNote]:
    """The public notes, each with `change_list` (in order, each with `response_ids`)."""
    note_list = jsonrows.instances(ConsultationNote, policy.note_rows)
    for note, row in zip(note_list, policy.note_rows or []):
        note.change_list = jsonrows.instances(PolicyChange, row["changes"],
                                              extra=("response_ids",))
    return note_list
