"""E-mail alerts when the toolbox changes (issue 18 §5; docs/subscriptions.md).

A reader asks by e-mail to follow one guide, one topic or the whole toolbox; the request is
confirmed by a signed link in the first e-mail (double opt-in), and nothing else is sent to the
address before that. When an editor saves a major change ("væsentlig ændring") to a published
guide, or to a rule a published guide uses, a ChangeNote is stored, and after the commit a job on
the intake's worker e-mails every confirmed address that follows the guide, one of its topics or
the whole toolbox: one e-mail per address however many of its subscriptions match, in batches.
Every e-mail carries a signed one-click unsubscribe link (also as RFC 8058 headers) that deletes
the address.

Writes are keyword-only `<entity>_<action>` functions, validated and atomic; the e-mails go
through `intake.mail.queue_email` in the same transaction.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from intake import worker
from intake.mail import absolute_url, queue_email
from toolbox.models import ChangeNote, Guide, Rule, Subscription, Topic, normalise_email

CONFIRM_SALT = "toolbox.subscription.confirm"
UNSUBSCRIBE_SALT = "toolbox.subscription.unsubscribe"
SEND_TASK = "toolbox.send_change_notices"


# Tokens --------------------------------------------------------------------------------------
# Signed with SECRET_KEY; they name a subscription's id and when it was asked for, never the
# address (the path of a link lands in logs). A deleted and later reused id does not match.

class BadToken(Exception):
    """The link was changed, cut short, or names a subscription that no longer exists."""


class ExpiredToken(BadToken):
    """A confirmation link older than TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS."""


def _token(subscription: Subscription, salt: str) -> str:
    return signing.dumps([subscription.pk, subscription.requested_at.timestamp()], salt=salt,
                         compress=True)


def _from_token(token: str, salt: str, *, max_age=None) -> Subscription:
    try:
        pk, requested = signing.loads(token, salt=salt, max_age=max_age)
        pk, requested = int(pk), float(requested)
    except signing.SignatureExpired:
        raise ExpiredToken from None
    except (signing.BadSignature, TypeError, ValueError, OverflowError):
        raise BadToken from None
    subscription = (Subscription.objects.select_related("guide", "topic").filter(pk=pk).first())
    if subscription is None or abs(subscription.requested_at.timestamp() - requested) > 0.001:
        raise BadToken
    return subscription


def confirm_url(subscription: Subscription) -> str:
    return reverse("toolbox:subscription-confirm",
                   kwargs={"token": _token(subscription, CONFIRM_SALT)})


def unsubscribe_url(subscription: Subscription) -> str:
    return reverse("toolbox:unsubscribe", kwargs={"token": _token(subscription, UNSUBSCRIBE_SALT)})


def subscription_from_confirm_token(token: str) -> Subscription:
    """The subscription a confirmation link names; ExpiredToken after the confirmation days,
    BadToken for anything else that is wrong."""
    return _from_token(token, CONFIRM_SALT,
                       max_age=settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS * 24 * 3600)


def subscription_from_unsubscribe_token(token: str) -> Subscription:
    """The subscription an unsubscribe link names (it never expires: old e-mails keep working)."""
    return _from_token(token, UNSUBSCRIBE_SALT)


def _unsubscribe_headers(link: str) -> dict[str, str]:
    """RFC 2369 / RFC 8058: a mail client's own "unsubscribe" button POSTs to the link."""
    return {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# Subscribing ---------------------------------------------------------------------------------

def _target_of(kind: str, guide: Guide | None, topic: Topic | None) -> dict:
    if kind == Subscription.Kind.GUIDE:
        return {"kind": kind, "guide": guide, "topic": None}
    if kind == Subscription.Kind.TOPIC:
        return {"kind": kind, "guide": None, "topic": topic}
    return {"kind": Subscription.Kind.TOOLBOX, "guide": None, "topic": None}


@transaction.atomic
def subscription_request(*, email: str, kind: str, guide: Guide | None = None,
                         topic: Topic | None = None, language: str) -> Subscription:
    """Ask to follow a guide, a topic or the whole toolbox.

    A new request (or one whose confirmation link expired) gets the e-mail with the confirmation
    link; an unconfirmed one asked for again gets the same link again; a confirmed one gets
    nothing. No second row is made either way, and the caller answers the same in all three
    cases, so the page never tells whether an address was subscribed."""
    if kind == Subscription.Kind.GUIDE and (guide is None or guide.status != Guide.Status.PUBLISHED):
        raise ValueError("only a published guide can be followed")
    target = _target_of(kind, guide, topic)
    candidate = Subscription(email=normalise_email(email), language=language[:2], **target)
    candidate.full_clean(validate_constraints=False)
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        email=candidate.email, **target,
        defaults={"language": candidate.language, "requested_at": timezone.now()})
    if subscription.is_confirmed:
        return subscription
    if not created and _confirmation_expired(subscription):
        subscription.requested_at = timezone.now()  # a fresh link: the old one has expired
        subscription.save(update_fields=["requested_at"])
    _send_confirmation(subscription)
    return subscription


def _confirmation_expired(subscription: Subscription) -> bool:
    age = timezone.now() - subscription.requested_at
    return age.total_seconds() > settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS * 24 * 3600


def _send_confirmation(subscription: Subscription) -> None:
    with translation.override(subscription.language):
        stop = absolute_url(unsubscribe_url(subscription))
        context = {
            "subscription": subscription,
            "target": target_label(subscription),
            "confirm_url": absolute_url(confirm_url(subscription)),
            "unsubscribe_url": stop,
            "confirm_days": settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS,
        }
        subject = gettext("Confirm your e-mail alerts: %(target)s") % {"target": context["target"]}
        body = render_to_string("toolbox/subscriptions/email/confirm.txt", context)
    queue_email(to=[subscription.email], subject=subject, body=body,
                purpose="toolbox.subscription.confirm", language=subscription.language,
                headers=_unsubscribe_headers(stop))


def target_label(subscription: Subscription) -> str:
    if subscription.kind == Subscription.Kind.GUIDE:
        return gettext("the guide “%(title)s”") % {"title": subscription.guide.title}
    if subscription.kind == Subscription.Kind.TOPIC:
        return gettext("the topic “%(name)s”") % {"name": subscription.topic.name}
    return gettext("the whole toolbox")


@transaction.atomic
def subscription_confirm(*, subscription: Subscription) -> Subscription:
    """Confirm a request (again is harmless). From now on the address gets the alerts."""
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if locked.confirmed_at is None:
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
    return locked


@transaction.atomic
def subscriber_unsubscribe(*, email: str) -> int:
    """Delete the address with everything it follows; returns how many subscriptions went."""
    return Subscription.objects.for_email(email).delete()[0]


# Major changes -------------------------------------------------------------------------------

def _note(guide: Guide, rule: Rule | None, note_da: str, note_en: str) -> ChangeNote:
    note = ChangeNote(guide=guide, rule=rule, note_da=" ".join(note_da.split()),
                      note_en=" ".join((note_en or "").split()))
    note.full_clean()
    note.save()
    return note


def _notify_after_commit(notes: list[ChangeNote]) -> None:
    """The job is deferred only once the editor's save has committed: a rolled-back save sends
    nothing, and the worker sees the committed notes."""
    if not notes:
        return
    note_ids = [note.pk for note in notes]
    transaction.on_commit(
        lambda: worker.app.configure_task(SEND_TASK).defer(note_ids=note_ids, after=""))


@transaction.atomic
def guide_change_record(*, guide: Guide, note_da: str, note_en: str = "") -> ChangeNote | None:
    """A major change to `guide`: stored and, after the commit, e-mailed to its subscribers.
    A guide that is not published records nothing and sends nothing (None)."""
    if guide.status != Guide.Status.PUBLISHED:
        return None
    note = _note(guide, None, note_da, note_en)
    _notify_after_commit([note])
    return note


@transaction.atomic
def rule_change_record(*, rule: Rule, note_da: str, note_en: str = "") -> list[ChangeNote]:
    """A major change to `rule`: one note on every published guide that uses it (any token),
    all sent by one job, so an address that follows several of them gets one e-mail."""
    notes = [_note(guide, rule, note_da, note_en)
             for guide in Guide.objects.published().using_rule(rule.slug)]
    _notify_after_commit(notes)
    return notes


# Sending -------------------------------------------------------------------------------------

def _concerns(subscription: Subscription, note: ChangeNote, topics: dict[int, set[int]]) -> bool:
    if subscription.kind == Subscription.Kind.TOOLBOX:
        return True
    if subscription.kind == Subscription.Kind.GUIDE:
        return subscription.guide_id == note.guide_id
    return subscription.topic_id in topics.get(note.guide_id, set())


def change_notices_send(*, note_ids: list[int], after: str = "",
                        batch: int | None = None) -> tuple[int, str | None]:
    """Queue the alert e-mails for `note_ids` to the next `batch` addresses after `after` (in
    address order). Returns (e-mails queued, the last address when more may follow, else None).

    Notes on a guide no longer published when the job runs are left out. Each address gets one
    e-mail listing every note that concerns it, in its own language, with its unsubscribe link
    and headers."""
    batch = batch or settings.TOOLBOX_CHANGE_BATCH
    notes = list(ChangeNote.objects.public().filter(pk__in=note_ids)
                 .select_related("guide").order_by("guide__title", "pk"))
    if not notes:
        return 0, None
    guides = {note.guide_id: note.guide for note in notes}
    topics: dict[int, set[int]] = {}
    for guide_id, topic_id in Guide.topics.through.objects.filter(
            guide_id__in=guides).values_list("guide_id", "topic_id"):
        topics.setdefault(guide_id, set()).add(topic_id)
    reaching = Subscription.objects.reaching(guides.values())
    emails = list(reaching.filter(email__gt=after).order_by("email")
                  .values_list("email", flat=True).distinct()[:batch])
    by_email: dict[str, list[Subscription]] = {}
    for subscription in reaching.filter(email__in=emails).order_by("email", "pk"):
        by_email.setdefault(subscription.email, []).append(subscription)
    queued = 0
    with transaction.atomic():
        for email in emails:
            subscriptions = by_email[email]
            concerning = [note for note in notes
                          if any(_concerns(s, note, topics) for s in subscriptions)]
            if concerning:
                _send_notice(subscriptions, concerning)
                queued += 1
        more = len(emails) == batch
        if more:
            worker.app.configure_task(SEND_TASK).defer(note_ids=list(note_ids), after=emails[-1])
        else:
            ChangeNote.objects.filter(pk__in=[note.pk for note in notes]).update(
                notified_at=timezone.now())
    return queued, emails[-1] if more else None


def _send_notice(subscriptions: list[Subscription], notes: list[ChangeNote]) -> None:
    first = subscriptions[0]
    with translation.override(first.language):
        stop = absolute_url(unsubscribe_url(first))
        items = [{"title": note.guide.title, "note": note.note, "date": note.created_at,
                  "url": absolute_url(note.guide.get_absolute_url())} for note in notes]
        if len(items) == 1:
            subject = gettext("Changed: %(title)s") % {"title": items[0]["title"]}
        else:
            subject = ngettext("%(count)d guide in the toolbox has changed",
                               "%(count)d guides in the toolbox have changed",
                               len(items)) % {"count": len(items)}
        body = render_to_string("toolbox/subscriptions/email/change.txt", {
            "items": items, "follows": [target_label(s) for s in subscriptions],
            "unsubscribe_url": stop,
        })
    queue_email(to=[first.email], subject=subject, body=body, purpose="toolbox.subscription.change",
                language=first.language, headers=_unsubscribe_headers(stop))
