from modeltranslation.translator import TranslationOptions, register

from core.history import track
from policy.models import (
    ActionPoint,
    Adoption,
    Body,
    BodyMeeting,
    BodyMember,
    ConsultationNote,
    Meeting,
    Policy,
    PolicyChange,
    PolicySection,
    PolicyValue,
    ProcessAttachment,
    ProcessStep,
    ProgressNote,
    Theme,
)


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name", "role", "contact")


@register(BodyMember)
class BodyMemberTranslationOptions(TranslationOptions):
    fields = ("role",)


@register(PolicySection)
class PolicySectionTranslationOptions(TranslationOptions):
    fields = ("title", "body")


@register(PolicyValue)
class PolicyValueTranslationOptions(TranslationOptions):
    fields = ("title", "text")


@register(Policy)
class PolicyTranslationOptions(TranslationOptions):
    fields = ("title", "introduction", "consultation_how", "theme_body_heading",
              "action_points_heading")


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(ActionPoint)
class ActionPointTranslationOptions(TranslationOptions):
    fields = ("title", "description", "status_reason")


@register(ProgressNote)
class ProgressNoteTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(ConsultationNote)
class ConsultationNoteTranslationOptions(TranslationOptions):
    fields = ("said", "changed")


@register(PolicyChange)
class PolicyChangeTranslationOptions(TranslationOptions):
    fields = ("section", "description")


@register(ProcessStep)
class ProcessStepTranslationOptions(TranslationOptions):
    fields = ("title", "description", "outcome")


@register(ProcessAttachment)
class ProcessAttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "description", "audience")


# Not the responses nor the sign-ups: their history would keep the e-mails and names the
# retention deletes.
track(Body, Policy, Theme, ActionPoint, ProgressNote, ConsultationNote, PolicyChange,
      PolicySection, PolicyValue, Adoption, BodyMember, BodyMeeting, ProcessStep,
      ProcessAttachment, Meeting)
