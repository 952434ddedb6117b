"""Rules used in texts: [[regel:<slug>]] becomes the rule's statement, value and source,
[[værdi:<slug>]] just its value ("150 personer") and [[udsagn:<slug>]] just its statement.

The tokens are filled in after the Markdown is rendered (and cached), from the rule as it is
now, so a changed rule shows in every guide at once. A citation goes in as markup only between
tags: in an attribute value (a link's title) it is its plain-text form, escaped, and inside a
link's text it carries no link of its own. Values and statements are always plain text,
escaped. The whole result is then cleaned again by the Markdown helper's one allowlist, so
nothing a rule holds can add markup the body itself could not.

Plain texts (the planner's questions, answers and checklist items) get the same tokens as plain
text through `fill_plain`; the page escapes them.
"""

import re

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext as _

from core.markdown import clean_html, render
from core.models import Municipality
from toolbox.models import ANY_RULE_TOKEN, Rule, used_rule_slugs

# After Markdown the token is plain text; the brackets survive escaping unchanged.
_HTML_TOKEN = re.compile(ANY_RULE_TOKEN)


def possessive(name: str) -> str:
    """“Ballerup Kommune” -> “Ballerup Kommunes” (Danish) or “Ballerup Kommune's” (English)."""
    if (get_language() or "da")[:2] == "da":
        return f"{name}'" if name[-1:].lower() in {"s", "x", "z"} else f"{name}s"
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def local_practice_label() -> str:
    """“Ballerup Kommunes praksis”, with the name from the municipality settings."""
    return _("%(owner)s practice") % {"owner": possessive(Municipality.load().name)}


def _source_parts(rule: Rule) -> list[str]:
    """Authority, legal basis, date and the warning, as plain text (escape before output)."""
    parts = [rule.authority]
    if rule.local_practice:
        parts.append(local_practice_label())
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


def token_text(kind: str, rule: Rule) -> str:
    """A token as plain text: the value, the statement, or the citation's plain form."""
    if kind == "værdi":
        return rule.value_display
    if kind == "udsagn":
        return rule.statement_display
    return citation_text(rule)


# nh3's serialiser quotes every attribute value with " (escaped inside) and escapes < and > in
# text, so in its output a tag runs from < to the first > outside double quotes.
_TAG = re.compile(r'<[^>"]*(?:"[^"]*"[^>"]*)*>')
_LINK_OPEN = re.compile(r"<a[\s>]")


def fill_citations(html: str, book: "RuleBook | None" = None) -> SafeString:
    """Replace every rule token in sanitised HTML with its text (one query if any; none more
    when `book`, the rules a page's plain texts use too, has them already).

    Text between tags gets a citation's markup (without its link inside a link) and a value or
    statement escaped; a token in an attribute value gets escaped plain text. The result is
    cleaned once more.
    """
    slugs = used_rule_slugs(html)
    if not slugs:
        return mark_safe(html)  # noqa: S308 - the caller passes sanitised HTML
    rules = (book.rules if book is not None
             else {rule.slug: rule for rule in Rule.objects.filter(slug__in=slugs)})

    def in_text(text: str, *, link: bool) -> str:
        def replace(match):
            kind, rule = match.group(1), rules.get(match.group(2))
            if rule is None:
                return ""  # A deleted rule leaves no token behind.
            if kind == "regel":
                return citation_html(rule, link=link)
            return escape(token_text(kind, rule))
        return _HTML_TOKEN.sub(replace, text)

    def in_tag(tag: str) -> str:
        def replace(match):
            rule = rules.get(match.group(2))
            return escape(token_text(match.group(1), rule)) if rule else ""
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


class RuleBook:
    """The rules plain texts use, loaded in one query the first time a text has a token."""

    def __init__(self):
        self._rules = None

    @property
    def rules(self) -> dict[str, Rule]:
        """Every rule by its slug."""
        if self._rules is None:
            # The table is small (tens of rows); all of it costs less than a query per text.
            self._rules = {rule.slug: rule for rule in Rule.objects.all()}
        return self._rules

    def fill(self, text: str) -> str:
        if not text or "[[" not in text:
            return text
        rules = self.rules
        return _HTML_TOKEN.sub(
            lambda match: (token_text(match.group(1), rules[match.group(2)])
                           if match.group(2) in rules else ""), text)


def fill_plain(text: str) -> str:
    """One plain text with its rule tokens filled in (a query if it has any)."""
    return RuleBook().fill(text)
