"""Writes in the toolbox: each validates before it saves."""

import datetime

from django.db import transaction

from core.cache import bump_content_version
from toolbox.models import Feedback, Guide


def feedback_create(*, guide: Guide, language: str, is_useful: bool, comment: str = "") -> Feedback:
    """Store one answer to "Var siden nyttig?": page, language, answer, comment and date only."""
    feedback = Feedback(guide=guide, language=language, is_useful=is_useful,
                        comment=comment.strip())
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def guides_mark_reviewed(*, guides, on: datetime.date) -> int:
    """Record that the facts of `guides` were checked on `on`; returns how many were updated."""
    updated = Guide.objects.filter(pk__in=[guide.pk for guide in guides]).update(reviewed_on=on)
    bump_content_version()  # update() sends no signals; the pages show the date
    return updated
