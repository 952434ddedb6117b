"""The filters of the place list. Every value is a key, a slug or a whole number, so each one
sits in the address (a search can be shared and bookmarked) and an unknown or garbled value is a
form error: the list is shown unfiltered with a message, never a database error."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from places.models import Booker, Equipment, Kind, Place
from volunteering.filters import AreaFieldFilterMixin

MAX_CAPACITY = 100_000


class CapacityFilter(django_filters.Filter):
    field_class = forms.IntegerField


class PlaceFilter(django_filters.FilterSet):
    type = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices, field_name="kind",
                                       empty_label=_("All kinds"))
    bydel = AreaFieldFilterMixin.base_filters["bydel"]
    kapacitet = CapacityFilter(
        label=_("Room for at least (people)"), field_name="capacity", lookup_expr="gte",
        min_value=1, max_value=MAX_CAPACITY)
    trinfri = django_filters.BooleanFilter(
        label=_("Step-free access"), method="filter_step_free", widget=forms.CheckboxInput)
    udstyr = django_filters.ChoiceFilter(
        label=_("Equipment"), choices=Equipment.choices, method="filter_equipment",
        empty_label=pgettext_lazy("equipment", "Any"))
    hvem = django_filters.ChoiceFilter(
        label=_("Who may book"), choices=Booker.choices, method="filter_booker",
        empty_label=_("Anyone"))

    class Meta:
        model = Place
        fields = []

    def filter_step_free(self, queryset, name, value):
        # An unticked box means "no matter", not "only places with steps".
        return queryset.filter(step_free=True) if value else queryset

    def filter_equipment(self, queryset, name, value):
        return queryset.filter(equipment__contains=[value])

    def filter_booker(self, queryset, name, value):
        return queryset.filter(bookers__contains=[value])
