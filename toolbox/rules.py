"""Rules cited in guides: [[regel:<slug>]] becomes the rule's statement, value and source.

The citation is filled in after the Markdown is rendered (and cached), from the rule as it is
now, so a changed rule shows in every guide at once. Each citation is built from escaped text
with allowlisted tags only and cleaned by the same sanitiser as the rest of the body.
"""

import re

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.markdown import clean_html, render
from toolbox.models import RULE_TOKEN, Rule, cited_rule_slugs

# After Markdown the token is plain text; the brackets survive escaping unchanged.
_HTML_TOKEN = re.compile(RULE_TOKEN)


def citation_html(rule: Rule) -> str:
    """One rule as inline HTML: statement in bold, then authority (linked), basis and date."""
    if rule.url:
        source = format_html('<a href="{}">{}</a>', rule.url, rule.authority)
    else:
        source = format_html("{}", rule.authority)
    parts = [source]
    if rule.legal_basis:
        parts.append(format_html("{}", rule.legal_basis))
    parts.append(format_html("{} {}", _("verified"), date_format(rule.verified_on, "DATE_FORMAT")))
    if rule.to_check:
        parts.append(format_html("<strong>{} {}</strong>", _("check with"), rule.authority))
    html = format_html("<strong>{}</strong> ({})", rule.statement_display,
                       mark_safe("; ".join(parts)))  # noqa: S308 - every part escaped above
    return clean_html(html)


def fill_citations(html: str) -> SafeString:
    """Replace every [[regel:slug]] in rendered HTML with its citation (one query if any)."""
    slugs = cited_rule_slugs(html)
    if not slugs:
        return mark_safe(html)  # noqa: S308 - the caller passes sanitised HTML
    rules = {rule.slug: rule for rule in Rule.objects.filter(slug__in=slugs)}

    def replace(match):
        rule = rules.get(match.group(1))
        return citation_html(rule) if rule else ""  # a deleted rule leaves no token behind

    return mark_safe(_HTML_TOKEN.sub(replace, html))  # noqa: S308 - parts cleaned above


def render_with_citations(text: str) -> SafeString:
    """Markdown with citations filled in, e.g. for the admin's live preview."""
    return fill_citations(render(text).html)


def strip_citations(text: str) -> str:
    """Headings in a table of contents show no citation markup."""
    return _HTML_TOKEN.sub("", text).strip()
