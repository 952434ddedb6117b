"""Rules cited in guides: [[regel:<slug>]] becomes the rule's statement, value and source.

The citation is filled in after the Markdown is rendered (and cached), from the rule as it is
now, so a changed rule shows in every guide at once. It goes in as markup only between tags: in
an attribute value (a link's title) it is its plain-text form, escaped, and inside a link's text
it carries no link of its own. The whole result is then cleaned again by the Markdown helper's
one allowlist, so nothing a rule holds can add markup the body itself could not.
"""

import re

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.markdown import clean_html, render
from toolbox.models import RULE_TOKEN, Rule, cited_rule_slugs

# After Markdown the token is plain text; the brackets survive escaping unchanged.
_HTML_TOKEN = re.compile(RULE_TOKEN)


def _source_parts(rule: Rule) -> list[str]:
    """Authority, legal basis, date and the warning, as plain text (escape before output)."""
    parts = [rule.authority]
    if rule.legal_basis:
        parts.append(rule.legal_basis)
    parts.append(f"{_('verified')} {date_format(rule.verified_on, 'DATE_FORMAT')}")
    if rule.to_check:
        parts.append(f"{_('check with')} {rule.authority}")
    return parts


def citation_text(rule: Rule) -> str:
    """One rule as plain text, for places that cannot hold markup (an attribute value)."""
    return f"{rule.statement_display} ({'; '.join(_source_parts(rule))})"


def citation_html(rule: Rule, *, link: bool = True) -> str:
    """One rule as inline HTML: statement in bold, then authority (linked), basis and date."""
    authority, *rest = _source_parts(rule)
    if link and rule.url:
        parts = [format_html('<a href="{}">{}</a>', rule.url, authority)]
    else:
        parts = [escape(authority)]
    parts += [escape(part) for part in rest]
    if rule.to_check:
        parts[-1] = format_html("<strong>{}</strong>", rest[-1])
    return format_html("<strong>{}</strong> ({})", rule.statement_display,
                       mark_safe("; ".join(parts)))  # noqa: S308 - every part escaped above


# nh3's serialiser quotes every attribute value with " (escaped inside) and escapes < and > in
# text, so in its output a tag runs from < to the first > outside double quotes.
_TAG = re.compile(r'<[^>"]*(?:"[^"]*"[^>"]*)*>')
_LINK_OPEN = re.compile(r"<a[\s>]")


def fill_citations(html: str) -> SafeString:
    """Replace every [[regel:slug]] in sanitised HTML with its citation (one query if any).

    Text between tags gets the citation's markup (without its link inside a link); a token in
    an attribute value gets the escaped plain text. The result is cleaned once more.
    """
    slugs = cited_rule_slugs(html)
    if not slugs:
        return mark_safe(html)  # noqa: S308 - the caller passes sanitised HTML
    rules = {rule.slug: rule for rule in Rule.objects.filter(slug__in=slugs)}

    def in_text(text: str, *, link: bool) -> str:
        def replace(match):
            rule = rules.get(match.group(1))
            # A deleted rule leaves no token behind.
            return citation_html(rule, link=link) if rule else ""
        return _HTML_TOKEN.sub(replace, text)

    def in_tag(tag: str) -> str:
        def replace(match):
            rule = rules.get(match.group(1))
            return escape(citation_text(rule)) if rule else ""
        return _HTML_TOKEN.sub(replace, tag)

    pieces, position, open_links = [], 0, 0
    for tag in _TAG.finditer(html):
        pieces.append(in_text(html[position:tag.start()], link=open_links == 0))
        pieces.append(in_tag(tag.group()))
        if _LINK_OPEN.match(tag.group()):
            open_links += 1
        elif tag.group().startswith("</a") and open_links:
            open_links -= 1
        position = tag.end()
    pieces.append(in_text(html[position:], link=open_links == 0))
    return mark_safe(clean_html("".join(pieces)))  # noqa: S308 - cleaned by the allowlist


def render_with_citations(text: str) -> SafeString:
    """Markdown with citations filled in, e.g. for the admin's live preview."""
    return fill_citations(render(text).html)


def strip_citations(text: str) -> str:
    """Headings in a table of contents show no citation markup."""
    return _HTML_TOKEN.sub("", text).strip()
