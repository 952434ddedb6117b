import datetime
import io
import zipfile

import pytest
from django.core.management import call_command

from tests.factories import ContactFactory, GuideFactory
from toolbox.files import validate_attachment
from toolbox.models import Attachment, Audience, Contact, Guide, Topic

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_review_command_lists_overdue_guides_by_owner():
    owner = ContactFactory(name_da="Kultur & Fritid", email="kf@example.dk")
    GuideFactory(title_da="Gammel", reviewed_on=datetime.date(2024, 1, 10), contact=owner)
    GuideFactory(title_da="Ejet", reviewed_on=datetime.date(2024, 2, 1),
                 contact=ContactFactory(), owner=owner)
    GuideFactory(title_da="Frisk", reviewed_on=datetime.date(2025, 6, 1), contact=owner)
    GuideFactory(title_da="Kladde", reviewed_on=None, status=Guide.Status.DRAFT)
    output = run("guides_review_overdue", "--date", "2025-03-01")
    assert output.splitlines() == [
        "Kultur & Fritid <kf@example.dk>:",
        "  - Gammel (review due 2025-01-10) /vaerktoejskasse/vejledninger/"
        f"{Guide.objects.get(title_da='Gammel').slug}/",
        "  - Ejet (review due 2025-02-01) /vaerktoejskasse/vejledninger/"
        f"{Guide.objects.get(title_da='Ejet').slug}/",
        "2 guide(s) overdue for review on 2025-03-01.",
    ]


def test_review_command_says_when_nothing_is_overdue():
    GuideFactory(reviewed_on=datetime.date(2025, 6, 1))
    assert "No guide is overdue" in run("guides_review_overdue", "--date", "2025-07-01")


def test_demo_loads_published_guides_covering_every_topic_with_real_templates(demo):
    published = Guide.objects.published()
    assert published.count() >= 16
    assert Topic.objects.count() == 9
    assert set(Topic.objects.filter(guides__in=published).values_list("slug", flat=True)) == set(
        Topic.objects.values_list("slug", flat=True))
    # Three guide contacts, plus the police and Beredskab Øst for the planner.
    assert Audience.objects.count() == 3 and Contact.objects.count() == 5
    assert all(g.legal_basis_da and g.reviewed_on and g.contact_id and g.published_at
               and g.title_en for g in published)
    attachments = Attachment.objects.all()
    assert len({a.title_da for a in attachments}) >= 4
    for attachment in attachments:
        for language in ("da", "en"):
            stored = getattr(attachment, f"file_{language}")
            content = stored.open("rb").read()
            stored.close()
            assert zipfile.is_zipfile(io.BytesIO(content))
            assert getattr(attachment, f"size_{language}") == len(content)


def test_demo_templates_pass_the_upload_checks(demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for attachment in Attachment.objects.all():
        with attachment.file_da.open("rb") as handle:
            content = handle.read()
        validate_attachment(SimpleUploadedFile(f"x.{attachment.extension}", content))


def test_demo_loader_is_idempotent_and_keeps_staff_edits(demo):
    guide = Guide.objects.get(slug="borneattest")
    guide.title_da = "Rettet af en medarbejder"
    guide.save()
    counts = (Guide.objects.count(), Attachment.objects.count(), Topic.objects.count())
    run("load_demo")
    assert (Guide.objects.count(), Attachment.objects.count(), Topic.objects.count()) == counts
    assert Guide.objects.get(slug="borneattest").title_da == "Rettet af en medarbejder"


def test_demo_recreates_only_what_is_missing(demo):
    Guide.objects.get(slug="borneattest").delete()
    before = Guide.objects.count()
    run("load_demo")
    assert Guide.objects.count() == before + 1
    assert Guide.objects.get(slug="borneattest").related.exists()
