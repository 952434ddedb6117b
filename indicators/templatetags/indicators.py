from django import template
from django.db.models import Q
from django.urls import NoReverseMatch

from indicators import measuring
from indicators.figures import value_text
from indicators.models import Indicator

register = template.Library()


@register.filter
def url_or_empty(obj):
    """The object's page, or "" while the app that shows it has no such page."""
    try:
        return obj.get_absolute_url()
    except (NoReverseMatch, AttributeError):
        return ""


@register.filter
def value_for(value, indicator):
    """A value with the indicator's unit and decimals, in the reader's language."""
    return value_text(value, indicator)


@register.simple_tag(takes_context=True)
def indicators_measuring(context, theme):
    """The indicators the reader may see that measure this theme or one of its action points,
    each as a `measuring.Figure` (latest value, change since the baseline, judgement)."""
    user = context["request"].user
    indicators = measuring.with_figures(
        Indicator.objects.visible_to(user)
        .filter(Q(themes=theme) | Q(action_points__theme=theme))
        .distinct().order_by("position", "name")
    )
    return measuring.figures_for(indicators)


@register.filter
def measured(action_points):
    """The action points that figures measure (policy.measures.attach has run on them)."""
    return [point for point in action_points if getattr(point, "measured_by", None)]
