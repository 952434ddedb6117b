"""Writes that touch several policy records, used by the admin and the demo loader."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from core.cache import bump_content_version
from core.models import Municipality
from intake.mail import absolute_url, queue_email
from intake.pii import mask_personal_data
from policy.models import ActionPoint, Adoption, Body, ConsultationResponse, Policy, ProgressNote


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


# The consultation (høring) -------------------------------------------------------------------

class ConsultationClosed(ValidationError):
    """The deadline passed (in the municipality's time) before the response was saved."""


@transaction.atomic
def consultation_response_create(*, policy: Policy, data: dict, language: str
                                 ) -> ConsultationResponse:
    """Save a response from the public form and queue the receipt with a copy of it, in one
    transaction. The deadline is checked again here, under a lock on the policy, so a response
    sent as the clock passes midnight is refused rather than stored. `data` is the form's
    cleaned_data."""
    policy = Policy.objects.select_for_update().get(pk=policy.pk)
    if not policy.consultation_is_open():
        raise ConsultationClosed(_closed_message(policy), code="closed")
    on_behalf_of = data["on_behalf_of"]
    response = ConsultationResponse(
        policy=policy, name=data["name"], on_behalf_of=on_behalf_of,
        organisation_name=("" if on_behalf_of == ConsultationResponse.OnBehalfOf.PRIVATE
                           else data.get("organisation_name", "")),
        email=data["email"], text=mask_personal_data(data["text"]),
        file=data.get("file") or "", publish_name=bool(data.get("publish_name")),
        language=language,
    )
    response.full_clean()
    response.save()
    themes = list(data.get("themes") or [])
    response.themes.set(themes)
    with translation.override(language):
        context = {"response": response, "policy": policy, "themes": themes,
                   "municipality": Municipality.load(), "site_url": absolute_url(""),
                   "retention_days": settings.CONSULTATION_RESPONSE_RETENTION_DAYS}
        subject = render_to_string("policy/email/response_receipt_subject.txt", context)
        body = render_to_string("policy/email/response_receipt.txt", context)
    queue_email(to=[response.email], subject=subject, body=body,
                purpose="policy.consultation.receipt", language=language)
    return response


def _closed_message(policy: Policy) -> str:
    return gettext("The consultation closed on %(date)s, so the response cannot be received. "
                   "Contact the municipality if you have something to add.") % {
        "date": date_format(policy.consultation_ends, "DATE_FORMAT")}


@transaction.atomic
def consultation_responses_publish(*, responses) -> int:
    """Publish the chosen responses that are not hidden; each is checked (deadline passed)."""
    now = timezone.now()
    count = 0
    for response in responses.select_related("policy").select_for_update(of=("self",)):
        if response.is_hidden or response.is_published:
            continue
        response.is_published, response.published_at = True, now
        response.full_clean()
        response.save(update_fields=["is_published", "published_at"])
        count += 1
    return count


@transaction.atomic
def consultation_responses_unpublish(*, responses) -> int:
    return responses.filter(is_published=True).update(is_published=False, published_at=None)


@transaction.atomic
def consultation_response_hide(*, response: ConsultationResponse, reason: str, user=None
                               ) -> ConsultationResponse:
    """Hide a response that breaks the published rules; the reason is kept with it."""
    response.is_hidden, response.hidden_reason = True, reason.strip()
    response.hidden_at, response.hidden_by = timezone.now(), user
    response.full_clean()
    response.save()
    return response
