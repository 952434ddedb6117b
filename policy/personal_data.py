"""What the consultation keeps about people, for the intake's personal-data register.

Registered in PolicyConfig.ready(). A response is part of the record of how the policy was
made, so its text (masked for CPR numbers, e-mail addresses and phone numbers when it was
received) and an association's or council's name stay with the policy; what identifies a
person goes when the period ends: the e-mail always, and a private person's name and attached
file. Asked by e-mail (GDPR art. 17), the whole response is deleted.

What the policy process keeps about people, for the intake's personal-data register.

Registered in PolicyConfig.ready(): the admin page "Personal data" finds, exports and deletes the
sign-ups for meetings by e-mail address (GDPR art. 15 and 17), the daily purge job deletes them
MEETING_SIGNUP_RETENTION_DAYS after the meeting, and the privacy page lists purpose and period."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from policy.models import ConsultationResponse, MeetingSignup


class ConsultationResponses:
    label = _("Consultation responses (høringssvar)")
    purpose = _(
        "When you send a response to a consultation, we keep it with the policy so the staff "
        "and politicians can read it and write the høringsnotat, send you a receipt, and "
        "publish it after the deadline (with your name only if you agreed). Your e-mail "
        "address, and a private person's name and attached file, are removed after the period "
        "stated here; the text stays as part of the record of the policy."
    )

    @staticmethod
    def retention_days() -> int:
        return settings.CONSULTATION_RESPONSE_RETENTION_DAYS

    def find(self, email: str) -> list[dict]:
        return [
            {"policy": str(r.policy), "name": r.name, "email": r.email,
             "on_behalf_of": r.get_on_behalf_of_display(),
             "organisation_name": r.organisation_name, "text": r.text,
             "file": bool(r.file), "themes": [str(t) for t in r.themes.all()],
             "publish_name": r.publish_name, "published": r.is_published,
             "received": r.submitted_at.isoformat()}
            for r in ConsultationResponse.objects.for_email(email)
            .select_related("policy").prefetch_related("themes")
        ]

    @transaction.atomic
    def delete(self, email: str) -> int:
        responses = list(ConsultationResponse.objects.for_email(email).select_for_update())
        for response in responses:
            response.file.delete(save=False)
        return ConsultationResponse.objects.filter(
            pk__in=[r.pk for r in responses]).delete()[0]

    @transaction.atomic
    def purge_expired(self, now: datetime.datetime) -> int:
        cutoff = now - datetime.timedelta(days=self.retention_days())
        expired = list(ConsultationResponse.objects.filter(
            submitted_at__lt=cutoff, personal_data_removed_at__isnull=True).select_for_update())
        for response in expired:
            response.email = ""
            if response.on_behalf_of == ConsultationResponse.OnBehalfOf.PRIVATE:
                response.name = ""
                response.file.delete(save=False)
                response.file = ""
            response.personal_data_removed_at = timezone.now()
            response.save(update_fields=["email", "name", "file", "personal_data_removed_at"])
        return len(expired)


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


HOLDERS = [ConsultationResponses(), MeetingSignups()]
