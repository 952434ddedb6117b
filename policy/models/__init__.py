"""Policy models by subject: the policy itself (and the bodies behind it) in `policies`, what it
promises (themes, action points, progress notes) in `plans`, the parts around the themes and
the adoption record in `shapes`, the bodies' members and meetings in `bodies`, the høring
(responses, høringsnotat) in `consultation`, the process (steps, meetings, sign-ups) in
`process`. Other apps import from here."""

from policy.models.bodies import BodyMeeting, BodyMember
from policy.models.consultation import ConsultationNote, ConsultationResponse, PolicyChange
from policy.models.plans import ActionPoint, ProgressNote, Theme
from policy.models.policies import (
    DOCUMENT_MAX_BYTES,
    PUBLIC_STATUSES,
    Body,
    Policy,
    document_path,
    validate_pdf,
)
from policy.models.process import (
    MAX_PARTY,
    Meeting,
    MeetingSignup,
    ProcessAttachment,
    ProcessStep,
)
from policy.models.shapes import Adoption, PolicySection, PolicyValue

__all__ = [
    "DOCUMENT_MAX_BYTES", "MAX_PARTY", "PUBLIC_STATUSES", "ActionPoint", "Adoption", "Body",
    "BodyMeeting", "BodyMember", "ConsultationNote", "ConsultationResponse", "Meeting",
    "MeetingSignup", "Policy", "PolicyChange", "PolicySection", "PolicyValue", "ProcessAttachment",
    "ProcessStep", "ProgressNote", "Theme", "document_path", "validate_pdf",
]
