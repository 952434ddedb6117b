import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tests.factories import (
    AttachmentFactory,
    AudienceFactory,
    ContactFactory,
    FeedbackFactory,
    GuideFactory,
    TopicFactory,
    docx_bytes,
)
from tests.toolbox.conftest import stored_files
from toolbox.models import Attachment, GuideAttachment

pytestmark = pytest.mark.django_db

PREVIEW = "/admin/toolbox/guide/markdown-preview/"


def test_guide_list_shows_review_and_feedback_summary(admin_client):
    guide = GuideFactory(title_da="Forsikring", reviewed_on=datetime.date(2020, 1, 1),
                         topics=TopicFactory.create_batch(2),
                         audiences=AudienceFactory.create_batch(2))
    FeedbackFactory.create_batch(3, guide=guide, is_useful=True)
    FeedbackFactory(guide=guide, is_useful=False)
    page = admin_client.get("/admin/toolbox/guide/").content.decode()
    assert (f'<a href="/admin/toolbox/feedback/?guide__id__exact={guide.pk}">75 % (4)</a>'
            in page)
    assert "<strong>2021-01-01</strong> (overskredet)" in page
    for label in ("Efter status", "Efter emner", "Efter målgrupper", "Efter gennemgang"):
        assert label in page


def test_review_overdue_filter(admin_client):
    today = timezone.localdate()
    GuideFactory(title_da="Gammel gennemgang", reviewed_on=today - datetime.timedelta(days=800))
    GuideFactory(title_da="Frisk gennemgang", reviewed_on=today)
    overdue = admin_client.get("/admin/toolbox/guide/?review=overdue").content.decode()
    assert "Gammel gennemgang" in overdue and "Frisk gennemgang" not in overdue
    in_time = admin_client.get("/admin/toolbox/guide/?review=ok").content.decode()
    assert "Frisk gennemgang" in in_time and "Gammel gennemgang" not in in_time


def test_bulk_action_marks_guides_reviewed_today(admin_client):
    old = GuideFactory(reviewed_on=datetime.date(2020, 1, 1))
    other = GuideFactory(reviewed_on=datetime.date(2020, 1, 1))
    response = admin_client.post("/admin/toolbox/guide/", {
        "action": "mark_reviewed_today", "_selected_action": [old.pk]}, follow=True)
    assert "1 vejledning markeret som gennemgået i dag." in response.content.decode()
    old.refresh_from_db(), other.refresh_from_db()
    assert old.reviewed_on == timezone.localdate()
    assert other.reviewed_on == datetime.date(2020, 1, 1)


def test_change_form_has_tabs_markdown_editor_and_prefilled_slug(admin_client):
    guide = GuideFactory()
    page = admin_client.get(f"/admin/toolbox/guide/{guide.pk}/change/").content.decode()
    assert 'name="body_da"' in page and 'name="body_en"' in page
    assert 'class="md-editor" data-preview-url="/admin/toolbox/guide/markdown-preview/"' in page
    assert "toolbox/admin/markdown-editor.js" in page
    assert "jquery-ui/jquery-ui.min.js" in page
    assert "<script>" not in page.replace("<script src=", "")  # no inline script (strict CSP)
    add = admin_client.get("/admin/toolbox/guide/add/").content.decode()
    assert "data-prepopulated-field" in add or "prepopulated_fields" in add


def test_markdown_preview_renders_like_the_public_page(admin_client):
    response = admin_client.post(PREVIEW, {"text": "## Overskrift\n\n**fed** <script>x</script>"
                                                   "[link](javascript:alert(1))"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 id="overskrift">Overskrift</h2>' in html
    assert "<strong>fed</strong>" in html
    assert "<script>" not in html and "javascript:" not in html
    assert "no-store" in response["Cache-Control"]


def test_markdown_preview_is_for_staff_only_and_post_only(client, admin_client):
    assert client.post(PREVIEW, {"text": "x"}).status_code == 302  # to the login page
    assert admin_client.get(PREVIEW).status_code == 405


def _guide_form(topic, audience, **extra):
    data = {
        "title_da": "Ny vejledning", "title_en": "", "slug": "ny-vejledning", "status": "draft",
        "summary_da": "Kort.", "summary_en": "", "body_da": "## Afsnit\n\nTekst.", "body_en": "",
        "legal_basis_da": "", "legal_basis_en": "", "topics": [topic.pk],
        "audiences": [audience.pk], "review_interval_months": 12,
        "attachment_links-TOTAL_FORMS": 0, "attachment_links-INITIAL_FORMS": 0,
        "attachment_links-MIN_NUM_FORMS": 0, "attachment_links-MAX_NUM_FORMS": 1000,
    }
    data.update(extra)
    return data


def _attachment_form(**extra):
    return {"title_da": "Aftale", "title_en": "", "description_da": "", "description_en": "",
            **extra}


ADD_ATTACHMENT = "/admin/toolbox/attachment/add/"


def test_attachment_admin_rejects_a_disguised_file_and_stores_nothing(admin_client, media_root):
    fake = SimpleUploadedFile("aftale.pdf", b"<html><script>alert(1)</script></html>")
    response = admin_client.post(ADD_ATTACHMENT, _attachment_form(file_da=fake))
    assert response.status_code == 200
    assert "Filen hedder .PDF, men indholdet er ikke en PDF-fil." in response.content.decode()
    assert Attachment.objects.count() == 0
    assert stored_files(media_root) == []


def test_attachment_admin_rejects_an_oversized_file(admin_client, media_root, settings):
    settings.TOOLBOX_ATTACHMENT_MAX_BYTES = 10 * 1024
    big = SimpleUploadedFile("aftale.pdf", b"%PDF-" + b"0" * 30 * 1024)
    response = admin_client.post(ADD_ATTACHMENT, _attachment_form(file_da=big))
    assert "Filen fylder 31 KB; højst 10 KB er tilladt." in response.content.decode()
    assert stored_files(media_root) == []


def test_attachment_admin_accepts_a_real_document_under_a_generated_name(admin_client,
                                                                         media_root):
    real = SimpleUploadedFile("Min aftale.docx", docx_bytes())
    response = admin_client.post(ADD_ATTACHMENT, _attachment_form(file_da=real))
    assert response.status_code == 302, response.content.decode()[:3000]
    attachment = Attachment.objects.get()
    assert attachment.size == len(docx_bytes())
    assert [name.endswith(".docx") and "aftale" not in name.lower()
            for name in stored_files(media_root)] == [True]


def test_the_guide_links_a_stored_attachment_from_its_inline(admin_client, media_root):
    """The guide form holds links only: one stored template offered by two guides, in the
    order the editor gives, and the template's page names both guides."""
    topic, audience = TopicFactory(), AudienceFactory()
    agreement = AttachmentFactory(title_da="Frivilligaftale", guide=False)
    links = {"attachment_links-TOTAL_FORMS": 1,
             "attachment_links-0-attachment": agreement.pk, "attachment_links-0-position": 10}
    for slug in ("den-ene", "den-anden"):
        response = admin_client.post("/admin/toolbox/guide/add/", _guide_form(
            topic, audience, slug=slug, title_da=slug, **links))
        assert response.status_code == 302, response.content.decode()[:3000]
    assert Attachment.objects.count() == 1
    assert set(agreement.guides.values_list("slug", flat=True)) == {"den-ene", "den-anden"}
    page = admin_client.get(f"/admin/toolbox/attachment/{agreement.pk}/change/").content.decode()
    assert "den-ene" in page and "den-anden" in page
    # The audit trail keeps each link with who made it (core/history).
    assert [(h.guide.slug, h.history_user.username)
            for h in GuideAttachment.history.order_by("history_id")] == [
        ("den-ene", "admin"), ("den-anden", "admin")]


def test_a_new_file_uploaded_once_is_recorded_in_the_attachments_history(admin_client,
                                                                          media_root):
    agreement = AttachmentFactory(title_da="Frivilligaftale")
    old_name = agreement.file_da.name
    response = admin_client.post(
        f"/admin/toolbox/attachment/{agreement.pk}/change/",
        _attachment_form(title_da="Frivilligaftale",
                         file_da=SimpleUploadedFile("ny.docx", docx_bytes("Ny udgave"))))
    assert response.status_code == 302, response.content.decode()[:3000]
    newest, previous = agreement.history.order_by("-history_id")[:2]
    assert newest.history_user.username == "admin"
    assert newest.file_da != old_name and previous.file_da == old_name


def test_feedback_is_listed_per_guide_and_read_only(admin_client):
    guide, other = GuideFactory(title_da="Den ene"), GuideFactory(title_da="Den anden")
    FeedbackFactory(guide=guide, comment="Meget brugbar")
    FeedbackFactory(guide=other, comment="Uklar")
    page = admin_client.get(f"/admin/toolbox/feedback/?guide__id__exact={guide.pk}")
    assert "Meget brugbar" in page.content.decode() and "Uklar" not in page.content.decode()
    assert admin_client.get("/admin/toolbox/feedback/add/").status_code == 403


@pytest.mark.parametrize("url, shown", [
    ("/admin/toolbox/topic/", ["<title>Vælg emne, der skal ændres", ">Forsikring</a>", "forsikring"]),
    ("/admin/toolbox/audience/", ["<title>Vælg målgruppe, der skal ændres", ">Foreninger</a>"]),
    ("/admin/toolbox/contact/", ["<title>Vælg kontakt, der skal ændres", ">Frivilligcentret</a>",
                                 "frivillig@example.dk"]),
    ("/admin/toolbox/topic/add/", ["<title>Tilføj emne", 'name="name_da"', 'name="name_en"',
                                   'name="slug"']),
    ("/admin/toolbox/guide/add/", ["<title>Tilføj vejledning", 'name="title_da"',
                                   'name="body_en"', 'name="attachment_links-TOTAL_FORMS"',
                                   ">Forsikring</option>"]),
], ids=["topics", "audiences", "contacts", "add-topic", "add-guide"])
def test_admin_pages_open(admin_client, url, shown):
    TopicFactory(name_da="Forsikring", slug="forsikring")
    AudienceFactory(name_da="Foreninger")
    ContactFactory(name_da="Frivilligcentret", email="frivillig@example.dk")
    response = admin_client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert [text for text in shown if text not in page] == []
