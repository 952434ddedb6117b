"""What the policy process keeps about people, for the intake's personal-data register.

Registered in PolicyConfig.ready(): the admin page "Personal data" finds, exports and deletes the
sign-ups for meetings by e-mail address (GDPR art. 15 and 17), the daily purge job deletes them
MEETING_SIGNUP_RETENTION_DAYS after the meeting, and the privacy page lists purpose and period.
"""

import datetime

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from policy.models import MeetingSignup


class MeetingSignups:
    label = _("Sign-ups for meetings about a policy")
    purpose = _(
        "When you sign up for a dialogue meeting or citizens' meeting about a policy, we keep "
        "your name, e-mail, the number of people and any needs you told us about, to hold your "
        "place, plan the meeting (interpreters, step-free access), remind you the day before and "
        "tell you if a place frees up. The sign-up is deleted automatically the stated number "
        "of days after the meeting."
    )

    @staticmethod
    def retention_days() -> int:
        return settings.MEETING_SIGNUP_RETENTION_DAYS

    def find(self, email: str) -> list[dict]:
        return [
            {"meeting": str(s.meeting), "policy": str(s.meeting.step.policy), "name": s.name,
             "email": s.email, "people": s.people,
             "interpretation": s.needs_interpretation, "step_free_access": s.needs_step_free,
             "other_needs": s.other_needs, "waiting_list": s.on_waiting_list,
             "language": s.language, "signed_up": s.created_at.isoformat(),
             "reminded": s.reminded_at.isoformat() if s.reminded_at else None}
            for s in MeetingSignup.objects.for_email(email).select_related("meeting__step__policy")
        ]

    def delete(self, email: str) -> int:
        return MeetingSignup.objects.for_email(email).delete()[0]

    def purge_expired(self, now: datetime.datetime) -> int:
        return MeetingSignup.objects.expired(now).delete()[0]


HOLDERS = [MeetingSignups()]
