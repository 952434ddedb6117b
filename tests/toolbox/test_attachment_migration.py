"""Migration toolbox 0014: attachments that belonged to one guide each become one stored
template per file, linked to every guide that had a copy; the copies' addresses redirect."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.factories import GuideFactory, MunicipalityFactory, docx_bytes

pytestmark = pytest.mark.django_db(transaction=True)
BEFORE = ("toolbox", "0013_changenote_subscription")


def test_duplicates_are_merged_by_title_and_file_and_old_addresses_redirect(client, media_root):
    MunicipalityFactory()
    guides = [GuideFactory() for _ in range(3)]
    call_command("migrate", *BEFORE, verbosity=0)
    try:
        old = MigrationLoader(connection).project_state(BEFORE).apps
        Attachment = old.get_model("toolbox", "Attachment")
        agreement, other = docx_bytes("Frivilligaftale"), docx_bytes("Andet")
        rows = []
        for position, guide in enumerate(guides):
            for title, content in (("Frivilligaftale", agreement),
                                   # the same title with another file stays its own template
                                   ("Frivilligaftale", other if position == 2 else agreement)):
                row = Attachment(guide_id=guide.pk, title=title, title_da=title,
                                 position=position, size=len(content), size_da=len(content))
                row.file_da.save(f"{position}.docx", ContentFile(content), save=False)
                row.save()
                rows.append(row.pk)
    finally:
        call_command("migrate", "toolbox", verbosity=0)
    from toolbox.models import Attachment as Stored, AttachmentAlias, GuideAttachment

    kept = Stored.objects.get(pk=rows[0])
    assert Stored.objects.count() == 2
    assert {link.guide_id for link in GuideAttachment.objects.filter(attachment=kept)} == {
        guide.pk for guide in guides}
    assert set(AttachmentAlias.objects.values_list("old_id", flat=True)) == set(rows) - {
        rows[0], rows[5]}
    response = client.get(f"/vaerktoejskasse/filer/{rows[3]}/")
    assert (response.status_code, response["Location"]) == (
        301, f"/vaerktoejskasse/filer/{kept.pk}/")
