"""What the policy page shows of the process: the steps with the current one marked, the next
date and what a citizen can do now ("Hvor er vi i processen?")."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from policy.models import Meeting, Policy, ProcessStep


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
