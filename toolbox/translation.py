from modeltranslation.translator import TranslationOptions, register

from toolbox.models import Audience, Contact, Guide, Topic


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Audience)
class AudienceTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Contact)
class ContactTranslationOptions(TranslationOptions):
    fields = ("name", "opening_hours")


@register(Guide)
class GuideTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "legal_basis")
