import datetime
import re

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile

from bench.management.commands.bench import MAX_QUERIES
from policy.models import (
    ActionPoint,
    Adoption,
    Policy,
    PolicyChange,
    PolicySection,
    PolicyValue,
    ProcessAttachment,
)
from tests.factories import (
    ActionPointFactory,
    BodyFactory,
    ConsultationNoteFactory,
    ConsultationResponseFactory,
    GuideFactory,
    MeetingFactory,
    MeetingSignupFactory,
    PolicyFactory,
    ProcessStepFactory,
    ThemeFactory,
)
from tests.helpers import assert_constant_queries, count_queries

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def text_of(response) -> str:
    """The page's visible text in one line, for asserting what a reader sees."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_user("redaktoer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_policy"))
    client.force_login(user)
    return client


# The front page ------------------------------------------------------------------------------

def test_front_page_shows_the_current_policy_with_progress_per_theme(client, ballerup):
    text = text_of(client.get("/politik/"))
    assert "Frivillighedspolitik" in text
    assert "Hvem politikken er til" in text
    assert "1 af 2 indsatser gennemført" in text
    assert "Der er ingen indsatser under dette tema." in text  # Udmøntning has none


def test_front_page_progress_bar_is_a_labelled_progress_element(client, ballerup):
    html = client.get("/politik/").content.decode()
    theme = ballerup.themes.get(slug="frivillighed-er-faellesskaber")
    assert (f'<progress class="progress__bar" value="1" max="2" '
            f'aria-labelledby="progress-{theme.pk}">1/2</progress>') in html
    assert f'<p class="progress__text" id="progress-{theme.pk}">1 af 2 indsatser gennemført</p>' \
        in html


def test_front_page_in_english(client, ballerup):
    text = text_of(client.get("/en/policy/"))
    assert "Volunteering policy" in text
    assert "1 of 2 action points done" in text


def test_front_page_without_an_adopted_policy_says_so(client, municipality):
    assert "Der er endnu ikke vedtaget nogen politik." in text_of(client.get("/politik/"))


def test_front_page_lists_policies_in_consultation_with_their_deadline(client, ballerup):
    PolicyFactory(slug="ny-strategi", title_da="Ny strategi", status=Policy.Status.CONSULTATION,
                  consultation_ends=datetime.date(2031, 3, 1))
    text = text_of(client.get("/politik/"))
    assert "I høring nu" in text
    assert "Ny strategi – frist 1. marts 2031" in text


def test_front_page_queries_do_not_grow_with_action_points(client, ballerup):

    def add(n):
        for _ in range(n):
            ActionPointFactory(theme=ThemeFactory(policy=ballerup))

    client.get("/politik/")  # warm the cached municipality settings
    assert_constant_queries(client, "/politik/", add, many=40,
                            maximum=MAX_QUERIES)


def add_every_part(policy, n: int, theme) -> None:
    """`n` more of each list the policy page shows around its themes."""
    for _ in range(n):
        number = PolicySection.objects.count()
        PolicySection.objects.create(policy=policy, position=number, title_da=f"Afsnit {number}",
                                     placement="after" if number % 2 else "before")
        PolicyValue.objects.create(policy=policy, position=number, title_da=f"Værdi {number}")
        Adoption.objects.create(policy=policy, body=BodyFactory(name_da=f"Organ {number}"),
                                decided_on=datetime.date(2024, 1, 1) + datetime.timedelta(number))
        step = ProcessStepFactory(policy=policy, title_da=f"Trin {number}")
        ProcessAttachment.objects.create(step=step, title_da=f"Referat {number}",
                                         file=SimpleUploadedFile(f"r{number}.pdf", PDF))
        MeetingSignupFactory(meeting=MeetingFactory(step=step, title_da=f"Møde {number}"))
        response = ConsultationResponseFactory(policy=policy, is_published=True,
                                               name=f"Svarer {number}", publish_name=True)
        response.themes.add(theme)
        change = PolicyChange.objects.create(
            note=ConsultationNoteFactory(policy=policy, position=number, theme=ThemeFactory(
                policy=policy, position=100 + number, title_da=f"Tema {number}")),
            position=number, description_da=f"Ændring {number}")
        change.responses.add(response)


@pytest.mark.parametrize("path", ["/politik/", "/politik/frivillighedspolitik/",
                                  "/politik/frivillighedspolitik/udskriv/"])
def test_every_part_of_the_policy_page_comes_in_a_fixed_number_of_queries(
        client, ballerup, settings, tmp_path, path):
    """Sections, values, decisions, steps with files and meetings, published responses and the
    høringsnotat are read with the policy: as many queries with one of each as with 15, cold
    (every cache empty), within the budget every page keeps."""
    settings.MEDIA_ROOT = tmp_path
    theme = ballerup.themes.get(slug="frivillighed-er-faellesskaber")
    assert_constant_queries(client, path, lambda n: add_every_part(ballerup, n, theme), many=15,
                            maximum=MAX_QUERIES)
    text = text_of(client.get(path))
    for shown in ("Afsnit 14", "Værdi 14", "Organ 14, 15. januar 2024", "Ændring 14",
                  "Svarer 14", "Høringsnotat"):
        assert shown in text, shown
    if "udskriv" not in path:
        for shown in ("Trin 14", "Referat 14", "Møde 14"):
            assert shown in text, shown


def test_the_policy_page_runs_three_queries_cold_and_the_print_view_six(client, ballerup,
                                                                      settings, tmp_path):
    """The policy (with every part around the themes), its themes and the bodies' links; the
    print view reads its action points (owners, latest note, figures) instead of the bodies."""
    settings.MEDIA_ROOT = tmp_path
    add_every_part(ballerup, 2, ballerup.themes.get(slug="frivillighed-er-faellesskaber"))
    client.get("/politik/")  # the cached municipality settings
    assert count_queries(client, "/politik/") == 3
    assert count_queries(client, "/politik/frivillighedspolitik/") == 3
    assert count_queries(client, "/politik/frivillighedspolitik/udskriv/") == 6


# Policy detail, consultation, archive -----------------------------------------------------

def test_policy_in_consultation_shows_deadline_and_how_to_respond(client, municipality):
    PolicyFactory(
        slug="strategi", status=Policy.Status.CONSULTATION, title_da="Strategi",
        consultation_starts=datetime.date(2030, 1, 5), consultation_ends=datetime.date(2030, 2, 1),
        consultation_how_da="Skriv til **kultur@testrup.example**.",
    )
    text = text_of(client.get("/politik/strategi/"))
    assert "Frist for høringssvar: 1. februar 2030" in text
    assert "høringen begyndte 5. januar 2030" in text
    assert "Sådan afgiver du høringssvar Skriv til kultur@testrup.example ." in text


def test_consultation_that_has_passed_its_deadline_says_it_closed(client, municipality):
    PolicyFactory(slug="strategi", status=Policy.Status.CONSULTATION,
                  consultation_ends=datetime.date(2020, 2, 1))
    assert "Høringen sluttede 1. februar 2020." in text_of(client.get("/politik/strategi/"))


def test_archive_lists_earlier_policies_that_stay_readable(client, ballerup):
    PolicyFactory(slug="politik-2015", title_da="Frivillighedspolitik 2015",
                  status=Policy.Status.ARCHIVED, adopted_on=datetime.date(2015, 6, 1))
    archive = text_of(client.get("/politik/arkiv/"))
    assert "Frivillighedspolitik 2015" in archive
    assert "vedtaget 1. juni 2015" in archive
    assert "Frivillighedspolitik Politik" not in archive  # the current one is not archived
    old = text_of(client.get("/politik/politik-2015/"))
    assert "Denne politik er arkiveret og gælder ikke længere." in old


def test_policy_detail_shows_adoption_and_validity(client, ballerup):
    ballerup.valid_to = datetime.date(2029, 12, 31)
    ballerup.save()
    text = text_of(client.get("/politik/frivillighedspolitik/"))
    assert "Status Vedtaget" in text
    assert "Gælder til 31. december 2029" in text


# Themes: both shapes ---------------------------------------------------------------------

def test_theme_page_ballerup_shape(client, ballerup):
    text = text_of(client.get("/politik/frivillighedspolitik/frivillighed-er-faellesskaber/"))
    assert "Frivillighed er fællesskaber" in text
    assert "Det skal være let Kommunen rydder forhindringer af vejen." in text
    assert "Ballerup Kommune vil Gøre det let at komme i kontakt med administrationen" in text
    assert "Gennemført" in text
    assert "Ansvarlig Kultur- og Fritidsudvalget" in text
    assert "Start 1. september 2024 Frist 31. december 2025" in text
    # Only the newest of the two notes is shown.
    assert "Seneste statusnote, 10. december 2025 Eksempeldata: Indgangen er etableret." in text
    assert "Første skridt" not in text


def test_theme_page_kalundborg_shape_has_we_know_and_we_will(client, kalundborg):
    response = client.get("/politik/frivilligstrategi/klare-rammer/")
    html = response.content.decode()
    assert '<h2 id="theme-body-heading">Vi ved</h2>' in html
    assert "<h3" in html and 'id="erfaringer">Erfaringer</h3>' in html  # body demoted under it
    assert '<h2 id="action-points-heading">Vi vil</h2>' in html
    assert "Vi vil styrke klare-rammer (1)" in text_of(response)


def test_kalundborg_shape_in_english(client, kalundborg):
    html = client.get("/en/policy/frivilligstrategi/klare-rammer/").content.decode()
    assert '<h2 id="theme-body-heading">We know</h2>' in html
    assert '<h2 id="action-points-heading">We will</h2>' in html


def test_kalundborg_front_page_lists_six_themes_with_progress(client, kalundborg):
    text = text_of(client.get("/politik/"))
    assert text.count("af 2 indsatser gennemført") == 6
    assert text.count("1 af 2 indsatser gennemført") == 2


def test_theme_page_without_headings_falls_back_to_action_points(client, ballerup):
    ballerup.action_points_heading_da = ""
    ballerup.save()
    html = client.get("/politik/frivillighedspolitik/frivillighed-er-faellesskaber/").content
    assert '<h2 id="action-points-heading">Indsatser</h2>' in html.decode()


def test_theme_page_status_is_text_and_overdue_is_said_in_words(client, ballerup):
    point = ActionPoint.objects.get(slug="let-raadgivning")
    point.due_on = datetime.date(2020, 1, 1)
    point.save()
    html = client.get("/politik/frivillighedspolitik/frivillighed-er-faellesskaber/").content
    assert ('<span class="status status--in_progress">I gang</span> '
            '<span class="status status--overdue">Forsinket</span>') in html.decode()


def test_theme_page_lists_only_published_related_guides(client, ballerup):
    point = ActionPoint.objects.get(slug="let-kontakt")
    point.related_guides.add(GuideFactory(title_da="Samarbejdsaftaler med foreninger"),
                             GuideFactory(title_da="Kladdevejledning", status="draft"))
    text = text_of(client.get("/politik/frivillighedspolitik/frivillighed-er-faellesskaber/"))
    assert "Relaterede vejledninger Samarbejdsaftaler med foreninger" in text
    assert "Kladdevejledning" not in text


def test_theme_page_offers_a_panel_hook_for_other_apps(client, ballerup, settings, tmp_path):
    (tmp_path / "panel.html").write_text("<p>Panel for {{ theme.title }}: {{ action_points|length }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"],
                                                             tmp_path]}]
    settings.POLICY_THEME_PANELS = ["panel.html"]
    html = client.get("/politik/frivillighedspolitik/frivillighed-er-faellesskaber/").content
    assert "<p>Panel for Frivillighed er fællesskaber: 2</p>" in html.decode()


def test_theme_page_queries_do_not_grow_with_action_points(client, ballerup):
    theme = ballerup.themes.get(slug="udmoentning")

    def add(n):
        for _ in range(n):
            point = ActionPointFactory(theme=theme)
            point.owners.add(*ActionPoint.objects.get(slug="let-kontakt").owners.all())
            point.related_guides.add(GuideFactory())
            point.progress_notes.create(text_da="Note", noted_on=datetime.date(2026, 1, 1))

    client.get("/politik/frivillighedspolitik/udmoentning/")  # warm the cached municipality settings
    # 8, and one for the indicators linked to the action points (policy.measures).
    assert_constant_queries(client, "/politik/frivillighedspolitik/udmoentning/", add, many=40,
                            maximum=9)


def test_unknown_theme_and_policy_give_404(client, ballerup):
    assert client.get("/politik/frivillighedspolitik/findes-ikke/").status_code == 404
    assert client.get("/politik/findes-ikke/").status_code == 404


# Drafts ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/politik/hemmelig-strategi/", "/politik/hemmelig-strategi/skjult-tema/",
    "/politik/hemmelig-strategi/udskriv/", "/politik/hemmelig-strategi/dokument/",
    "/en/policy/hemmelig-strategi/", "/en/policy/hemmelig-strategi/skjult-tema/",
    "/en/policy/hemmelig-strategi/print/", "/en/policy/hemmelig-strategi/document/",
], ids=lambda p: p)
def test_draft_pages_are_not_found_for_the_public(client, draft, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("path", [
    "/politik/", "/politik/handlingsplan/", "/politik/arkiv/", "/politik/handlingsplan/csv/",
    "/en/policy/", "/en/policy/action-plan/", "/en/policy/archive/",
    "/en/policy/action-plan/csv/",
], ids=lambda p: p)
def test_drafts_are_absent_from_public_lists(client, ballerup, draft, path):
    content = client.get(path).content.decode()
    for word in ("Hemmeligstrategi", "Secretstrategy", "Skjulttema", "Hiddentheme",
                 "Skjultindsats", "Hiddenaction", "hemmelig-strategi"):
        assert word not in content


def test_drafts_are_absent_from_the_sitemap(client, ballerup, draft):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/politik/frivillighedspolitik/" in sitemap
    assert "/en/policy/frivillighedspolitik/frivillighed-er-faellesskaber/" in sitemap
    assert "hemmelig-strategi" not in sitemap


def test_action_plan_ignores_a_draft_policy_in_the_filter(client, ballerup, draft):
    response = client.get("/politik/handlingsplan/", {"policy": "hemmelig-strategi"})
    assert "Skjultindsats" not in response.content.decode()
    assert "ignoreret: Politik." in text_of(response)


@pytest.mark.parametrize("path", [
    "/politik/hemmelig-strategi/", "/politik/hemmelig-strategi/skjult-tema/",
    "/politik/hemmelig-strategi/udskriv/", "/en/policy/hemmelig-strategi/",
], ids=lambda p: p)
def test_staff_preview_drafts_without_caching(staff_client, draft, path):
    response = staff_client.get(path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "preview-banner" in response.content.decode()


def test_staff_without_view_permission_get_no_preview(client, draft, django_user_model):
    client.force_login(django_user_model.objects.create_user("andre", is_staff=True))
    assert client.get("/politik/hemmelig-strategi/").status_code == 404


def test_public_pages_are_not_marked_private(client, ballerup):
    response = client.get("/politik/frivillighedspolitik/")
    assert "private" not in response.get("Cache-Control", "")


# Official document -----------------------------------------------------------------------

def test_official_document_downloads_as_an_attachment(client, ballerup, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ballerup.document = SimpleUploadedFile("Vedtaget politik.pdf", PDF)
    ballerup.save()
    page = client.get("/politik/frivillighedspolitik/").content.decode()
    assert 'href="/politik/frivillighedspolitik/dokument/"' in page
    response = client.get("/politik/frivillighedspolitik/dokument/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="frivillighedspolitik.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF


def test_policy_without_document_has_no_download(client, ballerup):
    assert client.get("/politik/frivillighedspolitik/dokument/").status_code == 404
    assert "dokument/" not in client.get("/politik/frivillighedspolitik/").content.decode()


# Print view ------------------------------------------------------------------------------

def test_print_view_holds_the_whole_policy_and_action_plan_without_navigation(client, ballerup):
    response = client.get("/politik/frivillighedspolitik/udskriv/")
    html = response.content.decode()
    text = text_of(response)
    assert html.count("<h1>") == 1
    assert 'class="main-nav"' not in html and 'role="search"' not in html
    assert "policy-print.css" in html
    assert "Hvem politikken er til" in text  # introduction
    assert "Frivillighed er fællesskaber" in text and "Udmøntning" in text  # every theme
    assert "Handlingsplan" in text
    assert ("Gøre det let at komme i kontakt med administrationen Frivillighed er fællesskaber "
            "Gennemført Kultur- og Fritidsudvalget 01.09.2024 31.12.2025") in text


def test_print_view_queries_do_not_grow_with_action_points(client, ballerup):
    theme = ballerup.themes.get(slug="udmoentning")
    client.get("/politik/frivillighedspolitik/udskriv/")  # warm the cached municipality settings
    assert_constant_queries(
        client, "/politik/frivillighedspolitik/udskriv/",
        lambda n: [ActionPointFactory(theme=theme) for _ in range(n)], many=40,
        maximum=MAX_QUERIES,
    )


def test_sitemap_lists_every_policy_page_in_both_languages(client, ballerup):
    sitemap = client.get("/sitemap.xml").content.decode()
    for path in ("/politik/", "/politik/handlingsplan/", "/politik/arkiv/",
                 "/politik/frivillighedspolitik/", "/politik/frivillighedspolitik/udskriv/",
                 "/politik/frivillighedspolitik/udmoentning/",
                 "/en/policy/", "/en/policy/action-plan/", "/en/policy/archive/",
                 "/en/policy/frivillighedspolitik/", "/en/policy/frivillighedspolitik/print/",
                 "/en/policy/frivillighedspolitik/udmoentning/"):
        assert f"<loc>http://testserver{path}</loc>" in sitemap, path
