"""Policy models by subject: the policy itself (and the bodies behind it) in `policies`, what it
promises (themes, action points, progress notes) in `plans`. Other apps import from here."""

from policy.models.plans import ActionPoint, ProgressNote, Theme
from policy.models.process import (
    MAX_PARTY,
    Meeting,
    MeetingSignup,
    ProcessAttachment,
    ProcessStep,
)
from policy.models.policies import (
    DOCUMENT_MAX_BYTES,
    PUBLIC_STATUSES,
    Body,
    Policy,
    document_path,
    validate_pdf,
)

__all__ = [
    "DOCUMENT_MAX_BYTES", "PUBLIC_STATUSES", "ActionPoint", "Body", "Policy", "ProgressNote",
    "Theme", "document_path", "validate_pdf",
    "MAX_PARTY", "Meeting", "MeetingSignup", "ProcessAttachment", "ProcessStep",
]
