"""Writes that staff (and the public forms) make to organisations and opportunities.

Approval changes status and stamps dates in one transaction; the admin actions call these, and
so may the approval messages (the forms branch), so that every publication goes one way.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from intake.mail import absolute_url, queue_email
from intake.pii import mask_cpr, mask_personal_data
from core.markdown import slugify
from core.models import Municipality
from volunteering.models import (
    Area, Field, InterestMessage, Opportunity, Organisation, Status, Submission,
)


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


# The public forms: submissions and "Jeg vil gerne hjælpe" -----------------------------------
# Each saves what was sent and queues its e-mails in one transaction (intake.mail.queue_email):
# either the record and its messages exist, or neither does. Bodies are rendered here, in the
# recipient's language, from templates/volunteering/email/.

def _email(*, to: str, template: str, context: dict, language: str, purpose: str,
           reply_to: list[str] | None = None) -> None:
    with translation.override(language):
        # Links go to the portal's public address (SITE_URL), not to the host a request named.
        context = {**context, "municipality": Municipality.load(), "site_url": absolute_url("")}
        subject = render_to_string(f"volunteering/email/{template}_subject.txt", context)
        body = render_to_string(f"volunteering/email/{template}.txt", context)
    queue_email(to=[to], subject=subject, body=body, reply_to=reply_to, purpose=purpose,
                language=language)


def _unique_slug(model, text: str, fallback: str) -> str:
    base = slugify(text)[:180].strip("-") or fallback
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _masked(text: str) -> str:
    # Published text is not meant to carry anyone's CPR number, e-mail or phone: the contact
    # details have fields of their own.
    return mask_personal_data(text or "")


@transaction.atomic
def opportunity_submission_create(*, data: dict, language: str) -> Submission:
    """A new opportunity from the public form, saved awaiting approval (invisible to the public)
    with a new organisation when the association is not listed yet; the submitter gets a
    receipt. `data` is the form's cleaned_data."""
    now = timezone.now()
    organisation = data.get("organisation")
    creates_organisation = organisation is None
    if creates_organisation:
        organisation = Organisation(
            name=data["new_organisation_name"],
            slug=_unique_slug(Organisation, data["new_organisation_name"], "organisation"),
            kind=data.get("new_organisation_kind") or Organisation.Kind.ASSOCIATION,
            website=data.get("new_organisation_website", ""),
            status=Status.AWAITING, submitted_at=now,
        )
        organisation.full_clean()
        organisation.save()
    opportunity = Opportunity(
        organisation=organisation,
        slug=_unique_slug(Opportunity, data["title"], "opgave"),
        area=data.get("area"),
        place=data.get("place", ""),
        when=data["when"],
        date=data.get("date"),
        suits=list(data.get("suits") or []),
        minimum_age=data.get("minimum_age"),
        involves_children=bool(data.get("involves_children")),
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        contact_phone=data.get("contact_phone", ""),
        show_contact_phone=bool(data.get("show_contact_phone")),
        volunteers_wanted=data.get("volunteers_wanted"),
        publish_from=timezone.localdate(),
        publish_until=data.get("publish_until"),
        status=Status.AWAITING,
        submitted_at=now,
    )
    # The texts go to the submitter's language; the Danish fields are the fallback every page
    # uses, so an English submission fills them too until the staff translate it.
    texts = {
        "title": data["title"], "summary": _masked(data["summary"]),
        "description": _masked(data["description"]),
        "requirements": _masked(data.get("requirements", "")),
        "when_text": _masked(data.get("when_text", "")),
        "time_needed": _masked(data.get("time_needed", "")),
    }
    for name, value in texts.items():
        for lang in {language, settings.LANGUAGE_CODE}:
            setattr(opportunity, f"{name}_{lang}", value)
    opportunity.full_clean()
    opportunity.save()
    opportunity.fields.set(data.get("activity_fields") or [])
    submission = Submission(
        kind=Submission.Kind.OPPORTUNITY, organisation=organisation, opportunity=opportunity,
        creates_organisation=creates_organisation, language=language, submitted_at=now,
        **_submitter(data),
    )
    submission.full_clean()
    submission.save()
    _email(to=submission.submitter_email, template="submission_receipt",
           context={"submission": submission}, language=language,
           purpose="volunteering.submission.receipt")
    return submission


def _submitter(data: dict) -> dict:
    return {"submitter_name": data["submitter_name"], "submitter_email": data["submitter_email"],
            "submitter_phone": data.get("submitter_phone", "")}


@transaction.atomic
def organisation_update_submission_create(*, organisation: Organisation, changes: dict,
                                          note: str, data: dict, language: str) -> Submission:
    """Changes to an organisation's entry, kept on the submission until the staff approve them;
    the submitter gets a receipt."""
    if "presentation" in changes:
        changes = {**changes, "presentation": _masked(changes["presentation"])}
    submission = Submission(
        kind=Submission.Kind.ORGANISATION_UPDATE, organisation=organisation,
        changes={**changes, **({"note": _masked(note)} if note else {})},
        language=language, **_submitter(data),
    )
    submission.full_clean()
    submission.save()
    _email(to=submission.submitter_email, template="submission_receipt",
           context={"submission": submission}, language=language,
           purpose="volunteering.submission.receipt")
    return submission


def _apply_changes(submission: Submission) -> None:
    organisation = submission.organisation
    changes = submission.changes
    for name, value in changes.items():
        if name == "presentation":
            setattr(organisation, f"presentation_{submission.language}", value)
            if submission.language != settings.LANGUAGE_CODE and not organisation.presentation_da:
                organisation.presentation_da = value
        elif name == "area":
            # An area deleted since the submission leaves the organisation without one.
            organisation.area = Area.objects.filter(pk=value).first() if value else None
        elif name == "homepage":
            organisation.website = value
        elif name in {"address", "public_email", "public_phone"}:
            setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    if "activity_fields" in changes:
        organisation.fields.set(Field.objects.filter(pk__in=changes["activity_fields"]))


def _decide(submission: Submission, *, user) -> Submission:
    """The submission, locked, if it still waits; a second click or a second staff member at
    the same time gets a clear error instead of a second message to the submitter."""
    locked = Submission.objects.select_for_update(of=("self",)).select_related(
        "organisation", "opportunity").get(pk=submission.pk)
    if locked.status != Submission.State.AWAITING:
        raise ValidationError(_("This submission was already decided."), code="decided")
    locked.decided_at = timezone.now()
    locked.decided_by = user if user is not None and user.is_authenticated else None
    return locked


@transaction.atomic
def submission_approve(*, submission: Submission, user) -> Submission:
    """Publish the opportunity (and its new organisation), or apply the changes to the
    organisation; the submitter is told, with a link."""
    submission = _decide(submission, user=user)
    if submission.kind == Submission.Kind.OPPORTUNITY:
        opportunity_publish(opportunity=submission.opportunity)
    else:
        _apply_changes(submission)
    submission.status = Submission.State.APPROVED
    submission.full_clean()
    submission.save()
    _email(to=submission.submitter_email, template="submission_approved",
           context={"submission": submission},
           language=submission.language, purpose="volunteering.submission.approved")
    return submission


@transaction.atomic
def submission_decline(*, submission: Submission, reason: str, user) -> Submission:
    """Decline with a reason the submitter is told; nothing becomes public."""
    submission = _decide(submission, user=user)
    submission.status = Submission.State.DECLINED
    submission.decline_reason = reason.strip()
    submission.full_clean()
    if submission.kind == Submission.Kind.OPPORTUNITY:
        opportunity_decline(opportunity=submission.opportunity, reason=submission.decline_reason)
        organisation = submission.organisation
        if submission.creates_organisation and organisation.status == Status.AWAITING:
            organisation_decline(organisation=organisation, reason=submission.decline_reason)
    submission.save()
    _email(to=submission.submitter_email, template="submission_declined",
           context={"submission": submission},
           language=submission.language, purpose="volunteering.submission.declined")
    return submission


@transaction.atomic
def interest_create(*, opportunity: Opportunity, name: str, email: str, phone: str,
                    message: str, language: str) -> InterestMessage:
    """Store a citizen's "Jeg vil gerne hjælpe" and queue it to the opportunity's contact
    (Reply-To: the citizen), with a receipt to the citizen when they gave an e-mail address.

    The message is meant for the contact person, so e-mail addresses and phone numbers in it
    stay (the citizen may give another way to be reached); a CPR number never belongs there and
    is masked.
    """
    interest = InterestMessage(opportunity=opportunity, name=name.strip(), email=email.strip(),
                               phone=phone.strip(), message=mask_cpr(message.strip()),
                               language=language)
    interest.full_clean()
    interest.save()
    context = {"interest": interest, "opportunity": opportunity,
               "retention_days": settings.INTEREST_RETENTION_DAYS}
    _email(to=opportunity.contact_email, template="interest_contact", context=context,
           language=settings.LANGUAGE_CODE, purpose="volunteering.interest",
           reply_to=[interest.email] if interest.email else None)
    if interest.email:
        _email(to=interest.email, template="interest_receipt", context=context,
               language=language, purpose="volunteering.interest.receipt")
    return interest
