"""Writes that touch several policy records, used by the admin and the demo loader."""

import datetime

from django.db import transaction
from django.utils import timezone

from core.cache import bump_content_version
from policy.models import ActionPoint, Body, Policy, ProgressNote


@transaction.atomic
def policy_adopt(*, policy: Policy, adopted_on: datetime.date | None = None,
                 adopted_by: Body | None = None) -> Policy:
    """Make `policy` the current one: the policy adopted until now moves to the archive."""
    (Policy.objects.select_for_update().filter(status=Policy.Status.ADOPTED)
     .exclude(pk=policy.pk).update(status=Policy.Status.ARCHIVED))
    bump_content_version()  # update() sends no signals
    policy.status = Policy.Status.ADOPTED
    policy.adopted_on = adopted_on or policy.adopted_on or timezone.localdate()
    if adopted_by is not None:
        policy.adopted_by = adopted_by
    policy.full_clean()
    policy.save()
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
