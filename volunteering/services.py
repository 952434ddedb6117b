"""Writes that staff (and the public forms) make to organisations and opportunities.

Approval changes status and stamps dates in one transaction; the admin actions call these, and
so may the approval messages (the forms branch), so that every publication goes one way.
"""

from django.db import transaction
from django.utils import timezone

from volunteering.models import Opportunity, Organisation, Status


def _set_status(obj, status: str, reason: str = ""):
    obj.status = status
    if status == Status.DECLINED:
        obj.decline_reason = reason
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def opportunity_publish(*, opportunity: Opportunity) -> Opportunity:
    """Approve an opportunity; an organisation still waiting is approved with it, since an
    opportunity of an unpublished organisation would stay hidden."""
    if opportunity.organisation.status == Status.AWAITING:
        organisation_publish(organisation=opportunity.organisation)
    return _set_status(opportunity, Status.PUBLISHED)


@transaction.atomic
def opportunity_decline(*, opportunity: Opportunity, reason: str) -> Opportunity:
    return _set_status(opportunity, Status.DECLINED, reason)


@transaction.atomic
def opportunity_withdraw(*, opportunity: Opportunity) -> Opportunity:
    return _set_status(opportunity, Status.WITHDRAWN)


@transaction.atomic
def opportunity_submit(*, opportunity: Opportunity) -> Opportunity:
    """Send an opportunity for approval (stamps when, so staff see the oldest first)."""
    opportunity.submitted_at = opportunity.submitted_at or timezone.now()
    return _set_status(opportunity, Status.AWAITING)


@transaction.atomic
def organisation_publish(*, organisation: Organisation) -> Organisation:
    return _set_status(organisation, Status.PUBLISHED)


@transaction.atomic
def organisation_decline(*, organisation: Organisation, reason: str) -> Organisation:
    return _set_status(organisation, Status.DECLINED, reason)
