"""List filters for opportunities and the organisation directory.

Every choice is a slug or a fixed key, so each filter value sits in the address (a search can be
shared) and an unknown or garbled value is a form error: the list is shown unfiltered with a
message, never a database error.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from toolbox.filters import ChoicesOnceFilterSet
from volunteering.models import Area, Field, Opportunity, Organisation, Suits


def _field_choices():
    return [(field.slug, field.name) for field in Field.objects.all()]


def _area_choices():
    return [(area.slug, area.name) for area in Area.objects.all()]


class AreaFieldFilterMixin(ChoicesOnceFilterSet):
    omraade = django_filters.ChoiceFilter(
        label=_("Field"), choices=_field_choices, field_name="fields__slug",
        empty_label=_("All fields"),
    )
    bydel = django_filters.ChoiceFilter(
        label=pgettext_lazy("part of the municipality", "Area"), choices=_area_choices, field_name="area__slug",
        empty_label=_("The whole municipality"),
    )


class OpportunityFilter(AreaFieldFilterMixin):
    naar = django_filters.ChoiceFilter(
        label=pgettext_lazy("filter", "When"), choices=Opportunity.When.choices,
        field_name="when", empty_label=_("Any time"),
    )
    passer = django_filters.ChoiceFilter(
        label=_("Suits"), choices=Suits.choices, method="filter_suits",
        empty_label=_("Everyone"),
    )

    class Meta:
        model = Opportunity
        fields = []

    def filter_suits(self, queryset, name, value):
        return queryset.filter(suits__contains=[value])


class OrganisationFilter(AreaFieldFilterMixin):
    type = django_filters.ChoiceFilter(
        label=_("Kind"), choices=Organisation.Kind.choices, field_name="kind",
        empty_label=_("All kinds"),
    )

    class Meta:
        model = Organisation
        fields = []
