from modeltranslation.translator import TranslationOptions, register

from portal.history import track
from portal.models import Municipality


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("opening_hours", "privacy_notice")


track(Municipality)
