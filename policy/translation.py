from modeltranslation.translator import TranslationOptions, register

from core.history import track
from policy.models import ActionPoint, Body, Policy, ProgressNote, Theme


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
    fields = ("title", "description", "status_reason")


@register(ProgressNote)
class ProgressNoteTranslationOptions(TranslationOptions):
    fields = ("text",)


track(Body, Policy, Theme, ActionPoint, ProgressNote)
