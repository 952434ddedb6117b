"""Writes in the toolbox: each validates before it saves."""

import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from core.cache import bump_content_version
from intake.mail import absolute_url, queue_email
from intake.pii import mask_personal_data
from toolbox.models import Feedback, Guide, Rule, cited_rule_slugs

log = logging.getLogger(__name__)


def feedback_create(*, guide: Guide, language: str, is_useful: bool, comment: str = "") -> Feedback:
    """Store one answer to "Var siden nyttig?": page, language, answer, comment and date only.

    The comment is not meant to carry personal data: CPR numbers, e-mail addresses and phone
    numbers in it are masked before it is stored (SECURITY.md PII-01)."""
    feedback = Feedback(guide=guide, language=language, is_useful=is_useful,
                        comment=mask_personal_data(comment.strip()))
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def guides_mark_reviewed(*, guides, on: datetime.date) -> int:
    """Record that the facts of `guides` were checked on `on`; returns how many were updated."""
    updated = Guide.objects.filter(pk__in=[guide.pk for guide in guides]).update(reviewed_on=on)
    bump_content_version()  # update() sends no signals; the pages show the date
    return updated


def review_reminders_send(*, today: datetime.date) -> int:
    """Queue the monthly review reminder: one e-mail to each owner (a guide's owner, or its
    contact) with an address, listing their published guides whose review is due and the
    overdue rules (toolbox.Rule) those guides cite. What reaches no owner this way (guides whose
    owner has no address, rules no such guide cites) goes to the toolbox editors, the staff who
    can change guides. Returns how many e-mails were queued."""
    guides = list(Guide.objects.published().review_overdue(today)
                  .select_related("owner", "contact").order_by("review_due", "title"))
    overdue_rules = {rule.slug: rule for rule in Rule.objects.verification_overdue(today)}
    owned_guides: dict[str, list] = {}
    owned_rules: dict[str, dict] = {}
    orphans = {"guides": [], "rules": dict(overdue_rules)}
    citing = Guide.objects.published().select_related("owner", "contact") if overdue_rules else []
    for guide in citing:
        email = guide.responsible.email if guide.responsible else ""
        cited = [overdue_rules[slug] for slug in _cited_in(guide) if slug in overdue_rules]
        if email:
            for rule in cited:
                owned_rules.setdefault(email, {})[rule.slug] = rule
                orphans["rules"].pop(rule.slug, None)
    for guide in guides:
        email = guide.responsible.email if guide.responsible else ""
        if email:
            owned_guides.setdefault(email, []).append(guide)
        else:
            orphans["guides"].append(guide)
    letters = {
        email: (owned_guides.get(email, []), list(owned_rules.get(email, {}).values()))
        for email in sorted(set(owned_guides) | set(owned_rules))
    }
    editors = _toolbox_editor_addresses()
    if orphans["guides"] or orphans["rules"]:
        if editors:
            letters[tuple(editors)] = (orphans["guides"], list(orphans["rules"].values()))
        else:
            log.warning("Review reminder: %d guide(s) and %d rule(s) are due, but no owner or "
                        "toolbox editor has an e-mail address.", len(orphans["guides"]),
                        len(orphans["rules"]))
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for recipients, (due_guides, due_rules) in letters.items():
            body = render_to_string("toolbox/email/review_reminder.txt", {
                "guides": [(guide, absolute_url(guide.get_absolute_url())) for guide in due_guides],
                "rules": due_rules,
                "today": today,
                "admin_url": absolute_url(reverse("admin:toolbox_guide_changelist")),
            })
            queue_email(
                to=list(recipients) if isinstance(recipients, tuple) else [recipients],
                subject=gettext("Guides and rules to review"),
                body=body,
                purpose="toolbox.review_reminder",
            )
    return len(letters)


def _cited_in(guide: Guide) -> list[str]:
    return cited_rule_slugs(" ".join(filter(None, [guide.body_da, guide.body_en])))


def _toolbox_editor_addresses() -> list[str]:
    """Active staff who may change guides and have an e-mail address (superusers only when
    nobody else may)."""
    User = get_user_model()
    for include_superusers in (False, True):
        users = (User.objects.with_perm("toolbox.change_guide",
                                        include_superusers=include_superusers,
                                        backend="django.contrib.auth.backends.ModelBackend")
                 .filter(is_active=True, is_staff=True).exclude(email=""))
        addresses = sorted({user.email for user in users})
        if addresses:
            return addresses
    return []
