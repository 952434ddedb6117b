import re

from django import template
from django.urls import NoReverseMatch
from django.utils.safestring import mark_safe

from core.markdown import render_html

register = template.Library()
_HEADING_TAG = re.compile(r"<(/?)h([2-5])\b")


@register.filter
def markdown_demoted(text):
    """Content Markdown with every heading one level down (## becomes <h3>).

    For text shown under a heading of its own, so the page outline stays in order.
    """
    html = render_html(text)
    # Only renames tags in HTML nh3 has already cleaned.
    return mark_safe(_HEADING_TAG.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", html))  # noqa: S308


@register.filter
def markdown_under(text, level):
    """Content Markdown shown under an <h{level}>: its ## becomes <h{level + 1}> (at most h6)."""
    shift = int(level) - 1
    html = render_html(text)
    return mark_safe(re.sub(  # noqa: S308 (only renames tags in HTML nh3 has already cleaned)
        r"<(/?)h([1-6])\b", lambda m: f"<{m[1]}h{min(6, int(m[2]) + shift)}", html))


@register.filter
def url_or_empty(obj):
    """The object's address, or "" while the page it points to does not exist.

    Guides live in the toolbox app; a policy page must still render if its guide page is
    missing (the title is then shown without a link).
    """
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:
        return ""
