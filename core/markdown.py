"""The one way content Markdown becomes HTML on this site.

Python-Markdown passes raw HTML, `javascript:` links and event attributes straight through, so
its output is always cleaned with nh3 against an allowlist before it reaches a page.
"""

import functools
import threading
from dataclasses import dataclass

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify as django_slugify

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "ul", "ol", "li",
    "blockquote", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td", "abbr",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"scope"},
    **{f"h{level}": {"id"} for level in range(2, 7)},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
EXTENSIONS = ["tables", "sane_lists", "toc"]
_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def slugify(value: str, separator: str = "-") -> str:
    """A readable ASCII slug that keeps Danish letters' meaning ("Ærø" -> "aeroe")."""
    return django_slugify(value.translate(_DANISH_LETTERS)).replace("-", separator)


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str


@dataclass(frozen=True)
class Rendered:
    html: SafeString
    headings: tuple[Heading, ...]


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    )


_local = threading.local()


def _converter() -> md.Markdown:
    """One converter per thread, reset before each use: building one (extensions, patterns)
    cost more than converting a short text."""
    if not hasattr(_local, "converter"):
        _local.converter = md.Markdown(
            extensions=EXTENSIONS,
            extension_configs={"toc": {"toc_depth": "2-3", "permalink": False,
                                       "slugify": slugify}},
            output_format="html",
        )
    return _local.converter


def render(text: str) -> Rendered:
    """Markdown to safe HTML, with the headings for a table of contents.

    Headings get ids (anchors) from their text; the page title is the page's only <h1>, so
    level-1 headings in content are not allowed through.
    """
    return _render_cached(text or "")


# The same texts (a policy's description, a theme's, a guide's body) are rendered on every page
# that shows them, and converting and cleaning them was a large part of rendering those pages
# without the page cache. The result depends on the text alone, so it is kept per process by
# the text itself: an edited text is a new key, and nothing needs to be invalidated. Bounded,
# so an old text drops out; the headings are a tuple, so no caller can change a shared result.
@functools.lru_cache(maxsize=2048)
def _render_cached(text: str) -> Rendered:
    converter = _converter()
    html = clean_html(converter.reset().convert(text))
    headings = tuple(Heading(level=t["level"], id=t["id"],
                             title=nh3.clean(t["name"], tags=set()))
                     for t in _flatten(converter.toc_tokens))
    return Rendered(html=mark_safe(html), headings=headings)  # noqa: S308 - cleaned by nh3 above


def render_html(text: str) -> SafeString:
    return render(text).html


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token.get("children", []))
