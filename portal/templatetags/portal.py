from django import template
from django.urls import translate_url

from core.markdown import render_html

register = template.Library()


@register.filter
def markdown(text):
    """Content Markdown as cleaned, safe HTML."""
    return render_html(text)


@register.simple_tag(takes_context=True)
def translated_url(context, language):
    """The current page in another language, falling back to that language's home page."""
    request = context["request"]
    return translate_url(request.get_full_path(), language)


@register.inclusion_tag("includes/untranslated_note.html", takes_context=True)
def untranslated_note(context, obj, field):
    """Say so when an English page shows Danish text because no translation exists."""
    language = context.get("LANGUAGE_CODE") or context["request"].LANGUAGE_CODE
    missing = language != "da" and not getattr(obj, f"{field}_{language}", None)
    return {"show": missing}
