import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation
from django.views.i18n import JavaScriptCatalog

from core.models import Municipality

pytestmark = pytest.mark.django_db


def test_municipality_settings_list_opens_the_single_record(admin_client, municipality):
    response = admin_client.get("/admin/core/municipality/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/core/municipality/1/change/"


def test_staff_edit_municipality_settings_in_both_languages(admin_client, municipality):
    page = admin_client.get("/admin/core/municipality/1/change/").content.decode()
    assert 'name="opening_hours_da"' in page and 'name="opening_hours_en"' in page
    assert "jquery-ui/jquery-ui.min.js" in page  # tabs, self-hosted


def test_municipality_settings_cannot_be_deleted(admin_client, municipality):
    assert admin_client.get("/admin/core/municipality/1/delete/").status_code == 403
    assert Municipality.objects.count() == 1


def _settings_form(admin_client, **changes):
    """The municipality settings form as the admin shows it, with some fields changed."""
    form = admin_client.get("/admin/core/municipality/1/change/").context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields if name != "logo"}
    return {**data, **changes}


@pytest.mark.parametrize("colour, message", [
    ("#zzzzzz", "Skriv farven som #1a2b3c."),
    ("red", "Skriv farven som #1a2b3c."),
    ("#12345", "Skriv farven som #1a2b3c."),
    ("#1234567", "Denne værdi må højst have 7 tegn (den har 8)."),
    (" ", "Dette felt er påkrævet."),
])
def test_a_brand_colour_that_is_no_hex_colour_is_refused_with_a_message(
        admin_client, municipality, colour, message):
    response = admin_client.post("/admin/core/municipality/1/change/",
                                 _settings_form(admin_client, brand_colour=colour))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["brand_colour"]
    assert errors == [message]
    municipality.refresh_from_db()
    assert municipality.brand_colour == "#00587c"


@pytest.mark.parametrize("colour, stored", [("#036", "#003366"), ("#1A2B3C", "#1a2b3c")])
def test_a_short_or_upper_case_brand_colour_is_stored_in_the_six_digit_form(
        admin_client, municipality, colour, stored):
    response = admin_client.post("/admin/core/municipality/1/change/",
                                 _settings_form(admin_client, brand_colour=colour))
    assert response.status_code == 302, response.context["adminform"].form.errors
    municipality.refresh_from_db()
    assert municipality.brand_colour == stored


def test_a_light_short_brand_colour_is_refused_for_its_contrast(admin_client, municipality):
    response = admin_client.post("/admin/core/municipality/1/change/",
                                 _settings_form(admin_client, brand_colour="#fff"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["brand_colour"] == [
        "Hvid tekst er svær at læse på denne farve. Vælg en mørkere farve."]


# The chart colour (issue 18 §6): from the settings, at least 3:1 against the white chart.

def test_a_chart_colour_too_light_for_the_white_chart_is_refused(admin_client, municipality):
    response = admin_client.post("/admin/core/municipality/1/change/",
                                 _settings_form(admin_client, chart_colour="#ffcc00"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["chart_colour"] == [
        "Farven er for lys til at ses mod det hvide diagram (kontrast 1,5:1, mindst 3:1 er "
        "nødvendig). Vælg en mørkere farve."]
    municipality.refresh_from_db()
    assert municipality.chart_colour == "#00587c"


def test_the_chart_colour_from_the_settings_draws_the_charts_and_the_css_accent(
        admin_client, client, municipality):
    from tests.factories import IndicatorFactory, ObservationFactory

    # #767676 is the lightest grey with 4.5:1; a chart needs only 3:1: #949494 (3.03:1).
    response = admin_client.post("/admin/core/municipality/1/change/",
                                 _settings_form(admin_client, chart_colour="#949494"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    indicator = IndicatorFactory(slug="farvet")
    ObservationFactory(indicator=indicator)
    page = client.get("/indikatorer/farvet/").content.decode()
    assert 'stroke="#949494"' in page and "#00587c" not in page.split("<main", 1)[1]
    assert "--chart: #949494;" in client.get("/brand.css").content.decode()


def test_a_stored_chart_colour_that_fails_the_check_is_not_used(client, municipality):
    """A value saved around the form (a shell, an import) never reaches a chart."""
    Municipality.objects.filter(pk=1).update(chart_colour="#fafafa")
    assert Municipality.load().safe_chart_colour == "#00587c"
    assert "--chart: #00587c;" in client.get("/brand.css").content.decode()


@pytest.mark.parametrize("prefix, danish", [("", True), ("/en", False)])
def test_the_admin_javascript_catalog_is_django_s_own_built_once_per_language(
        admin_client, monkeypatch, prefix, danish):
    """Every admin page fetches the catalog; it is built once per language and process and
    then answered from memory, the same bytes Django's own view gives."""
    admin.site._javascript_catalogs.clear()
    built = []
    django_view = JavaScriptCatalog.as_view

    def counted(**kwargs):
        built.append(kwargs)
        return django_view(**kwargs)

    monkeypatch.setattr(JavaScriptCatalog, "as_view", counted)
    first = admin_client.get(f"{prefix}/admin/jsi18n/")
    again = admin_client.get(f"{prefix}/admin/jsi18n/")
    assert len(built) == 1
    assert first.status_code == again.status_code == 200
    assert first["Content-Type"] == again["Content-Type"] == 'text/javascript; charset="utf-8"'
    assert again.content == first.content
    assert ("%(sel)s af %(cnt)s valgt".encode() in first.content) is danish
    with translation.override("en" if prefix else "da"):
        fresh = django_view(packages=["django.contrib.admin"])(RequestFactory().get("/"))
    assert again.content == fresh.content
