import datetime

import pytest
from django.core.files.base import ContentFile

from tests.factories import (
    AttachmentFactory,
    AudienceFactory,
    ContactFactory,
    FeedbackFactory,
    GuideFactory,
    TopicFactory,
    docx_bytes,
)
from tests.helpers import assert_constant_queries
from toolbox.models import Attachment, AttachmentAlias, Guide, GuideAttachment

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def topic():
    return TopicFactory(name_da="Forsikring", name_en="Insurance", slug="forsikring")


@pytest.fixture
def audience():
    return AudienceFactory(name_da="Frivillig", name_en="Volunteer", slug="frivillig",
                           entry_label_da="Jeg er frivillig", entry_label_en="I am a volunteer")


@pytest.fixture
def guide(topic, audience):
    return GuideFactory(
        title_da="Forsikring for frivillige", title_en="Insurance for volunteers",
        slug="forsikring-for-frivillige", topics=[topic], audiences=[audience],
        body_da="## Hvem dækker?\n\nTekst.\n\n## Sådan gør du\n\nMere tekst.",
        body_en="## Who covers it?\n\nText.\n\n## What to do\n\nMore text.",
        legal_basis_da="Lov om arbejdsskadesikring § 2",
        reviewed_on=datetime.date(2026, 11, 22),
    )


# The toolbox front page

def test_front_page_shows_topics_audience_entries_most_used_and_search(
        client, municipality, guide, topic, audience):
    popular = GuideFactory(title_da="Mest brugt", topics=[topic])
    FeedbackFactory.create_batch(3, guide=popular)
    page = text(client.get("/vaerktoejskasse/"))
    assert '<a href="/vaerktoejskasse/emner/forsikring/">Forsikring</a>' in page
    assert '<p class="meta">2 vejledninger</p>' in page
    assert '<a href="/vaerktoejskasse/maalgrupper/frivillig/">Jeg er frivillig</a>' in page
    most_used = page.split("Mest brugte vejledninger")[1]
    assert most_used.index("Mest brugt") < most_used.index("Forsikring for frivillige")
    assert 'action="/vaerktoejskasse/soeg/"' in page


def test_featured_guides_come_first_among_the_most_used(client, municipality, topic):
    GuideFactory(title_da="Populær", topics=[topic])
    FeedbackFactory.create_batch(5, guide=Guide.objects.get(title_da="Populær"))
    GuideFactory(title_da="Fremhævet", topics=[topic], is_featured=True)
    page = text(client.get("/vaerktoejskasse/")).split("Mest brugte vejledninger")[1]
    assert page.index("Fremhævet") < page.index("Populær")


def test_home_page_uses_the_audience_entry_labels(client, municipality, audience):
    assert "Jeg er frivillig" in text(client.get("/"))
    assert "I am a volunteer" in text(client.get("/en/"))


# Lists: topic, audience, all guides

def test_topic_page_lists_its_published_guides_in_title_order(client, municipality, topic):
    GuideFactory(title_da="B-vejledning", topics=[topic])
    GuideFactory(title_da="A-vejledning", topics=[topic])
    GuideFactory(title_da="Anden emne")
    page = text(client.get("/vaerktoejskasse/emner/forsikring/"))
    assert "<h1>Forsikring</h1>" in page
    assert page.index("A-vejledning") < page.index("B-vejledning")
    assert "Anden emne" not in page
    assert "2 vejledninger" in page


def test_topic_page_filters_by_audience(client, municipality, topic, audience):
    GuideFactory(title_da="Til frivillige", topics=[topic], audiences=[audience])
    GuideFactory(title_da="Til foreninger", topics=[topic], audiences=[AudienceFactory()])
    page = text(client.get("/vaerktoejskasse/emner/forsikring/?audience=frivillig"))
    assert "Til frivillige" in page and "Til foreninger" not in page


def test_audience_page_filters_by_topic(client, municipality, topic, audience):
    GuideFactory(title_en="About insurance", topics=[topic], audiences=[audience])
    GuideFactory(title_en="About premises", topics=[TopicFactory()], audiences=[audience])
    page = text(client.get("/en/toolbox/audiences/frivillig/?topic=forsikring"))
    assert "<h1>I am a volunteer</h1>" in page
    assert "About insurance" in page and "About premises" not in page


@pytest.mark.parametrize("query", ["audience=findes-ikke", "audience=%00", "audience=' OR 1=1"],
                         ids=["unknown", "nul", "sql"])
def test_bad_filter_values_show_everything_with_a_message(client, municipality, topic, query):
    GuideFactory(title_da="Om forsikring", topics=[topic])
    response = client.get(f"/vaerktoejskasse/emner/forsikring/?{query}")
    assert response.status_code == 200
    assert "Vi kendte ikke det filter, du valgte, så alle vejledninger vises." in text(response)
    assert "Om forsikring" in text(response)


def test_guide_list_is_paginated(client, municipality, topic):
    for number in range(25):
        GuideFactory(title_da=f"Vejledning {number:02d}", topics=[topic])
    first = text(client.get("/vaerktoejskasse/vejledninger/"))
    second = text(client.get("/vaerktoejskasse/vejledninger/?page=2"))
    assert "Side 1 af 2" in first and "Vejledning 19" in first and "Vejledning 20" not in first
    assert "Vejledning 24" in second
    assert client.get("/vaerktoejskasse/vejledninger/?page=999").status_code == 200


@pytest.mark.parametrize("url", ["/vaerktoejskasse/", "/vaerktoejskasse/vejledninger/",
                                 "/vaerktoejskasse/emner/forsikring/",
                                 "/en/toolbox/audiences/frivillig/",
                                 "/vaerktoejskasse/soeg/?q=forsikring"])
def test_list_pages_set_no_cookies(client, municipality, guide, url):
    assert client.get(url).cookies == {}


# The guide page

def test_guide_page_has_breadcrumbs_toc_body_legal_basis_and_dates(client, municipality, guide):
    page = text(client.get("/vaerktoejskasse/vejledninger/forsikring-for-frivillige/"))
    assert '<a href="/vaerktoejskasse/emner/forsikring/">Forsikring</a>' in page.split(
        "</nav>")[2]  # the crumb trail: Forside › Værktøjskasse › Forsikring › the guide
    assert "<h1>Forsikring for frivillige</h1>" in page
    assert '<li><a href="#hvem-daekker">Hvem dækker?</a></li>' in page
    assert '<h2 id="hvem-daekker">Hvem dækker?</h2>' in page
    assert "<h2 id=\"guide-legal\">Lovgrundlag</h2>\n    <p>Lov om arbejdsskadesikring § 2</p>" in page
    assert "<dt>Fakta tjekket</dt><dd>22. november 2026</dd>" in page
    assert "<dt>Offentliggjort</dt>" in page
    assert page.count("<h1>") == 1


def test_english_guide_page_is_in_english(client, municipality, guide):
    page = text(client.get("/en/toolbox/guides/forsikring-for-frivillige/"))
    assert "<h1>Insurance for volunteers</h1>" in page
    assert '<a href="#who-covers-it">Who covers it?</a>' in page
    assert "This content is only available in Danish." not in page


def test_guide_page_shows_downloads_with_format_and_size(client, municipality, guide):
    attachment = AttachmentFactory(guide=guide, title_da="Samarbejdsaftale")
    page = text(client.get(guide.get_absolute_url()))
    kb = -(-len(docx_bytes()) // 1024)
    assert (f'<a href="/vaerktoejskasse/filer/{attachment.pk}/">Samarbejdsaftale '
            f'(DOCX, {kb} KB)</a>') in page


def test_contact_box_shows_the_guides_contact(client, municipality, guide):
    guide.contact = ContactFactory(name_da="Kultur & Fritid", email="kf@example.dk")
    guide.save()
    page = text(client.get(guide.get_absolute_url()))
    box = page.split('id="guide-contact"')[1].split("</aside>")[0]
    assert "Brug for hjælp?" in box and "Kultur &amp; Fritid" in box and "kf@example.dk" in box


def test_contact_box_falls_back_to_the_municipality(client, municipality, guide):
    page = text(client.get(guide.get_absolute_url()))
    box = page.split('id="guide-contact"')[1].split("</aside>")[0]
    assert "Testrup Kommune" in box and "kontakt@testrup.example" in box


def test_related_guides_show_only_published_ones(client, municipality, guide):
    guide.related.set([GuideFactory(title_da="Relateret"),
                       GuideFactory(title_da="Kladde", status=Guide.Status.DRAFT),
                       GuideFactory(title_da="Trukket", status=Guide.Status.WITHDRAWN)])
    page = text(client.get(guide.get_absolute_url()))
    assert "Relateret" in page and "Kladde" not in page and "Trukket" not in page


def test_guide_page_has_a_print_stylesheet(client, municipality, guide):
    page = text(client.get(guide.get_absolute_url()))
    assert '<link rel="stylesheet" href="/static/css/toolbox-print.css" media="print">' in page


def test_guide_page_sets_only_the_csrf_cookie_for_its_form(client, municipality, guide):
    assert set(client.get(guide.get_absolute_url()).cookies) == {"csrftoken"}


# Draft and withdrawn guides

@pytest.mark.parametrize("url", ["/vaerktoejskasse/vejledninger/kladde/",
                                 "/en/toolbox/guides/kladde/"])
def test_draft_is_not_found_for_the_public(client, municipality, url):
    GuideFactory(slug="kladde", status=Guide.Status.DRAFT)
    assert client.get(url).status_code == 404


def test_staff_preview_a_draft_without_caching(admin_client, municipality):
    GuideFactory(slug="kladde", title_da="Kommende vejledning", status=Guide.Status.DRAFT)
    response = admin_client.get("/vaerktoejskasse/vejledninger/kladde/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "Forhåndsvisning: vejledningen er en kladde." in text(response)


def test_withdrawn_guide_is_readable_with_a_banner_but_not_listed(client, municipality, topic):
    GuideFactory(slug="gammel", title_da="Gammel vejledning", topics=[topic],
                 status=Guide.Status.WITHDRAWN)
    page = text(client.get("/vaerktoejskasse/vejledninger/gammel/"))
    assert "Vejledningen er trukket tilbage." in page
    english = text(client.get("/en/toolbox/guides/gammel/"))
    assert "This guide has been withdrawn." in english
    for url in ("/vaerktoejskasse/", "/vaerktoejskasse/vejledninger/",
                "/vaerktoejskasse/emner/forsikring/", "/en/toolbox/topics/forsikring/"):
        assert "Gammel vejledning" not in text(client.get(url)), url


def test_drafts_are_never_listed_in_either_language(client, municipality, topic, audience):
    GuideFactory(title_da="Hemmelig kladde", title_en="Secret draft", topics=[topic],
                 audiences=[audience], status=Guide.Status.DRAFT)
    for url in ("/vaerktoejskasse/", "/vaerktoejskasse/vejledninger/", "/en/toolbox/guides/",
                "/vaerktoejskasse/emner/forsikring/", "/en/toolbox/audiences/frivillig/"):
        page = text(client.get(url))
        assert "Hemmelig kladde" not in page and "Secret draft" not in page, url


# Downloads

def test_download_is_an_attachment_with_the_right_type(client, municipality, guide):
    attachment = AttachmentFactory(guide=guide, title_da="Samarbejdsaftale")
    response = client.get(f"/vaerktoejskasse/filer/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="samarbejdsaftale.docx"'
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    assert response["X-Content-Type-Options"] == "nosniff"
    # The very file that was stored (building the document again can stamp another time).
    with attachment.file_da.open("rb") as stored:
        assert b"".join(response.streaming_content) == stored.read()


def test_english_download_falls_back_to_the_danish_file(client, municipality, guide):
    attachment = AttachmentFactory(guide=guide, title_en="Cooperation agreement")
    response = client.get(f"/en/toolbox/downloads/{attachment.pk}/")
    assert response["Content-Disposition"] == 'attachment; filename="cooperation-agreement.docx"'


def test_attachment_of_a_draft_is_not_found(client, municipality):
    attachment = AttachmentFactory(guide=GuideFactory(status=Guide.Status.DRAFT))
    assert client.get(f"/vaerktoejskasse/filer/{attachment.pk}/").status_code == 404
    assert client.get("/vaerktoejskasse/filer/999999/").status_code == 404


def test_an_attachment_offered_by_a_draft_and_a_published_guide_is_public(client, municipality,
                                                                          guide):
    attachment = AttachmentFactory(guide=GuideFactory(status=Guide.Status.DRAFT))
    GuideAttachment.objects.create(guide=guide, attachment=attachment)
    assert client.get(f"/vaerktoejskasse/filer/{attachment.pk}/").status_code == 200


def test_a_merged_copys_address_redirects_to_the_template_kept(client, municipality, guide):
    kept = AttachmentFactory(guide=guide)
    AttachmentAlias.objects.create(old_id=kept.pk + 1000, attachment=kept)
    response = client.get(f"/vaerktoejskasse/filer/{kept.pk + 1000}/")
    assert response.status_code == 301
    assert response["Location"] == f"/vaerktoejskasse/filer/{kept.pk}/"
    # Not for a template only drafts offer.
    hidden = AttachmentFactory(guide=GuideFactory(status=Guide.Status.DRAFT))
    AttachmentAlias.objects.create(old_id=hidden.pk + 2000, attachment=hidden)
    assert client.get(f"/vaerktoejskasse/filer/{hidden.pk + 2000}/").status_code == 404


def test_a_template_changed_once_is_the_new_file_on_every_guide_that_offers_it(
        client, municipality, media_root):
    """Issue 18 §6: the volunteer agreement is stored once; a new file uploaded once is what
    every guide offering it links to and serves."""
    guides = [GuideFactory(title_da=f"Vejledning {n}") for n in range(5)]
    agreement = AttachmentFactory(title_da="Frivilligaftale", guide=False)
    for position, guide in enumerate(guides):
        GuideAttachment.objects.create(guide=guide, attachment=agreement, position=position)
    new = docx_bytes("Frivilligaftale, ny udgave med en længere tekst")
    agreement.file_da = ContentFile(new, name="ny.docx")
    agreement.save()
    kb = -(-len(new) // 1024)
    for guide in guides:
        page = text(client.get(guide.get_absolute_url()))
        assert (f'<a href="/vaerktoejskasse/filer/{agreement.pk}/">Frivilligaftale '
                f'(DOCX, {kb} KB)</a>') in page, guide.slug
    response = client.get(f"/vaerktoejskasse/filer/{agreement.pk}/")
    assert b"".join(response.streaming_content) == new
    assert Attachment.objects.count() == 1


def test_a_guide_lists_its_attachments_in_its_own_order(client, municipality, guide):
    first, second = (AttachmentFactory(title_da=t, guide=False) for t in ("Bbb", "Aaa"))
    GuideAttachment.objects.create(guide=guide, attachment=first, position=1)
    GuideAttachment.objects.create(guide=guide, attachment=second, position=2)
    other = GuideFactory()
    GuideAttachment.objects.create(guide=other, attachment=first, position=2)
    GuideAttachment.objects.create(guide=other, attachment=second, position=1)
    page = text(client.get(guide.get_absolute_url()))
    assert page.index(">Bbb (") < page.index(">Aaa (")
    page = text(client.get(other.get_absolute_url()))
    assert page.index(">Aaa (") < page.index(">Bbb (")


# Query counts: the same with 1 and with 30 guides

@pytest.mark.parametrize("url", [
    "/vaerktoejskasse/", "/vaerktoejskasse/vejledninger/", "/en/toolbox/guides/",
    "/vaerktoejskasse/emner/forsikring/", "/vaerktoejskasse/maalgrupper/frivillig/",
    "/vaerktoejskasse/vejledninger/?topic=forsikring&audience=frivillig",
    "/vaerktoejskasse/soeg/?q=forsikring", "/en/toolbox/search/?q=insurance&topic=forsikring",
])
def test_list_pages_run_a_constant_number_of_queries(client, municipality, topic, audience, url):
    def add(count):
        for _ in range(count):
            guide = GuideFactory(title_da="Forsikring", title_en="Insurance",
                                 topics=[topic, TopicFactory()], audiences=[audience])
            FeedbackFactory(guide=guide)

    assert_constant_queries(client, url, add)


def test_guide_page_runs_a_constant_number_of_queries(client, municipality, guide):
    def add(count):
        for _ in range(count):
            guide.related.add(GuideFactory())
            guide.topics.add(TopicFactory())
            AttachmentFactory(guide=guide)

    assert_constant_queries(client, guide.get_absolute_url(), add)
