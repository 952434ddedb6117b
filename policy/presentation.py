"""What the policy page and its print view show of the consultation: the published responses
and the høringsnotat. Only public records (published, not hidden) ever reach these lists.

What the policy page shows of the process: the steps with the current one marked, the next
date and what a citizen can do now ("Hvor er vi i processen?")."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from policy import page
from policy.models import Meeting, Policy, ProcessStep


@dataclass
class ConsultationOutcome:
    responses: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.responses or self.notes)


def consultation_outcome(policy: Policy, themes: list) -> ConsultationOutcome:
    """The responses and notes to show, read with the policy (policy.page.with_parts); nothing
    while the consultation is still open (responses are published only after the deadline).

    `themes` are the policy's themes, which the page has loaded already: a response's themes,
    a note's theme and a change's responses come as ids and are looked up here."""
    if policy.consultation_is_open():
        return ConsultationOutcome()
    responses = page.responses(policy)
    theme_by_id = {theme.pk: theme for theme in themes}
    for number, response in enumerate(responses, start=1):
        response.number = number
        response.policy = policy
        response.theme_list = sorted(
            (theme_by_id[pk] for pk in response.theme_ids or [] if pk in theme_by_id),
            key=lambda theme: (theme.position, theme.pk))
    # Only responses in `responses` (the public ones of this policy) are ever linked.
    response_by_id = {response.pk: response for response in responses}
    notes = page.notes(policy)
    for note in notes:
        note.policy = policy
        note.theme = theme_by_id.get(note.theme_id) if note.theme_id else None
        for change in note.change_list:
            change.response_list = sorted(
                (response_by_id[pk] for pk in change.response_ids or [] if pk in response_by_id),
                key=lambda response: response.number)
    # The policy as a whole first, then theme by theme, as the høringsnotat reads.
    notes.sort(key=lambda note: (note.theme is not None,
                                 note.theme.position if note.theme else 0, note.position, note.pk))
    return ConsultationOutcome(responses=responses, notes=notes)


@dataclass
class ProcessOverview:
    steps: list[ProcessStep]
    current: ProcessStep | None
    next_date: datetime.date | None
    open_meetings: list[Meeting] = field(default_factory=list)
    consultation_open: bool = False

    @property
    def finished(self) -> bool:
        return bool(self.steps) and all(step.is_finished for step in self.steps)


def process_overview(policy: Policy, steps: list[ProcessStep], meetings: list[Meeting],
                     *, now: datetime.datetime | None = None) -> ProcessOverview:
    """`steps` in order; `meetings` of those steps (with `taken`, MeetingQuerySet.with_taken)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    current = (next((s for s in steps if s.status == ProcessStep.Status.IN_PROGRESS), None)
               or next((s for s in steps if s.status == ProcessStep.Status.PLANNED), None))
    by_step = {step.pk: step for step in steps}
    for step in steps:
        step.policy = policy  # already loaded: links need its slug, without a query per step
        step.listed_meetings = []
    for meeting in meetings:
        meeting.step = by_step[meeting.step_id]
        meeting.step.listed_meetings.append(meeting)
    consultation_open = policy.consultation_is_open(today)
    dates = [m.date for m in meetings if m.date >= today]
    dates += [s.start for s in steps if not s.is_finished and s.start and s.start >= today]
    if consultation_open:
        dates.append(policy.consultation_ends)
    open_meetings = [m for m in meetings if m.starts > now and m.signup_open]
    return ProcessOverview(steps=steps, current=current, next_date=min(dates, default=None),
                           open_meetings=open_meetings, consultation_open=consultation_open)
