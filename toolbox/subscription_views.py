"""The public pages of the e-mail alerts: the form to follow a guide, a topic or the whole
toolbox, and the pages the signed links in the e-mails open (confirm, unsubscribe).

Thin: the form checks, toolbox.subscriptions saves and queues the e-mails. A GET of a link only
asks (a mail scanner that opens it changes nothing); the button POSTs. The answer to a request
is the same whether or not the address already followed the thing, so the page tells nothing
about who subscribed. The link pages name a subscription: never stored by a cache.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.private import never_stored
from toolbox import subscriptions
from toolbox.forms import SubscribeForm
from toolbox.models import Guide, Subscription, Topic

SCOPE = "toolbox.subscribe"


def _toolbox_crumb():
    return (_("Toolbox"), reverse("toolbox:index"))


def _target(kind, slug):
    """(guide, topic, page title, the page the reader came from); 404 for an unknown or
    unpublished guide or an unknown topic."""
    if kind == Subscription.Kind.GUIDE:
        guide = get_object_or_404(Guide.objects.published().without_text(), slug=slug)
        return guide, None, _("Get an e-mail when “%(title)s” changes") % {"title": guide.title}, guide
    if kind == Subscription.Kind.TOPIC:
        topic = get_object_or_404(Topic, slug=slug)
        return None, topic, _("Get an e-mail when a guide about “%(name)s” changes") % {
            "name": topic.name}, topic
    return None, None, _("Get an e-mail when the toolbox changes"), None


def action_url(kind, slug=None) -> str:
    if kind == Subscription.Kind.GUIDE:
        return reverse("toolbox:guide-subscribe", kwargs={"slug": slug})
    if kind == Subscription.Kind.TOPIC:
        return reverse("toolbox:topic-subscribe", kwargs={"slug": slug})
    return reverse("toolbox:subscribe")


@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request, kind=Subscription.Kind.TOOLBOX, slug=None):
    guide, topic, title, came_from = _target(kind, slug)
    here = action_url(kind, slug)
    form, status = SubscribeForm(), 200
    if request.method == "POST":
        form = SubscribeForm(request.POST, request=request, scope=SCOPE)
        if form.is_valid():
            subscriptions.subscription_request(
                email=form.cleaned_data["email"], kind=kind, guide=guide, topic=topic,
                language=(get_language() or settings.LANGUAGE_CODE)[:2])
            return redirect(f"{here}?sendt=1")
        if form.caught_robot:
            return redirect(f"{here}?sendt=1")  # a robot: answered as a reader, nothing stored
        status = 429 if form.rate_limited else 400
    crumbs = [_toolbox_crumb()]
    if came_from is not None:
        crumbs.append((str(came_from), came_from.get_absolute_url()))
    crumbs.append((_("E-mail alerts"), None))
    return render(request, "toolbox/subscriptions/subscribe.html", {
        "title": title, "form": form, "action": here, "came_from": came_from,
        # Set by the redirect after a request: the same words whoever asked.
        "sent": request.method != "POST" and request.GET.get("sendt") == "1",
        "confirm_days": settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS,
        "retention_days": settings.TOOLBOX_SUBSCRIPTION_RETENTION_DAYS,
        "breadcrumbs": crumbs,
    }, status=status)


def _link_page(request, template, context, *, status=200):
    crumbs = [_toolbox_crumb(), (_("E-mail alerts"), None)]
    return never_stored(render(request, template, {**context, "breadcrumbs": crumbs},
                               status=status))


@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        subscription = subscriptions.subscription_from_confirm_token(token)
    except subscriptions.ExpiredToken:
        return _link_page(request, "toolbox/subscriptions/confirm.html", {
            "problem": "expired", "confirm_days": settings.TOOLBOX_SUBSCRIPTION_CONFIRM_DAYS,
            "subscribe_url": reverse("toolbox:subscribe")}, status=400)
    except subscriptions.BadToken:
        return _link_page(request, "toolbox/subscriptions/confirm.html", {
            "problem": "invalid", "subscribe_url": reverse("toolbox:subscribe")}, status=400)
    done = subscription.is_confirmed
    if request.method == "POST" and not done:
        subscription, done = subscriptions.subscription_confirm(subscription=subscription), True
    return _link_page(request, "toolbox/subscriptions/confirm.html", {
        "subscription": subscription, "target": subscriptions.target_label(subscription),
        "done": done, "unsubscribe_url": subscriptions.unsubscribe_url(subscription)})


# RFC 8058: a mail client's one-click button POSTs "List-Unsubscribe=One-Click" to the link
# without a CSRF token; the signed token in the address is what authorises it.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        subscription = subscriptions.subscription_from_unsubscribe_token(token)
    except subscriptions.BadToken:
        subscription = None
    if request.method == "POST" and subscription is not None:
        subscriptions.subscriber_unsubscribe(email=subscription.email)
        return _link_page(request, "toolbox/subscriptions/unsubscribe.html", {"done": True})
    if subscription is None:
        return _link_page(request, "toolbox/subscriptions/unsubscribe.html",
                          {"problem": "invalid"}, status=400)
    return _link_page(request, "toolbox/subscriptions/unsubscribe.html", {
        "follows": [subscriptions.target_label(s) for s in
                    Subscription.objects.for_email(subscription.email)
                    .select_related("guide", "topic")]})
