from modeltranslation.translator import TranslationOptions, register

from core.history import track
from places.models import Place


@register(Place)
class PlaceTranslationOptions(TranslationOptions):
    fields = ("name", "summary", "description", "opening_hours", "price", "photo_alt")


track(Place)
