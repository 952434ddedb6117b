"""What the guide page reads around the guide in the guide's own query: its latest change notes
and the planner's checklist items that point to it, each with the answers that bring it in.

Both are short lists (three notes; a few items with a few answers each), so each comes as an
array of JSON objects (core.jsonrows) instead of a prefetch: the notes and the items with their
triggers, "and also" and "but not when" answers (and those answers' questions) were six queries
of their own (docs/performance.md, "Small lists in one query").
"""

import functools

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.db.models.functions import JSONObject
from modeltranslation.utils import get_translation_fields

from core import jsonrows
from toolbox.models import ChangeNote, Question, Requirement
from toolbox.planner import Answer

# The latest major changes a guide shows ("Ændret <dato>: …").
CHANGE_NOTES_SHOWN = 3

# What the page shows of a checklist item: its title, in each language (the shown one falls
# back to Danish as everywhere).
REQUIREMENT_FIELDS = ("id", "title", *get_translation_fields("title"))

# The planner's order of answers (AnswerOption.Meta.ordering), seen from a through table.
_ANSWER_ORDER = ("answeroption__question__position", "answeroption__question_id",
                 "answeroption__position", "answeroption_id")


def _answers(relation: str) -> ArraySubquery:
    """The outer checklist item's answers in `relation` (a many-to-many field to AnswerOption),
    in the planner's order, each as Answer's values."""
    through = getattr(Requirement, relation).through
    return ArraySubquery(
        through.objects.filter(requirement=OuterRef("pk")).order_by(*_ANSWER_ORDER)
        .values(row=JSONObject(
            id="answeroption_id", key="answeroption__key",
            question_id="answeroption__question_id",
            question_key="answeroption__question__key",
            question_kind="answeroption__question__kind")))


def _parts() -> dict:
    return {
        "change_rows": jsonrows.rows(
            ChangeNote.objects.filter(guide=OuterRef("pk"))
            .order_by("-created_at", "-id")[:CHANGE_NOTES_SHOWN]),
        "requirement_rows": jsonrows.rows(
            Requirement.objects.filter(guides=OuterRef("pk")).order_by("position", "id"),
            fields=REQUIREMENT_FIELDS,
            trigger_rows=_answers("triggers"), also_rows=_answers("requires_also"),
            excluded_ids=ArraySubquery(
                Requirement.excluded_by.through.objects.filter(requirement=OuterRef("pk"))
                .order_by("answeroption_id").values("answeroption_id"))),
    }


@functools.cache
def _annotations() -> dict:
    # Built once, as in policy.page: Django resolves a copy for each query.
    return _parts()


def with_parts(queryset):
    """`queryset`'s guides with the change notes and checklist items the page shows."""
    return queryset.annotate(**_annotations())


def latest_changes(guide) -> list[ChangeNote]:
    """The guide's latest change notes, newest first."""
    return jsonrows.instances(ChangeNote, guide.change_rows)


def _answer(row: dict) -> Answer:
    return Answer(id=row["id"], key=row["key"], question_id=row["question_id"],
                  question_key=row["question_key"],
                  multiple=row["question_kind"] == Question.Kind.MULTIPLE)


def requirements(guide) -> list[Requirement]:
    """The checklist items that point to the guide, in the checklist's order, each with
    `trigger_answers`, `also_answers` (lists of toolbox.planner.Answer) and `excluded_ids`, as
    toolbox.planner.planner_items takes them."""
    items = jsonrows.instances(Requirement, guide.requirement_rows, fields=REQUIREMENT_FIELDS)
    for item, row in zip(items, guide.requirement_rows or []):
        item.trigger_answers = [_answer(answer) for answer in row["trigger_rows"] or []]
        item.also_answers = [_answer(answer) for answer in row["also_rows"] or []]
        item.excluded_ids = set(row["excluded_ids"] or [])
    return items
