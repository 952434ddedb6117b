"""Text in another language than the page's (WCAG 3.1.2, language of parts): modeltranslation
shows the Danish text where the reader's language has none, and that text is marked lang="da"."""

from django.utils.translation import get_language


def is_danish_fallback(obj, field: str, language: str | None = None) -> bool:
    """True when `obj.field` shows the Danish text in another language's page: modeltranslation
    falls back to Danish where the reader's language has no text."""
    language = (language or get_language() or "da")[:2]
    if language == "da" or obj is None or not hasattr(obj, f"{field}_da"):
        return False
    return not getattr(obj, f"{field}_{language}", None) and bool(getattr(obj, f"{field}_da"))


def crumb(obj, field: str, url=None) -> tuple:
    """A breadcrumb showing `obj.field`: (text, address, language of the text when it is the
    Danish fallback, else "") for templates/includes/breadcrumbs.html."""
    return (getattr(obj, field), url, "da" if is_danish_fallback(obj, field) else "")
