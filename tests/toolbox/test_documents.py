"""The toolbox's attachments and the policy process's files share one file field and one way of
recording a new file's content type and size (toolbox/models/files.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from policy.models import ProcessAttachment
from tests.factories import ProcessStepFactory, docx_bytes
from toolbox.files import validate_attachment
from toolbox.models import Attachment, Document

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_both_models_stand_on_the_one_document_base():
    for model, names in [(Attachment, ["file_da", "file_en"]), (ProcessAttachment, ["file"])]:
        assert issubclass(model, Document)
        for name in names:
            field = model._meta.get_field(name)
            assert validate_attachment in field.validators
            assert field.max_length == 200
            assert str(field.help_text).endswith("Ingen makroer.")


def test_a_process_file_records_its_type_and_size_once_saved():
    step = ProcessStepFactory()
    content = docx_bytes()
    attachment = ProcessAttachment.objects.create(
        step=step, title_da="Referat", file=SimpleUploadedFile("referat.docx", content))
    attachment.refresh_from_db()
    assert attachment.content_type.endswith("wordprocessingml.document")
    assert attachment.size == len(content)
    assert attachment.extension == "docx" and attachment.size_label.endswith(" KB")
    assert attachment.file.name.startswith("policy/process/")


def test_an_attachment_records_type_and_size_per_language_and_clears_a_removed_one():
    danish, english = docx_bytes("Aftale"), docx_bytes("A longer agreement")
    attachment = Attachment.objects.create(
        title_da="Aftale", file_da=SimpleUploadedFile("a.docx", danish),
        file_en=SimpleUploadedFile("b.docx", english))
    attachment.refresh_from_db()
    assert (attachment.size_da, attachment.size_en) == (len(danish), len(english))
    assert attachment.content_type_da == attachment.content_type_en != ""
    assert attachment.file_da.name.startswith("toolbox/attachments/")
    assert attachment.format_label == "DOCX"
    attachment.file_en = None
    attachment.save()
    attachment.refresh_from_db()
    assert attachment.size_en is None and attachment.content_type_en == ""
    assert attachment.size_da == len(danish)
