from modeltranslation.translator import TranslationOptions, register

from core.history import track
from indicators.models import (
    Annotation, BenchmarkPoint, BenchmarkSeries, Breakdown, Indicator, Observation, Target,
)


@register(Breakdown)
class BreakdownTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "description", "definition", "source")


@register(Observation)
class ObservationTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(BenchmarkSeries)
class BenchmarkSeriesTranslationOptions(TranslationOptions):
    fields = ("name", "source")


@register(Annotation)
class AnnotationTranslationOptions(TranslationOptions):
    fields = ("text",)


track(Breakdown, Observation, Target, BenchmarkSeries, BenchmarkPoint, Annotation)
track(Indicator, m2m_fields=["themes"])
