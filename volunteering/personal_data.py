"""What the volunteering forms keep about people, for the intake's personal-data register.

Registered in VolunteeringConfig.ready(): the admin page "Personal data" finds, exports and
deletes by e-mail address through these (GDPR art. 15 and 17), the daily purge job deletes what
is past its period, and the privacy page lists the purpose and period of each.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from volunteering.models import InterestMessage, Opportunity, Organisation, Status, Submission


class InterestMessages:
    label = _("“I would like to help” messages")
    purpose = _(
        "When you tell an organisation that you would like to help with a volunteering "
        "opportunity, we send your name, contact details and message to the opportunity's "
        "contact person and keep a copy, so we can help if the e-mail goes astray. The copy is "
        "deleted automatically after the period stated here."
    )

    @staticmethod
    def retention_days() -> int:
        return settings.INTEREST_RETENTION_DAYS

    def find(self, email: str) -> list[dict]:
        return [
            {"opportunity": str(m.opportunity), "name": m.name, "email": m.email,
             "phone": m.phone, "message": m.message, "language": m.language,
             "sent": m.created_at.isoformat()}
            for m in InterestMessage.objects.for_email(email).select_related("opportunity")
        ]

    def delete(self, email: str) -> int:
        return InterestMessage.objects.for_email(email).delete()[0]

    def purge_expired(self, now: datetime.datetime) -> int:
        cutoff = now - datetime.timedelta(days=self.retention_days())
        return InterestMessage.objects.filter(created_at__lt=cutoff).delete()[0]


class Submissions:
    label = _("Submitted opportunities and organisation updates")
    purpose = _(
        "When an association sends in a volunteering opportunity or changes to its entry, we "
        "keep the sender's name, e-mail and phone number to send a receipt and to tell them "
        "when it is published or declined. The submission is deleted after the period stated "
        "here, counted from the decision; what was published stays on the site as the "
        "organisation's public entry."
    )

    @staticmethod
    def retention_days() -> int:
        return settings.SUBMISSION_RETENTION_DAYS

    def find(self, email: str) -> list[dict]:
        return [
            {"kind": s.get_kind_display(), "about": str(s.subject),
             "status": s.get_status_display(),
             "name": s.submitter_name, "email": s.submitter_email, "phone": s.submitter_phone,
             "changes": s.changes, "submitted": s.submitted_at.isoformat(),
             "decided": s.decided_at.isoformat() if s.decided_at else None,
             "decline_reason": s.decline_reason}
            for s in Submission.objects.for_email(email).select_related("organisation",
                                                                        "opportunity")
        ]

    def delete(self, email: str) -> int:
        return _delete(Submission.objects.for_email(email))

    def purge_expired(self, now: datetime.datetime) -> int:
        cutoff = now - datetime.timedelta(days=self.retention_days())
        return _delete(Submission.objects.filter(decided_at__lt=cutoff))


@transaction.atomic
def _delete(submissions) -> int:
    """The submissions, with what they brought that never became public: an opportunity or
    organisation still awaiting approval or declined (it holds the sender's texts and contact
    person, and nothing else refers to it). Published entries stay."""
    submissions = list(submissions.select_for_update())
    hidden = Q(status__in=[Status.AWAITING, Status.DECLINED])
    opportunity_ids = [s.opportunity_id for s in submissions if s.opportunity_id]
    organisation_ids = [s.organisation_id for s in submissions if s.creates_organisation]
    count = Submission.objects.filter(pk__in=[s.pk for s in submissions]).delete()[0]
    count += Opportunity.objects.filter(hidden, pk__in=opportunity_ids).delete()[0]
    count += (Organisation.objects.filter(hidden, pk__in=organisation_ids)
              .filter(opportunities__isnull=True).delete()[0])
    # Deleting writes a last history row with every field; the audit trail of something that
    # was never public must not keep what the sender asked us to delete.
    Opportunity.history.filter(id__in=opportunity_ids).exclude(
        id__in=Opportunity.objects.values("pk")).delete()
    Organisation.history.filter(id__in=organisation_ids).exclude(
        id__in=Organisation.objects.values("pk")).delete()
    return count


HOLDERS = [InterestMessages(), Submissions()]
