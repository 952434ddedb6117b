from modeltranslation.translator import TranslationOptions, register

from core.history import track
from volunteering.models import Area, Field, Opportunity, Organisation


@register(Area)
class AreaTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Field)
class FieldTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Organisation)
class OrganisationTranslationOptions(TranslationOptions):
    fields = ("presentation",)


@register(Opportunity)
class OpportunityTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "description", "when_text", "time_needed", "requirements")


track(Area, Field, Organisation, Opportunity)
