"""Every text field, in both languages, filled with XSS payloads: nothing executable reaches a
page, a search result, an admin page or an export (SECURITY.md XSS-01; issue: 50+ payloads)."""

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.cache import caches
from django.db import models
from selectolax.lexbor import LexborHTMLParser

from core.apps import content_apps
from tests.sitemap import sitemap_paths

pytestmark = pytest.mark.django_db

PAYLOADS = [
    line for line in (Path(__file__).parent.parent / "data" / "xss-payloads.txt")
    .read_text().splitlines() if line.strip()
]
# Fields that are not free text an editor types (validated formats, identifiers, choices).
SKIPPED = (models.SlugField, models.EmailField, models.URLField, models.FileField)
# The search's word list and synonyms: one row per distinct word (a payload repeated would break
# the uniqueness), and the word list is rebuilt from the poisoned content itself.
SKIPPED_MODELS = {"core.searchword", "core.searchsynonym"}
# Endpoints that render content in other formats; extended as apps add exports.
EXPORTS = ["/politik/handlingsplan/csv/", "/en/policy/action-plan/csv/"]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "xlink:href"}
EMBEDDING = {"iframe", "object", "embed", "base", "frame", "frameset"}


class ExecutableFinder(HTMLParser):
    """What a browser would run: found by parsing, as a browser does, not by pattern matching
    (an escaped payload inside an attribute value is inert text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            src = attributes.get("src") or ""
            own_file = src.startswith("/") and not src.startswith("//")
            if not own_file and attributes.get("type") != "application/json":
                self.found.append(f"<script {attributes}>")
        if tag in EMBEDDING:
            self.found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.found.append("<meta http-equiv>")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            if name in URL_ATTRIBUTES and value:
                compact = re.sub(r"[\x00-\x20]", "", value).lower()
                if compact.startswith(("javascript:", "vbscript:", "data:text")):
                    self.found.append(f"<{tag} {name}={value[:30]}>")

    handle_startendtag = handle_starttag


def poison_every_text_field():
    """Give every free-text field of every object a payload, Danish and English alike."""
    payloads = itertools.cycle(PAYLOADS)
    poisoned = 0
    for model in (m for config in content_apps() for m in config.get_models()
                  if m._meta.label_lower not in SKIPPED_MODELS):
        fields = [f for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField))
                  and not isinstance(f, SKIPPED) and not f.choices and not f.primary_key
                  and not f.unique and f.name not in ("language", "brand_colour")]
        for obj in model.objects.all():
            for field in fields:
                value = next(payloads)
                setattr(obj, field.attname, value[: field.max_length] if field.max_length else value)
                poisoned += 1
            obj.save()
    return poisoned


def executable_parts(text: str) -> list[str]:
    finder = ExecutableFinder()
    finder.feed(text)
    return finder.found


def export_problems(path, response) -> list:
    """A download is inert if the browser never renders it and no cell starts a formula."""
    import csv
    import io

    if response.status_code != 200:
        return [(path, response.status_code)]
    problems = []
    if not response["Content-Type"].startswith("text/csv"):
        problems.append((path, response["Content-Type"]))
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append((path, "no nosniff"))
    text = response.content.decode("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
    for row in csv.reader(io.StringIO(text), dialect):
        problems += [(path, "formula", cell[:20]) for cell in row
                     if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]
    return problems


def test_payload_corpus_is_large_enough():
    assert len(set(PAYLOADS)) >= 50


@pytest.mark.expensive
def test_no_payload_in_any_field_becomes_executable_anywhere(client, admin_client, demo):
    paths = sitemap_paths(client)
    assert poison_every_text_field() > 500
    problems = []
    from indicators.models import Indicator

    indicator = Indicator.objects.public().first()
    for path in EXPORTS + [f"/indikatorer/{indicator.slug}/data.csv",
                           f"/en/indicators/{indicator.slug}/data.csv"]:
        problems += export_problems(path, client.get(path))
    public = paths + [f"/vaerktoejskasse/soeg/?q={p}" for p in PAYLOADS[:10]]
    for path in public:
        response = client.get(path)
        if response.status_code >= 500:
            problems.append((path, response.status_code))
        elif found := executable_parts(response.content.decode(errors="replace")):
            problems.append((path, found))
    for model, model_admin in admin.site._registry.items():
        if not getattr(model._meta.app_config, "content_app", False):
            continue
        opts = model._meta
        urls = [f"/admin/{opts.app_label}/{opts.model_name}/"]
        urls += [f"/admin/{opts.app_label}/{opts.model_name}/{pk}/change/"
                 for pk in model.objects.values_list("pk", flat=True)[:3]]
        for url in urls:
            response = admin_client.get(url)
            if response.status_code >= 500:
                problems.append((url, response.status_code))
            elif found := executable_parts(response.content.decode(errors="replace")):
                problems.append((url, found))
    assert problems == []


@pytest.mark.parametrize(("html", "expected"), [
    ('<input value="&lt;img src=x onerror=alert(1)&gt;">', []),
    ("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", []),
    ("<img src=x onerror=alert(1)>", ["<img onerror=>"]),
    ('<a href=" jav\tascript:alert(1)">x</a>', ['<a href= jav\tascript:alert(1)>']),
    ("<script>alert(1)</script>", ["<script {}>"]),
    ('<script src="/static/admin/js/core.js"></script>', []),
], ids=["escaped-attribute", "escaped-text", "handler", "obfuscated-url", "inline", "own-file"])
def test_executable_finder_tells_inert_text_from_live_markup(html, expected):
    assert executable_parts(html) == expected


# Every public output of a site built from factories, every field holding payloads -------------
#
# One object of every kind (tests/outputs.py) is built once; each batch rewrites every text
# field, Danish and English, with four payloads (a different set per field), and every public
# output is fetched and checked the way its reader parses it. The sets rotate by four per batch,
# so over the 14 batches every payload reaches every field (cut off where a field is short).

PER_FIELD = 4
BATCHES = -(-len(PAYLOADS) // PER_FIELD)
# A rule citation inside a link's text and title (issue 12.3), in every text field.
CITATIONS = ' [[[regel:regel-i-test]]](https://ok.example "[[regel:regel-i-test]]")'
# Addresses an editor can save in a URL field (the validator passes them), each built to break
# out of an attribute if it were ever put into one unescaped.
URL_CANDIDATES = [
    "https://x.example/onmouseover=alert(document.domain)//",
    "https://x.example/\"onmouseover=alert(1)//",
    "https://x.example/'onmouseover='alert(1)",
    "https://x.example/<script>alert(1)</script>",
    "https://x.example/?q=\"><svg/onload=alert(1)>",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TAGS_NEVER_ALLOWED = {"iframe", "object", "embed", "style", "base", "frame", "frameset"}


def _savable_urls():
    from django.core.exceptions import ValidationError
    from django.core.validators import URLValidator

    valid = []
    for url in URL_CANDIDATES:
        try:
            URLValidator()(url)
        except ValidationError:
            continue
        valid.append(url)
    return valid


def _text_fields(model):
    return [f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
            and not isinstance(f, SKIPPED) and not f.choices and not f.primary_key
            and not f.unique and f.name not in ("language", "brand_colour")]


def poison_in_batch(batch: int) -> int:
    """Batch `batch` of the rotation: field number j gets payloads j+4·batch to j+4·batch+3."""
    urls = _savable_urls()
    number = 0
    for model in (m for config in content_apps() for m in config.get_models()
                  if m._meta.label_lower not in SKIPPED_MODELS):
        text_fields = _text_fields(model)
        url_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.URLField)]
        for obj in model.objects.all():
            for field in text_fields:
                start = number + PER_FIELD * batch
                value = " ".join(PAYLOADS[(start + i) % len(PAYLOADS)] for i in range(PER_FIELD))
                if isinstance(field, models.TextField):
                    value += CITATIONS
                setattr(obj, field.attname, value[: field.max_length] if field.max_length
                        else value)
                number += 1
            for field in url_fields:
                setattr(obj, field.attname, urls[(number + batch) % len(urls)])
                number += 1
            obj.save()
    return number


def _tag(name) -> str:
    """An XML element's name without its namespace."""
    return name.rsplit("}", 1)[-1].lower() if isinstance(name, str) else ""


def html_problems(html: str) -> list[str]:
    """What a browser would run or load, found on the tree the HTML standard's parser builds
    (Lexbor, through selectolax: html5lib built the same tree at about twenty times the CPU)."""
    found = []
    for element in LexborHTMLParser(html).root.traverse(include_text=False):
        tag = element.tag.lower()
        # A foreign attribute keeps its prefix (xlink:href); a browser follows it as href.
        attributes = {name.rsplit(":", 1)[-1].lower(): value or ""
                      for name, value in element.attributes.items()}
        if tag == "script":
            src = attributes.get("src", "")
            own_file = src.startswith("/") and not src.startswith("//")
            if not own_file and attributes.get("type") != "application/json":
                found.append(f"<script {attributes}>")
        if tag in TAGS_NEVER_ALLOWED:
            found.append(f"<{tag}>")
        if tag == "meta" and "http-equiv" in attributes:
            found.append("<meta http-equiv>")
        for name, value in attributes.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}=>")
            if name in URL_ATTRIBUTES | {"href"} and value:
                compact = re.sub(r"[\x00-\x20]", "", value).lower()
                if compact.startswith(("javascript:", "vbscript:", "data:")):
                    found.append(f"<{tag} {name}={value[:30]}>")
    return found


def feed_problems(data: bytes) -> list[str]:
    """Each text construct holds what its type says: text is shown as typed, html is parsed."""
    from xml.etree import ElementTree

    found = []
    for element in ElementTree.fromstring(data).iter():
        kind = element.get("type")
        tag = _tag(element.tag)
        if kind == "html" or (tag == "description" and kind is None):  # RSS descriptions are HTML
            found += [f"<{tag} type=html>: {p}" for p in html_problems(element.text or "")]
        elif kind == "xhtml":
            found += [f"<{tag} type=xhtml>: {p}" for p in html_problems(
                ElementTree.tostring(element, encoding="unicode"))]
    return found


def calendar_shape(data: bytes) -> list:
    """Components and property names: a line break in a value must not add either."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(data)
    return sorted((component.name, tuple(sorted(component.keys())))
                  for component in calendar.walk())


@pytest.mark.expensive
def test_every_payload_in_every_field_is_inert_in_every_public_output(client):
    from tests.outputs import (
        build_site,
        csv_cells,
        output_paths,
        public_outputs,
        search_paths,
        xlsx_cells,
    )

    site = build_site()
    # Slugs are never poisoned, so the sitemap lists the same pages in every batch: read once.
    paths = output_paths(client, site)
    clean = public_outputs(client, paths)
    assert clean.failed == [], "every output answers before poisoning"
    assert clean.html and clean.feeds and clean.csv and clean.xlsx and clean.ical
    shapes = {path: calendar_shape(data) for path, data in clean.ical.items()}
    problems = []
    for batch in range(BATCHES):
        for cache in caches.all():
            cache.clear()
        assert poison_in_batch(batch) > 100
        searches = PAYLOADS[PER_FIELD * batch: PER_FIELD * (batch + 1)]
        outputs = public_outputs(client, list(dict.fromkeys(paths + search_paths(searches))))
        problems += [(batch, path, status) for path, status in outputs.failed]
        for path, html in outputs.html.items():
            problems += [(batch, path, p) for p in html_problems(html)]
        for path, data in outputs.feeds.items():
            problems += [(batch, path, p) for p in feed_problems(data)]
        for path, text in outputs.csv.items():
            problems += [(batch, path, "formula", c[:20]) for c in csv_cells(text)
                         if c.startswith(FORMULA_STARTS)]
        for path, data in outputs.xlsx.items():
            problems += [(batch, path, "formula", str(c.value)[:20]) for c in xlsx_cells(data)
                         if c.data_type == "f"
                         or (isinstance(c.value, str) and c.value.startswith(FORMULA_STARTS))]
        for path, data in outputs.ical.items():
            if calendar_shape(data) != shapes[path]:
                problems.append((batch, path, "calendar shape changed"))
    assert problems == []


@pytest.mark.parametrize(("html", "expected"), [
    ('<a title="x" href="https://ok.example">x</a>', []),
    ('<a title="<b>" href="https://x.example/onmouseover=alert(1)//">x</a>', []),
    ('<a title="<a href="https://x.example/onmouseover=alert(1)//">x</a>', ["<a onmouseover=>"]),
    ("<svg><a xlink:href='javascript:alert(1)'>x</a></svg>", ["<a href=javascript:alert(1)>"]),
    ("<style>*{}</style>", ["<style>"]),
    ('<script type="application/json">{}</script>', []),
], ids=["plain", "quoted", "broken-out", "svg-link", "style", "json"])
def test_html_problems_parse_as_a_browser_does(html, expected):
    assert html_problems(html) == expected


def test_feed_problems_read_each_summary_as_its_type_says():
    html = (b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><summary type="html">'
            b'&lt;img src=x onerror=alert(1)&gt;</summary></entry></feed>')
    text = html.replace(b'type="html"', b'type="text"')
    assert feed_problems(html) == ["<summary type=html>: <img onerror=>"]
    assert feed_problems(text) == []
