import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from PIL import Image

from core.search import providers
from places.search import PlaceSearchProvider

pytestmark = pytest.mark.django_db


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_list_shows_published_places_only(client, places):
    html = _html(client, "/steder/")
    assert "Store Hal" in html and "Lille Lokale" in html and "Byparken" in html
    assert "Hemmeligt Sted" not in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(("query", "expected"), [
    ("type=hal", {"Store Hal"}),
    ("bydel=nord", {"Store Hal", "Byparken"}),
    ("kapacitet=40", {"Store Hal", "Byparken"}),
    ("kapacitet=500", {"Byparken"}),
    ("kapacitet=12", {"Store Hal", "Lille Lokale", "Byparken"}),
    ("trinfri=on", {"Store Hal", "Byparken"}),
    ("udstyr=projektor", {"Lille Lokale"}),
    ("hvem=borgere", {"Lille Lokale", "Byparken"}),
    ("hvem=borgere&trinfri=on&bydel=nord", {"Byparken"}),
    ("type=hal&udstyr=projektor", set()),
], ids=["kind", "area", "capacity", "capacity-standing", "capacity-equal", "step-free",
        "equipment", "who", "three-filters", "nothing"])
def test_list_filters_by_address(client, places, query, expected):
    response = client.get(f"/steder/?{query}")
    assert {place.name_da for place in response.context["places"]} == expected


def test_filter_form_is_a_get_form_whose_values_come_back(client, places):
    html = _html(client, "/steder/?kapacitet=40&trinfri=on&udstyr=projektor")
    assert '<form method="get"' in html
    assert 'name="kapacitet" value="40"' in html
    assert 'name="trinfri"' in html and "checked" in html


@pytest.mark.parametrize("query", ["kapacitet=abc", "kapacitet=-5", "kapacitet=1e999",
                                   "kapacitet=99999999999999999999", "type=slot",
                                   "udstyr=%00", "bydel=" + "x" * 3000])
def test_bad_filter_values_show_everything_with_a_message(client, places, query):
    response = client.get(f"/steder/?{query}")
    assert response.status_code == 200
    assert len(response.context["places"]) == 3
    assert "Vi genkendte ikke det filter" in response.content.decode()


@pytest.mark.parametrize("query", ["hvem[]=x", "page=-1", "page=abc", "trinfri=%00"])
def test_unknown_parameters_are_ignored(client, places, query):
    response = client.get(f"/steder/?{query}")
    assert response.status_code == 200


def test_detail_cites_the_free_premises_rule_and_the_deadlines(client, places):
    html = _html(client, "/steder/hallen/")
    assert html.count("<h1") == 1
    assert "Gratis lokaler til folkeoplysende virksomhed" in html
    assert "Folkeoplysningsloven §§ 21–22" in html
    assert "Frist for haller: 1. december" in html and "Lokal praksis i Ballerup Kommune" in html
    assert 'href="https://booking.testrup.example/sted"' in html
    assert "Niveaufri adgang" in html and "Lydanlæg" in html
    assert 'href="/bliv-frivillig/foreninger/kultur/"' in html  # the owner unit's page


def test_detail_shows_only_published_guides(client, places):
    html = _html(client, "/steder/hallen/")
    assert "Brandsikkerhed" in html and "Hemmelig vejledning" not in html


def test_detail_without_the_free_flag_cites_no_free_rule(client, places):
    html = _html(client, "/steder/lokalet/")
    assert "Gratis lokaler til folkeoplysende" not in html
    assert "Biblioteket" in html


def test_address_is_an_ordinary_link_to_a_map_and_nothing_is_loaded_from_outside(client, places):
    html = _html(client, "/steder/hallen/")
    assert 'href="https://www.openstreetmap.org/search?query=Lokalevej%201%2C%209999%20Testrup"' \
        in html
    assert "<iframe" not in html and "<script src=\"http" not in html
    assert 'src="http' not in html


def test_english_page_without_translation_says_so(client, places):
    html = _html(client, "/en/places/lokalet/")
    assert "Lille Lokale" in html
    assert 'lang="da"' in html or "not been translated" in html or "only in Danish" in html


def test_english_list_is_at_en_places(client, places):
    html = _html(client, "/en/places/?type=hal")
    assert "The Big Hall" in html and "Byparken" not in html


def test_draft_is_404_for_the_public_and_a_private_preview_for_staff(client, places,
                                                                    django_user_model):
    _html(client, "/steder/kladde/", status=404)
    user = django_user_model.objects.create_user("redaktoer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_place"))
    client.force_login(user)
    response = client.get("/steder/kladde/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_photo_is_served_with_its_size_and_alt_text(client, places, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "navy").save(buffer, format="JPEG")
    hall = places["hall"]
    hall.photo.save("min hal.jpg", ContentFile(buffer.getvalue()), save=False)
    hall.photo_alt_da = "Hallen set fra tribunen"
    hall.save()
    assert hall.photo.name.startswith("places/photos/") and "min" not in hall.photo.name
    html = _html(client, "/steder/hallen/")
    assert ('<img class="place__photo" src="/steder/hallen/foto" alt="Hallen set fra tribunen" '
            'width="120" height="80">') in html
    response = client.get("/steder/hallen/foto")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    hall.status = "draft"
    hall.save()
    assert client.get("/steder/hallen/foto").status_code == 404


def test_sitemap_lists_published_places_in_both_languages(client, places):
    xml = _html(client, "/sitemap.xml")
    assert "/steder/hallen/" in xml and "/en/places/hallen/" in xml and "/steder/</loc>" in xml
    assert "/steder/kladde/" not in xml


def test_site_search_finds_published_places(client, places):
    assert any(isinstance(p, PlaceSearchProvider) for p in providers())
    hits = PlaceSearchProvider().search("hal", "da", limit=10)
    assert [hit.title for hit in hits] == ["Store Hal"]
    assert PlaceSearchProvider().search("Hemmeligt", "da", limit=10) == []
    html = _html(client, "/vaerktoejskasse/soeg/?q=Byparken")
    assert "/steder/parken/" in html
