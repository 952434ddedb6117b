"""Every text field, in both languages, filled with XSS payloads: nothing executable reaches a
page, a search result, an admin page or an export (SECURITY.md XSS-01; issue: 50+ payloads)."""

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib import admin
from django.db import models

from core.apps import content_apps
from tests.sitemap import sitemap_paths

pytestmark = pytest.mark.django_db

PAYLOADS = [
    line for line in (Path(__file__).parent.parent / "data" / "xss-payloads.txt")
    .read_text().splitlines() if line.strip()
]
# Fields that are not free text an editor types (validated formats, identifiers, choices).
SKIPPED = (models.SlugField, models.EmailField, models.URLField, models.FileField)
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
    for model in (m for config in content_apps() for m in config.get_models()):
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
