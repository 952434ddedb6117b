import django_filters
from django import forms
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.filters import not_understood
from policy.models import ActionPoint, Body, Policy, Theme

STATUS_ORDER = [
    ActionPoint.Status.NOT_STARTED, ActionPoint.Status.IN_PROGRESS,
    ActionPoint.Status.PAUSED, ActionPoint.Status.DONE,
]


def with_sort_keys(queryset):
    """Annotations the `sort` parameter can order by (status in its natural order)."""
    return queryset.annotate(
        status_rank=Case(
            *[When(status=status, then=Value(rank)) for rank, status in enumerate(STATUS_ORDER)],
            output_field=IntegerField(),
        )
    )


class ThemeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, theme):
        return f"{theme.policy.title}: {theme.title}"


class ThemeFilter(django_filters.ModelChoiceFilter):
    field_class = ThemeChoiceField


class SlugChoiceField(forms.ModelChoiceField):
    """Looks values up by slug, and turns away values no slug can have before the database."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or "\x00" in value or len(value) > 200:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)


class SlugFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


def public_themes(request):
    return Theme.objects.public().select_related("policy").order_by(
        "policy__status", "policy__title", "position"
    )


class ActionPointFilter(django_filters.FilterSet):
    """The action plan's filters. Invalid values are reported and ignored, never a 500."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ActionPoint.Status.choices, empty_label=_("All statuses"),
    )
    owner = SlugFilter(
        label=_("Department or committee"), field_name="owners", to_field_name="slug",
        queryset=Body.objects.all(), empty_label=_("All departments and committees"),
    )
    theme = ThemeFilter(
        label=_("Theme"), queryset=public_themes, empty_label=_("All themes"),
    )
    policy = SlugFilter(
        label=pgettext_lazy("filter", "Policy"), field_name="theme__policy", to_field_name="slug",
        queryset=Policy.objects.public(), empty_label=_("All policies"),
    )
    scope = django_filters.ChoiceFilter(
        label=_("Policies"), method="filter_scope", empty_label=_("Current policies"),
        choices=[("archived", _("Archived policies")), ("all", _("Current and archived"))],
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        empty_label=_("Order in the policy"),
        fields=(
            ("title", "title"),
            ("status_rank", "status"),
            ("start_on", "start"),
            ("due_on", "due"),
        ),
        field_labels={
            "title": _("Title (A–Z)"),
            "-title": _("Title (Z–A)"),
            "status_rank": _("Status (not started first)"),
            "-status": _("Status (done first)"),
            "start_on": _("Start (earliest first)"),
            "-start": _("Start (latest first)"),
            "due_on": _("Due (earliest first)"),
            "-due": _("Due (latest first)"),
        },
    )

    class Meta:
        model = ActionPoint
        fields = ["status", "owner", "theme", "policy"]

    def filter_scope(self, queryset, name, value):
        archived = Policy.Status.ARCHIVED
        if value == "archived":
            return queryset.filter(theme__policy__status=archived)
        return queryset

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        # By default the current policies only (in force or in consultation), so a new policy's
        # plan is not mixed with the archived one's; choosing a policy or theme shows it anyway.
        if not (data.get("scope") or data.get("policy") or data.get("theme")):
            queryset = queryset.exclude(theme__policy__status=Policy.Status.ARCHIVED)
        queryset = super().filter_queryset(queryset)
        # Ties (and the default) keep the order of the policy: theme by theme.
        ordering = list(queryset.query.order_by) if queryset.query.order_by else []
        return queryset.order_by(*ordering, "theme__policy__title", "theme__position",
                                 "position", "id")

    @property
    def invalid_labels(self) -> list[str]:
        return not_understood(self)
