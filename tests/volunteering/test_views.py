import pytest
from django.contrib.auth.models import Permission

from tests.factories import OpportunityFactory, OrganisationFactory
from volunteering.models import Opportunity

pytestmark = pytest.mark.django_db


def _html(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def test_list_shows_published_opportunities_only(client, volunteering):
    html = _html(client, "/bliv-frivillig/")
    assert "Saml skrald i mosen" in html and "Læs højt for beboerne" in html
    assert "Hemmelig kladdeopgave" not in html and "Udløbet opgave" not in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize(("query", "expected"), [
    ("omraade=natur", {"Saml skrald i mosen"}),
    ("bydel=syd", {"Læs højt for beboerne"}),
    ("naar=flexible", {"Saml skrald i mosen"}),
    ("passer=engelsk", {"Læs højt for beboerne"}),
    ("passer=familier&bydel=nord", {"Saml skrald i mosen"}),
    ("passer=engelsk&bydel=nord", set()),
], ids=["field", "area", "when", "suits", "two-filters", "nothing"])
def test_list_filters_by_address(client, volunteering, query, expected):
    response = client.get(f"/bliv-frivillig/?{query}")
    assert {o.title_da for o in response.context["opportunities"]} == expected


@pytest.mark.parametrize("query", ["omraade=findes-ikke", "passer[]=x", "naar=%00",
                                   "page=-1", "page=abc", "bydel=" + "x" * 3000])
def test_list_bad_parameters_show_everything_with_a_message_or_ignore_them(client, volunteering,
                                                                           query):
    response = client.get(f"/bliv-frivillig/?{query}")
    assert response.status_code == 200


def test_unknown_filter_value_says_so(client, volunteering):
    html = _html(client, "/bliv-frivillig/?omraade=findes-ikke")
    assert "Saml skrald i mosen" in html and 'role="status"' in html


def test_detail_of_municipal_unit_says_volunteering_is_deducted(client, volunteering):
    html = _html(client, "/bliv-frivillig/hoejtlaesning/")
    assert "Frivilligt arbejde for en offentlig institution trækkes i dagpengene" in html
    assert "Ulønnet arbejde for en forening" not in html
    assert "kontakt.person@testrup.example" not in html  # the contact's e-mail stays private
    assert html.count("<h1") == 1


def test_detail_of_association_cites_the_monthly_limits(client, volunteering):
    html = _html(client, "/bliv-frivillig/skraldeindsamling/")
    assert "Ulønnet arbejde for en forening: højst 44" in html
    assert "Efterløn: højst 44" in html
    assert "offentlig institution trækkes" not in html


def test_detail_with_children_shows_the_child_certificate_rule(client, volunteering):
    OpportunityFactory(slug="lektiecafe", organisation=volunteering["club"],
                       involves_children=True)
    html = _html(client, "/bliv-frivillig/lektiecafe/")
    assert "Børneattest for kontakt med børn under 44" in html


def test_unpublished_detail_is_404_for_the_public(client, volunteering):
    _html(client, "/bliv-frivillig/kladde/", status=404)
    _html(client, "/bliv-frivillig/udloebet/", status=404)


def test_staff_preview_unpublished_without_caching(client, volunteering, django_user_model):
    user = django_user_model.objects.create_user("formidler", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_opportunity"))
    client.force_login(user)
    response = client.get("/bliv-frivillig/kladde/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "Only staff can see it" in response.content.decode() or "Kun" in \
        response.content.decode()


def test_english_detail_shows_the_fallback_note(client, volunteering):
    html = _html(client, "/en/volunteer/hoejtlaesning/")
    assert "This content is only available in Danish." in html


def test_directory_filters_by_kind_and_counts_public_opportunities(client, volunteering):
    OrganisationFactory(name="Venter på godkendelse", status="awaiting")
    response = client.get("/bliv-frivillig/foreninger/?type=municipal")
    organisations = list(response.context["organisations"])
    assert [o.name for o in organisations] == ["Plejecentret"]
    assert organisations[0].opportunity_count == 1
    html = _html(client, "/bliv-frivillig/foreninger/")
    assert "Naturklubben" in html and "Venter på godkendelse" not in html


def test_organisation_page_lists_its_published_opportunities(client, volunteering):
    html = _html(client, "/bliv-frivillig/foreninger/naturklubben/")
    assert "Saml skrald i mosen" in html and "Hemmelig kladdeopgave" not in html
    _html(client, "/bliv-frivillig/foreninger/findes-ikke/", status=404)


def test_feed_lists_published_opportunities_with_text_summaries(client, volunteering):
    OpportunityFactory(organisation=volunteering["club"], summary_da="<b>fed</b> & mere")
    xml = _html(client, "/bliv-frivillig/feed/")
    assert "Saml skrald i mosen" in xml and "Hemmelig kladdeopgave" not in xml
    assert '<summary type="text">&lt;b&gt;fed&lt;/b&gt; &amp; mere' in xml
    assert "Udløbet opgave" not in xml


def test_sitemap_lists_published_pages_only(client, volunteering):
    xml = _html(client, "/sitemap.xml")
    assert "/bliv-frivillig/skraldeindsamling/" in xml
    assert "/en/volunteer/skraldeindsamling/" in xml
    assert "/bliv-frivillig/foreninger/naturklubben/" in xml
    assert "/bliv-frivillig/kladde/" not in xml and "/bliv-frivillig/udloebet/" not in xml


def test_site_search_finds_published_opportunities_only(client, volunteering):
    html = _html(client, "/vaerktoejskasse/soeg/?q=mosen")
    assert "Saml skrald i mosen" in html
    assert "Hemmelig" not in _html(client, "/vaerktoejskasse/soeg/?q=kladdeopgave")


@pytest.mark.parametrize("url", ["/bliv-frivillig/", "/bliv-frivillig/skraldeindsamling/",
                                 "/bliv-frivillig/foreninger/",
                                 "/bliv-frivillig/foreninger/naturklubben/",
                                 "/bliv-frivillig/feed/"])
def test_queries_stay_the_same_with_many_items(client, volunteering, url,
                                               django_assert_max_num_queries):
    with django_assert_max_num_queries(8) as few:
        client.get(url)
    for number in range(25):
        OpportunityFactory(organisation=volunteering["club"], suits=["unge"])
        OrganisationFactory()
    from django.core.cache import caches
    for cache in caches.all():
        cache.clear()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
    assert Opportunity.objects.published().count() > 25


def test_outside_board_and_volunteer_centre_come_from_the_municipality_settings(
        client, volunteering, municipality):
    html = _html(client, "/bliv-frivillig/")
    assert "More places to find volunteering" not in html and "Flere steder" not in html
    municipality.volunteer_board_name = "Frivilligjob.dk"
    municipality.volunteer_board_url = "https://www.frivilligjob.dk"
    municipality.volunteer_centre_name = "Testrup Frivilligcenter"
    municipality.volunteer_centre_url = "https://frivilligcenter.testrup.example"
    municipality.save()
    for url in ("/bliv-frivillig/", "/"):
        html = _html(client, url)
        assert '<a href="https://www.frivilligjob.dk">Frivilligjob.dk</a>' in html, url
        assert '<a href="https://frivilligcenter.testrup.example">Testrup Frivilligcenter</a>' \
            in html, url


def test_home_page_has_a_clear_way_in_and_the_newest_opportunities(client, volunteering):
    html = _html(client, "/")
    assert '<a class="home-volunteer__link" href="/bliv-frivillig/">' in html
    assert "Saml skrald i mosen" in html and "Hemmelig kladdeopgave" not in html
    assert html.count("<h1") == 1


def test_audience_pages_link_to_the_opportunities(client, volunteering):
    from tests.factories import AudienceFactory

    audience = AudienceFactory(slug="frivillig")
    html = _html(client, audience.get_absolute_url())
    assert 'href="/bliv-frivillig/"' in html


def test_logo_is_served_for_public_organisations_only(client, volunteering, settings, tmp_path):
    import io

    from django.core.files.base import ContentFile
    from PIL import Image

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (80, 40), "navy").save(buffer, format="PNG")
    club = volunteering["club"]
    club.logo.save("mit logo.PNG", ContentFile(buffer.getvalue()))
    assert club.logo.name.startswith("volunteering/logos/") and "mit" not in club.logo.name
    response = client.get("/bliv-frivillig/foreninger/naturklubben/logo")
    assert response.status_code == 200
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == ("image/png",
                                                                              "nosniff")
    assert b"".join(response.streaming_content) == buffer.getvalue()
    assert 'src="/bliv-frivillig/foreninger/naturklubben/logo"' in _html(
        client, "/bliv-frivillig/foreninger/naturklubben/")
    club.status = "withdrawn"
    club.save()
    assert client.get("/bliv-frivillig/foreninger/naturklubben/logo").status_code == 404
