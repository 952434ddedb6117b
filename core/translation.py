from modeltranslation.translator import TranslationOptions, register

from core.history import track
from core.models import Municipality


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("opening_hours", "privacy_notice")


# The table keeps the name it had when the model belonged to portal (see core/migrations).
track(Municipality, table_name="portal_historicalmunicipality")
