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


class ChoicesOnceFilterSet(django_filters.FilterSet):
    """Reads each filter's choices from the database once per request: a callable is read again
    every time the form field is iterated (once to validate the value, once to draw the list),
    which cost the search page a query it could not spare."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for filter_ in self.filters.values():
            choices = filter_.extra.get("choices")
            if callable(choices):
                filter_.extra["choices"] = list(choices())


class TopicFilterMixin(ChoicesOnceFilterSet):
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=_topic_choices, field_name="topics__slug",
        empty_label=_("All topics"),
    )


class AudienceFilterMixin(ChoicesOnceFilterSet):
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
        # Not ChoicesOnceFilterSet's reading (a query per list): both lists in one query.
        django_filters.FilterSet.__init__(self, *args, **kwargs)
        topics, audiences = topic_and_audience_choices()
        self.filters["topic"].extra["choices"] = topics
        self.filters["audience"].extra["choices"] = audiences


class TopicGuideFilter(AudienceFilterMixin):
    """A topic's page: its guides, by audience."""


class AudienceGuideFilter(TopicFilterMixin):
    """An audience's page: its guides, by topic."""


class SearchForm(forms.Form):
    q = forms.CharField(label=_("What are you looking for?"), max_length=200, required=False,
                        strip=True)
