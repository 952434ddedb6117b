import datetime
import re

from django import template
from django.core.exceptions import DisallowedHost
from django.urls import translate_url
from django.utils.safestring import mark_safe

from core.languages import is_danish_fallback
from core.markdown import render_html

register = template.Library()
# A link to a path on this site in cleaned Markdown (nh3 always writes href="...").
SITE_LINK = re.compile(r'(<a\s[^>]*?href=")(/(?!/)[^"]*")')


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


@register.filter
def fallback_lang(obj, field):
    """` lang="da"` for the element that shows `obj.field`, when that text is the Danish
    fallback inside an English page (WCAG 3.1.2, language of parts), else nothing:
    `<h1{{ guide|fallback_lang:"title" }}>{{ guide.title }}</h1>`."""
    return mark_safe(' lang="da"') if is_danish_fallback(obj, field) else ""


# Print views (docs/open-data.md, "Print and phone"): paper shows every link as its full
# address, so a printed page names the address a reader can type in.

@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """A path on this site as a full address ("https://…/indikatorer/…")."""
    return context["request"].build_absolute_uri(str(path))


@register.simple_tag(takes_context=True)
def canonical_url(context, path=None):
    """The page's one address, in full: `path` (a view's `canonical_path`) or the request's
    path without its parameters."""
    request = context["request"]
    path = str(path or request.path)
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:  # the 400 page for a foreign Host header renders base.html too
        return path


@register.filter
def absolute_links(html, request):
    """Links to paths on this site in rendered Markdown, made full addresses."""
    site = request.build_absolute_uri("/")[:-1]
    return mark_safe(SITE_LINK.sub(lambda m: m.group(1) + site + m.group(2), str(html)))  # noqa: S308 - input is cleaned HTML; only a prefix of our own address is added


@register.inclusion_tag("includes/print_header.html", takes_context=True)
def print_header(context, back_url, back_text):
    """The top of a print view: the portal and its address, the page's full address and the
    date it was printed, and (on screen only) the way back and how to print."""
    request = context["request"]
    return {
        "municipality": context.get("municipality"),
        "site_url": request.build_absolute_uri("/"),
        "page_url": request.build_absolute_uri(),
        "today": datetime.date.today(),
        "back_url": back_url, "back_text": back_text,
    }
