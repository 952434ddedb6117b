"""Writes that touch several policy records, used by the admin and the demo loader."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache import bump_content_version
from policy.models import ActionPoint, Adoption, Body, Policy, ProgressNote


@transaction.atomic
def policy_adopt(*, policy: Policy, decisions: list[tuple[Body, datetime.date]]) -> Policy:
    """Make `policy` the current one of its kind, adopted by `decisions` (body and date of each
    meeting, the committee's before the council's; the last one is the adoption). The policy of
    the same kind adopted until now moves to the archive; a policy of another kind stays.

    Dates are the meetings' own, entered by staff: never today's date by default.
    """
    if not decisions:
        raise ValidationError(_("Enter the body and the date of the decision that adopted it."))
    dates = [decided_on for _body, decided_on in decisions]
    if dates != sorted(dates):
        raise ValidationError(_("Enter the decisions in the order they were made."))
    if len({body.pk for body, _date in decisions}) != len(decisions):
        raise ValidationError(_("Each body decides once: enter it only once."))
    # The lock makes two staff adopting at once take turns, so the constraint never trips.
    list(Policy.objects.select_for_update().filter(kind=policy.kind))
    previous = list(Policy.objects.filter(kind=policy.kind, status=Policy.Status.ADOPTED)
                    .exclude(pk=policy.pk))
    for old in previous:
        old.status = Policy.Status.ARCHIVED
        old.save(update_fields=["status"])
    policy.status = Policy.Status.ADOPTED
    policy.adopted_by, policy.adopted_on = decisions[-1]
    policy.full_clean()
    policy.save()
    policy.adoptions.all().delete()
    for body, decided_on in decisions:
        adoption = Adoption(policy=policy, body=body, decided_on=decided_on)
        adoption.full_clean()
        adoption.save()
    bump_content_version()
    return policy


@transaction.atomic
def progress_note_add(*, action_point: ActionPoint, text_da: str, text_en: str = "",
                      noted_on: datetime.date | None = None, status: str | None = None,
                      user=None) -> ProgressNote:
    """Record a dated progress note, optionally moving the action point to a new status."""
    note = ProgressNote(
        action_point=action_point, text_da=text_da, text_en=text_en or None,
        noted_on=noted_on or timezone.localdate(), created_by=user,
    )
    note.full_clean()
    note.save()
    if status and status != action_point.status:
        action_point.status = status
        action_point.full_clean()
        action_point.save(update_fields=["status"])
    return note
