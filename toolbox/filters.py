"""List filters. Choices are the slugs of existing topics/audiences, so an unknown or garbled
value is a form error (the list is shown unfiltered with a message), never a database error."""

import django_filters
from django import forms
from django.db.models import CharField, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from toolbox.models import Audience, Topic


def _topic_choices():
    return [(topic.slug, topic.name) for topic in Topic.objects.all()]


def _audience_choices():
    return [(audience.slug, audience.name) for audience in Audience.objects.all()]


class TopicFilterMixin(django_filters.FilterSet):
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=_topic_choices, field_name="topics__slug",
        empty_label=_("All topics"),
    )


class AudienceFilterMixin(django_filters.FilterSet):
    audience = django_filters.ChoiceFilter(
        label=_("For"), choices=_audience_choices, field_name="audiences__slug",
        empty_label=_("Everyone"),
    )


def _named(model, kind: str, language: str):
    label = (Coalesce(F("name_da"), Value(""), output_field=CharField()) if language == "da"
             else Coalesce(NullIf(F(f"name_{language}"), Value("")), F("name_da"),
                           output_field=CharField()))
    return (model.objects.order_by()
            .annotate(kind=Value(kind, output_field=CharField()), label=label)
            .values_list("kind", "position", "slug", "label"))


def topic_and_audience_choices() -> tuple[list, list]:
    """Both lists in one query: the search page asks every app's search provider too, and the
    page keeps to the budget of 8 queries (a query per list would be two)."""
    language = get_language() if get_language() in ("da", "en") else "da"
    rows = (_named(Topic, "topic", language)
            .union(_named(Audience, "audience", language), all=True)
            .order_by("kind", "position", "label"))
    topics, audiences = [], []
    for kind, _position, slug, label in rows:
        (topics if kind == "topic" else audiences).append((slug, label))
    return topics, audiences


class GuideFilter(TopicFilterMixin, AudienceFilterMixin):
    """The full guide list and the search page: by topic and by audience."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        both = None

        def choices(index):
            def read():
                nonlocal both
                both = both or topic_and_audience_choices()
                return both[index]
            return read
        self.filters["topic"].extra["choices"] = choices(0)
        self.filters["audience"].extra["choices"] = choices(1)


class TopicGuideFilter(AudienceFilterMixin):
    """A topic's page: its guides, by audience."""


class AudienceGuideFilter(TopicFilterMixin):
    """An audience's page: its guides, by topic."""


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), max_length=200, required=False,
                        strip=True)
