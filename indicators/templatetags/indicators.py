from django import template
from django.urls import NoReverseMatch

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
    from indicators.figures import value_text

    return value_text(value, indicator)
