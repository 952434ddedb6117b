"""The admin speaks Danish to staff (issue 18 §6): no technical app names in the sidebar, and each
inline's "Add another …" link in correct Danish."""

import html
import json
import re

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import translation

from portal.templatetags.portal_admin import ADD_ANOTHER

pytestmark = pytest.mark.django_db


def _inlines():
    """(admin URL name prefix, inline model) for every inline of every registered admin."""
    for model, model_admin in admin.site._registry.items():
        # get_inlines, not .inlines: an admin may add one there (the policy's process steps).
        for inline in model_admin.get_inlines(None, None):
            yield f"admin:{model._meta.app_label}_{model._meta.model_name}", inline.model


def test_the_danish_admin_index_names_every_app_in_danish(admin_client):
    response = admin_client.get("/admin/")
    names = {app["app_label"]: app["name"] for app in response.context["app_list"]}
    assert names["axes"] == "Sikkerhed: loginforsøg"
    assert names["otp_totp"] == "Sikkerhed: godkendelsesapps"
    assert names["otp_static"] == "Sikkerhed: reservekoder"
    assert names["procrastinate"] == "Baggrundsjob"
    for label, name in names.items():
        # An app without a verbose_name is called by its label: "Axes", "Otp_Totp".
        assert name.casefold() != label.replace("_", " ").casefold(), label
        assert "_" not in name and not name.isupper(), name
    page = response.content.decode()
    for technical in ("Axes", "Otp_Totp", "Otp_Static", "OTP_TOTP", "Procrastinate"):
        assert f">{technical}<" not in page


def test_the_english_admin_index_names_the_security_apps_in_english(admin_client):
    names = [app["name"] for app in admin_client.get("/en/admin/").context["app_list"]]
    assert "Security: login attempts" in names and "Background jobs" in names


def test_every_inline_has_its_own_add_another_sentence_in_correct_danish():
    models = {model for _name, model in _inlines()}
    assert {model._meta.label_lower for model in models} <= set(ADD_ANOTHER)
    with translation.override("da"):
        for model in models:
            text = str(ADD_ANOTHER[model._meta.label_lower])
            # "en" or "et" after "endnu", and the noun in lower case as Danish writes it.
            assert re.fullmatch(r"Tilføj endnu e[nt] [a-zæøå][a-zæøå -]+", text), text
    with translation.override("da"):
        assert str(ADD_ANOTHER["toolbox.attachment"]) == "Tilføj endnu et bilag"
        assert str(ADD_ANOTHER["indicators.target"]) == "Tilføj endnu et mål"
        assert str(ADD_ANOTHER["policy.progressnote"]) == "Tilføj endnu en statusnote"


@pytest.mark.parametrize("prefix, language", [("", "da"), ("/en", "en")])
def test_each_admin_form_with_inlines_gives_inlines_js_that_sentence(admin_client, prefix,
                                                                     language):
    """The text inlines.js writes on its link, read from the add form's data attribute."""
    seen = {}
    for name, model in _inlines():
        with translation.override(language):
            path = reverse(f"{name}_add")
        response = admin_client.get(path)
        if response.status_code != 200:  # an app whose objects are never added by hand
            assert response.status_code == 403, path
            continue
        for data in re.findall(r'data-inline-formset="([^"]+)"', response.content.decode()):
            options = json.loads(html.unescape(data))["options"]
            seen[path, options["prefix"]] = options["addText"]
    assert seen, "no inline form was found"
    with translation.override(language):
        expected = {str(text) for text in ADD_ANOTHER.values()}
    assert set(seen.values()) <= expected, seen
    if language == "da":
        assert seen["/admin/toolbox/guide/add/", "attachment_links"] == "Tilføj endnu et bilag"
        assert "Tilføj endnu en Bilag" not in seen.values()
    else:
        assert seen["/en/admin/toolbox/guide/add/", "attachment_links"] == "Add another attachment"


def test_the_add_related_link_needs_no_gendered_article():
    # Django's own Danish catalogue says "Tilføj endnu en %(model)s": wrong for "sted", "emne".
    with translation.override("da"):
        assert translation.gettext("Add another %(model)s") % {"model": "sted"} == "Tilføj sted"
