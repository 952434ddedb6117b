"""The consultation response form (høringssvar) and its thank-you page.

Thin, as the volunteering forms: the form checks, the service saves and queues the receipt. A
POST is never cached, and its answer is a redirect to a page without personal data or the form
again with the errors. After the deadline (the municipality's date) the page says so and a
response sent anyway is refused with that message and nothing stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.languages import crumb
from policy import services
from policy.forms import ConsultationResponseForm
from policy.models import Policy

SCOPE = "policy.consultation"


def _policy_in_consultation(slug) -> Policy:
    """Only a policy in consultation has the form (a closed one says it has closed)."""
    return get_object_or_404(Policy.objects.in_consultation(), slug=slug)


def _crumbs(policy, *items):
    return [(_("Policy"), reverse("policy:index")), crumb(policy, "title", policy.get_absolute_url()),
            *items]


@require_http_methods(["GET", "HEAD", "POST"])
def respond(request, slug):
    policy = _policy_in_consultation(slug)
    context = {
        "policy": policy,
        "retention_days": settings.CONSULTATION_RESPONSE_RETENTION_DAYS,
        "breadcrumbs": _crumbs(policy, (_("Send a consultation response"), None)),
    }
    if not policy.consultation_is_open():
        return render(request, "policy/respond.html", {**context, "closed": True},
                      status=400 if request.method == "POST" else 200)
    status = 200
    if request.method == "POST":
        form = ConsultationResponseForm(request.POST, request.FILES, policy=policy,
                                        request=request, scope=f"{SCOPE}:{policy.pk}")
        if form.is_valid():
            try:
                services.consultation_response_create(
                    policy=policy, data=form.cleaned_data, language=(get_language() or "da")[:2])
            except services.ConsultationClosed:
                return render(request, "policy/respond.html", {**context, "closed": True},
                              status=400)
            except ValidationError as error:  # a rule the model checks: a form error, no 500
                if not hasattr(error, "error_dict"):
                    form.add_error(None, error.messages)
                else:
                    for field, messages in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, messages)
            else:
                return redirect("policy:respond-sent", slug=policy.slug)
        status = 429 if form.rate_limited else 400
    else:
        form = ConsultationResponseForm(policy=policy, request=request, scope=SCOPE)
    return render(request, "policy/respond.html", {**context, "form": form}, status=status)


@require_safe
def respond_sent(request, slug):
    policy = _policy_in_consultation(slug)
    return render(request, "policy/respond_sent.html", {
        "policy": policy,
        "breadcrumbs": _crumbs(policy, (_("Thank you"), None)),
    })
