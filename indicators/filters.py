import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from indicators.models import Breakdown, Indicator
from indicators.periods import MAX_YEAR, MIN_YEAR
from policy.models import Theme


def _themes(request):
    visible = Indicator.objects.visible_to(request.user) if request else Indicator.objects.public()
    return Theme.objects.public().filter(indicators__in=visible).distinct().in_policy_order()


class YearFilter(django_filters.Filter):
    """A year; it limits which figures are shown, not which indicators."""

    field_class = forms.IntegerField


class DashboardFilter(django_filters.FilterSet):
    theme = django_filters.ModelChoiceFilter(
        field_name="themes", queryset=_themes, label=_("Theme"), empty_label=_("All themes"),
    )
    breakdown = django_filters.ModelChoiceFilter(
        queryset=Breakdown.objects.all(), method="filter_breakdown", label=_("Breakdown"),
        empty_label=_("Total (no breakdown)"),
    )
    period_from = YearFilter(method="keep_all", label=_("From year"), min_value=MIN_YEAR,
                             max_value=MAX_YEAR)
    period_to = YearFilter(method="keep_all", label=_("To year"), min_value=MIN_YEAR,
                           max_value=MAX_YEAR)

    class Meta:
        model = Indicator
        fields = []

    def filter_breakdown(self, queryset, name, value):
        return queryset.filter(observations__breakdown=value).distinct()

    def keep_all(self, queryset, name, value):
        return queryset
