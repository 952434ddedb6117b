from modeltranslation.translator import TranslationOptions, register

from core.history import track
from policy.models import (
    ActionPoint, Body, Meeting, Policy, ProcessAttachment, ProcessStep, ProgressNote, Theme,
)


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Policy)
class PolicyTranslationOptions(TranslationOptions):
    fields = ("title", "introduction", "consultation_how", "theme_body_heading",
              "action_points_heading")


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(ActionPoint)
class ActionPointTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(ProgressNote)
class ProgressNoteTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(ProcessStep)
class ProcessStepTranslationOptions(TranslationOptions):
    fields = ("title", "description", "outcome")


@register(ProcessAttachment)
class ProcessAttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "description", "audience")


# Not the sign-ups: the audit trail would keep personal data past its retention.
track(Body, Policy, Theme, ActionPoint, ProgressNote, ProcessStep, ProcessAttachment, Meeting)
