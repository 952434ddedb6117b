"""What the policy page and its print view show of the consultation: the published responses
and the høringsnotat. Only public records (published, not hidden) ever reach these lists."""

from dataclasses import dataclass, field

from django.db.models import F, Prefetch

from policy.models import ConsultationNote, ConsultationResponse, Policy, PolicyChange


@dataclass
class ConsultationOutcome:
    responses: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.responses or self.notes)


def consultation_outcome(policy: Policy) -> ConsultationOutcome:
    """The responses and notes to show, in five queries however many there are; nothing while
    the consultation is still open (responses are published only after the deadline)."""
    if policy.consultation_is_open():
        return ConsultationOutcome()
    public_responses = ConsultationResponse.objects.public()
    responses = list(
        public_responses.filter(policy=policy)
        .prefetch_related(Prefetch("themes", to_attr="theme_list"))
        .order_by("submitted_at", "id")
    )
    numbers = {response.pk: number for number, response in enumerate(responses, start=1)}
    for response in responses:
        response.number = numbers[response.pk]
    notes = list(
        ConsultationNote.objects.public().filter(policy=policy)
        .select_related("theme")
        .prefetch_related(Prefetch(
            "changes", to_attr="change_list",
            queryset=PolicyChange.objects.order_by("position", "id").prefetch_related(
                Prefetch("responses", to_attr="response_list",
                         queryset=public_responses.filter(policy=policy).order_by("id")))))
        .order_by(F("theme__position").asc(nulls_first=True), "position", "id")
    )
    for note in notes:
        for change in note.change_list:
            for response in change.response_list:
                response.number = numbers.get(response.pk)
    return ConsultationOutcome(responses=responses, notes=notes)
