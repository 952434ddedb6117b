"""Writes that touch several policy records, used by the admin and the demo loader."""

import datetime

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from core.cache import bump_content_version
from core.models import Municipality
from intake.mail import absolute_url, queue_email
from intake.pii import mask_personal_data
from policy.models import (
    ActionPoint,
    Adoption,
    Body,
    ConsultationResponse,
    Meeting,
    MeetingSignup,
    Policy,
    ProcessStep,
    ProgressNote,
)


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
    _adoption_steps_done(policy=policy, decisions=decisions)
    bump_content_version()
    return policy


def _adoption_steps_done(*, policy: Policy, decisions: list[tuple[Body, datetime.date]]) -> None:
    """The process shows the decisions too: each decision marks the policy's next adoption step
    for its kind of body (committee, council) done on the decision's date. A decision with no
    such step (a department's, or a process without adoption steps) changes no step."""
    waiting = {}
    for step in policy.process_steps.exclude(adoption_by="").order_by("position", "id"):
        waiting.setdefault(step.adoption_by, []).append(step)
    for body, decided_on in decisions:
        steps = waiting.get(body.kind)
        if not steps:
            continue
        step = steps.pop(0)
        step.status = ProcessStep.Status.DONE
        step.actual_end = decided_on
        if step.actual_start is None or step.actual_start > decided_on:
            step.actual_start = decided_on
        step.full_clean()
        step.save()


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
# The policy process: steps, meetings and sign-ups (docs/process.md) -------------------------

# CFSA's steps for making a volunteering policy with volunteers (seed 002), in its order, with
# the høring before the adjustment that answers it. (Danish title, English title, description.)
DEFAULT_STEPS = [
    ("Plan for processen", "Plan for the process",
     "Vi lægger en plan for, hvem der skal inddrages og hvordan, og for de overordnede mål.",
     "We plan who takes part and how, and the overall aims."),
    ("Input fra nøglepersoner", "Input from key people",
     "Ledelsen, frivilligrådet, frivilligcentret og nøglepersoner fra foreningerne giver input "
     "til de overordnede linjer.",
     "Management, the volunteering council, the volunteer centre and key people from the "
     "associations give input on the main lines."),
    ("Indledende fællesmøder", "Opening joint meetings",
     "Foreninger og kommunens fagområder drøfter visioner, værdier og grundlaget for "
     "samarbejdet.",
     "Associations and the municipality's departments discuss visions, values and the basis "
     "for working together."),
    ("Lokale dialogmøder med frivillige og foreninger",
     "Local dialogue meetings with volunteers and associations",
     "Frivillige, foreninger og borgere kommer med ønsker, idéer og forslag til politikken.",
     "Volunteers, associations and citizens bring wishes, ideas and proposals for the policy."),
    ("Dialogmøder med kommunens faggrupper", "Dialogue meetings with staff groups",
     "Medarbejderne, der skal samarbejde med frivillige i hverdagen, giver deres input.",
     "The staff who work with volunteers every day give their input."),
    ("Udkast til politikken", "Draft of the policy",
     "Alle forslag skrives sammen til et udkast.",
     "All proposals are written up as a draft."),
    ("Høring", "Consultation (høring)",
     "Udkastet sendes i høring hos alle relevante parter, og alle kan sende et høringssvar.",
     "The draft goes out for consultation, and anyone can send a response."),
    ("Justering efter høringssvarene", "Adjustment after the responses",
     "Vi gennemgår høringssvarene og retter udkastet til.",
     "We go through the responses and adjust the draft."),
    ("Vedtagelse i udvalget", "Adoption in the committee",
     "Det relevante udvalg behandler politikken og sender den videre.",
     "The responsible committee discusses the policy and passes it on."),
    ("Vedtagelse i kommunalbestyrelsen", "Adoption in the council",
     "Kommunalbestyrelsen vedtager politikken, som derefter gælder for hele kommunen.",
     "The council adopts the policy, which then applies to the whole municipality."),
]
# The two last steps are the decisions the "Adopt" button records (_adoption_steps_done).
DEFAULT_ADOPTION_BY = {"Vedtagelse i udvalget": Body.Kind.COMMITTEE,
                       "Vedtagelse i kommunalbestyrelsen": Body.Kind.COUNCIL}


@transaction.atomic
def process_steps_create_defaults(*, policy: Policy) -> list[ProcessStep]:
    """Give a policy without steps CFSA's steps, all planned; one with steps is left alone."""
    if policy.process_steps.exists():
        return []
    steps = []
    for position, (title_da, title_en, text_da, text_en) in enumerate(DEFAULT_STEPS, start=1):
        step = ProcessStep(policy=policy, position=position * 10, title_da=title_da,
                           title_en=title_en, description_da=text_da, description_en=text_en,
                           adoption_by=DEFAULT_ADOPTION_BY.get(title_da, ""))
        step.full_clean()
        step.save()
        steps.append(step)
    return steps


def _signup_email(*, signup: MeetingSignup, template: str, purpose: str) -> None:
    meeting = signup.meeting
    with translation.override(signup.language):
        context = {"signup": signup, "meeting": meeting, "policy": meeting.step.policy,
                   "municipality": Municipality.load(), "site_url": absolute_url(""),
                   "cancel_url": absolute_url(signup_cancel_url(signup)),
                   "retention_days": settings.MEETING_SIGNUP_RETENTION_DAYS}
        subject = render_to_string(f"policy/email/{template}_subject.txt", context)
        body = render_to_string(f"policy/email/{template}.txt", context)
    queue_email(to=[signup.email], subject=subject, body=body, purpose=purpose,
                language=signup.language,
                reply_to=[meeting.contact_email] if meeting.contact_email else None)


CANCEL_SALT = "policy.meeting-signup.cancel"


def signup_cancel_token(signup: MeetingSignup) -> str:
    """Signed, so only the person who got the e-mail can cancel; it names the sign-up's id and
    when it was made, so a deleted and later reused id cannot be cancelled with an old link."""
    return signing.dumps([signup.pk, signup.created_at.timestamp()], salt=CANCEL_SALT,
                         compress=True)


def signup_from_token(token: str) -> MeetingSignup | None:
    try:
        pk, created = signing.loads(token, salt=CANCEL_SALT)
        pk, created = int(pk), float(created)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    signup = MeetingSignup.objects.select_related("meeting__step__policy").filter(pk=pk).first()
    if signup is None or abs(signup.created_at.timestamp() - created) > 0.001:
        return None
    return signup


def signup_cancel_url(signup: MeetingSignup) -> str:
    meeting = signup.meeting
    return reverse("policy:meeting-cancel", kwargs={
        "slug": meeting.step.policy.slug, "pk": meeting.pk, "token": signup_cancel_token(signup)})


def _locked_meeting(meeting: Meeting) -> tuple[Meeting, int]:
    """The meeting row locked (sign-ups and cancellations for it wait for each other) and the
    people with a confirmed place."""
    locked = Meeting.objects.select_for_update(of=("self",)).select_related(
        "step__policy", "place").get(pk=meeting.pk)
    taken = (MeetingSignup.objects.filter(meeting=locked, on_waiting_list=False)
             .aggregate(total=Sum("people"))["total"] or 0)
    return locked, taken


@transaction.atomic
def meeting_signup_create(*, meeting: Meeting, name: str, email: str, people: int,
                          needs_interpretation: str = "", needs_step_free: bool = False,
                          other_needs: str = "", language: str) -> MeetingSignup:
    """Sign someone up: a place when the whole party fits, else the waiting list. The meeting
    row is locked first, so two sign-ups at once cannot both take the last place. A
    confirmation (or a waiting-list notice) with the link to cancel is e-mailed."""
    meeting, taken = _locked_meeting(meeting)
    reason = meeting.signup_closed_reason()
    if reason:
        raise ValidationError(reason, code="closed")
    signup = MeetingSignup(
        meeting=meeting, name=name.strip(), email=email.strip(), people=people,
        needs_interpretation=needs_interpretation.strip(), needs_step_free=needs_step_free,
        other_needs=mask_personal_data(other_needs.strip()), language=language,
        on_waiting_list=taken + people > meeting.capacity,
    )
    signup.full_clean()
    signup.save()
    _signup_email(signup=signup,
                  template="signup_waiting" if signup.on_waiting_list else "signup_confirmed",
                  purpose="policy.meeting.signup")
    return signup


@transaction.atomic
def meeting_signup_cancel(*, signup: MeetingSignup) -> list[MeetingSignup]:
    """Delete a sign-up; the freed places go to the waiting list in the order people signed up
    (a party that does not fit yet keeps its turn: nobody behind it jumps the queue). Each one
    who moves up is e-mailed. Returns them."""
    meeting, _taken = _locked_meeting(signup.meeting)
    MeetingSignup.objects.filter(pk=signup.pk).delete()
    if meeting.starts <= timezone.now():
        return []
    taken = (MeetingSignup.objects.filter(meeting=meeting, on_waiting_list=False)
             .aggregate(total=Sum("people"))["total"] or 0)
    promoted = []
    for waiting in MeetingSignup.objects.filter(meeting=meeting, on_waiting_list=True).order_by(
            "created_at", "id"):
        if taken + waiting.people > meeting.capacity:
            break
        waiting.on_waiting_list = False
        waiting.promoted_at = timezone.now()
        waiting.save(update_fields=["on_waiting_list", "promoted_at"])
        taken += waiting.people
        waiting.meeting = meeting
        _signup_email(signup=waiting, template="signup_promoted", purpose="policy.meeting.promoted")
        promoted.append(waiting)
    return promoted


def meeting_reminders_send(*, today: datetime.date) -> int:
    """E-mail everyone with a place at a meeting held tomorrow, once. Each sign-up is marked in
    the transaction that queues its reminder, so a second run (or a second worker) sends none."""
    tomorrow = today + datetime.timedelta(days=1)
    sent = 0
    pending = MeetingSignup.objects.filter(
        meeting__date=tomorrow, on_waiting_list=False, reminded_at__isnull=True,
        meeting__step__policy__in=Policy.objects.public())
    for pk in pending.values_list("pk", flat=True):
        with transaction.atomic():
            signup = (MeetingSignup.objects.select_for_update(skip_locked=True, of=("self",))
                      .select_related("meeting__step__policy", "meeting__place")
                      .filter(pk=pk, reminded_at__isnull=True).first())
            if signup is None:
                continue
            signup.reminded_at = timezone.now()
            signup.save(update_fields=["reminded_at"])
            _signup_email(signup=signup, template="signup_reminder",
                          purpose="policy.meeting.reminder")
            sent += 1
    return sent
