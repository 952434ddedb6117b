"""What the policy page and its print view show of the consultation: the published responses
and the høringsnotat. Only public records (published, not hidden) ever reach these lists."""

from dataclasses import dataclass, field

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import F, Prefetch, Q

from policy.models import ConsultationNote, ConsultationResponse, Policy, PolicyChange


@dataclass
class ConsultationOutcome:
    responses: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.responses or self.notes)


def consultation_outcome(policy: Policy, themes: list) -> ConsultationOutcome:
    """The responses and notes to show, in three queries however many there are; nothing while
    the consultation is still open (responses are published only after the deadline).

    `themes` are the policy's themes, which the page has loaded already: a response's themes
    and a change's responses are collected as ids in the same query and looked up here."""
    if policy.consultation_is_open():
        return ConsultationOutcome()
    responses = list(
        ConsultationResponse.objects.public().filter(policy=policy)
        .annotate(theme_ids=ArrayAgg("themes", filter=Q(themes__isnull=False), distinct=True))
        .order_by("submitted_at", "id")
    )
    theme_by_id = {theme.pk: theme for theme in themes}
    for number, response in enumerate(responses, start=1):
        response.number = number
        response.theme_list = sorted(
            (theme_by_id[pk] for pk in response.theme_ids or [] if pk in theme_by_id),
            key=lambda theme: (theme.position, theme.pk))
    # Only responses in `responses` (the public ones of this policy) are ever linked.
    response_by_id = {response.pk: response for response in responses}
    notes = list(
        ConsultationNote.objects.public().filter(policy=policy)
        .select_related("theme")
        .prefetch_related(Prefetch(
            "changes", to_attr="change_list",
            queryset=PolicyChange.objects.order_by("position", "id").annotate(
                response_ids=ArrayAgg("responses", filter=Q(responses__isnull=False),
                                      distinct=True))))
        .order_by(F("theme__position").asc(nulls_first=True), "position", "id")
    )
    for note in notes:
        for change in note.change_list:
            change.response_list = sorted(
                (response_by_id[pk] for pk in change.response_ids or [] if pk in response_by_id),
                key=lambda response: response.number)
    return ConsultationOutcome(responses=responses, notes=notes)
