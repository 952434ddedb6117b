"""The public pages of a policy's process: a meeting with its sign-up form, the answer pages,
the calendar file, cancelling by the signed link, and a step's files.

Thin: the form checks, policy.services saves and queues the e-mails. A POST is never cached and
its answer is a redirect to a page without personal data, or the form again with the errors.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.downloads import stored_file
from core.languages import crumb
from core.private import never_stored
from policy import services
from policy.forms import MeetingSignupForm
from policy.ical import meeting_ics
from policy.models import Meeting, Policy, ProcessAttachment

SIGNUP_SCOPE = "policy.meeting-signup"


def _meeting(request, slug, pk) -> Meeting:
    """A meeting of a policy the reader may see (staff also see drafts' meetings, as a
    preview)."""
    return get_object_or_404(
        Meeting.objects.with_taken().select_related("step__policy", "place").filter(
            step__policy__in=Policy.objects.visible_to(request.user)),
        step__policy__slug=slug, pk=pk)


def _crumbs(meeting: Meeting, *items):
    policy = meeting.step.policy
    return [(_("Policy"), reverse("policy:index")), crumb(policy, "title", policy.get_absolute_url()),
            *items]


def _private_if_preview(response, meeting: Meeting):
    return response if meeting.step.policy.is_public else never_stored(response)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_detail(request, slug, pk):
    meeting = _meeting(request, slug, pk)
    closed = meeting.signup_closed_reason()
    status = 200
    form = MeetingSignupForm(request=request, scope=SIGNUP_SCOPE)
    if request.method == "POST":
        if closed:
            status = 400  # the page says why; nothing is stored
        else:
            form = MeetingSignupForm(request.POST, request=request, scope=SIGNUP_SCOPE)
            signup = form.is_valid() and _signup(form, meeting)
            if signup:
                name = "meeting-waiting" if signup.on_waiting_list else "meeting-signed-up"
                return redirect(f"policy:{name}", slug=slug, pk=pk)
            closed = meeting.signup_closed_reason()  # it may have closed meanwhile
            status = 429 if form.rate_limited else 400
    response = render(request, "policy/meeting_detail.html", {
        "meeting": meeting, "policy": meeting.step.policy, "step": meeting.step,
        "form": form, "closed": closed,
        "retention_days": settings.MEETING_SIGNUP_RETENTION_DAYS,
        "breadcrumbs": _crumbs(meeting, crumb(meeting, "title", None)),
    }, status=status)
    return _private_if_preview(response, meeting)


def _signup(form, meeting):
    data = form.cleaned_data
    try:
        return services.meeting_signup_create(
            meeting=meeting, name=data["name"], email=data["email"], people=data["people"],
            needs_interpretation=data["needs_interpretation"],
            needs_step_free=data["needs_step_free"], other_needs=data["other_needs"],
            language=(get_language() or "da")[:2])
    except ValidationError as error:
        form.add_error(None, error.messages)
        return None


@require_safe
def meeting_signed_up(request, slug, pk, waiting=False):
    meeting = _meeting(request, slug, pk)
    response = render(request, "policy/meeting_signed_up.html", {
        "meeting": meeting, "policy": meeting.step.policy, "waiting": waiting,
        "breadcrumbs": _crumbs(meeting, crumb(meeting, "title", meeting.get_absolute_url()),
                               (_("On the waiting list") if waiting else _("Signed up"), None)),
    })
    return _private_if_preview(response, meeting)


@require_safe
def meeting_calendar(request, slug, pk):
    meeting = _meeting(request, slug, pk)
    body = meeting_ics(meeting, page_url=request.build_absolute_uri(meeting.get_absolute_url()),
                       host=request.get_host())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    filename = slugify(f"{meeting.title}-{meeting.date:%Y-%m-%d}") or "meeting"
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return _private_if_preview(response, meeting)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_cancel(request, slug, pk, token):
    """GET asks (a link checker or mail scanner that opens the link cancels nothing); POST
    cancels. The answer is never stored by a cache: it names the person."""
    signup = services.signup_from_token(token)
    if signup is not None and (signup.meeting_id != pk or signup.meeting.step.policy.slug != slug):
        signup = None
    meeting = signup.meeting if signup else Meeting.objects.select_related("step__policy").filter(
        pk=pk, step__policy__slug=slug, step__policy__in=Policy.objects.public()).first()
    if meeting is None:
        raise Http404
    cancelled = False
    if request.method == "POST" and signup is not None:
        services.meeting_signup_cancel(signup=signup)
        signup, cancelled = None, True
    response = render(request, "policy/meeting_cancel.html", {
        "meeting": meeting, "policy": meeting.step.policy, "signup": signup,
        "cancelled": cancelled,
        "breadcrumbs": _crumbs(meeting, crumb(meeting, "title", meeting.get_absolute_url()),
                               (_("Cancel your sign-up"), None)),
    }, status=200 if signup or cancelled else 404)
    return never_stored(response)


@require_safe
def process_file(request, slug, pk):
    attachment = get_object_or_404(
        ProcessAttachment.objects.select_related("step__policy").filter(
            step__policy__in=Policy.objects.visible_to(request.user)),
        step__policy__slug=slug, pk=pk)
    response = stored_file(attachment.file, content_type=attachment.content_type,
                           filename=f"{slugify(attachment.title) or 'fil'}.{attachment.extension}")
    return response if attachment.step.policy.is_public else never_stored(response)
