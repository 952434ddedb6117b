from modeltranslation.translator import TranslationOptions, register

from policy.models import ActionPoint, Body, Policy, Theme


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Policy)
class PolicyTranslationOptions(TranslationOptions):
    fields = ("title", "introduction", "consultation_how")


@register(Theme)
class ThemeTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")


@register(ActionPoint)
class ActionPointTranslationOptions(TranslationOptions):
    fields = ("title", "description")
