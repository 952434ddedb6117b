"""A downloadable document kept with content: the toolbox's attachments and the policy
process's files share its file field, its checks and what is recorded about the file."""

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from toolbox.files import FORMATS, size_label, validate_attachment


def document_field(*, upload_to) -> models.FileField:
    """The file of a downloadable document: checked by its content (toolbox/files.py), kept
    under a generated name (`upload_to`, each model its own folder)."""
    return models.FileField(
        _("file"), upload_to=upload_to, max_length=200, validators=[validate_attachment],
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), Excel (XLSX) or OpenDocument "
                    "spreadsheet (ODS). No macros."),
    )


class Document(models.Model):
    """An abstract base: a model with a `file` (from `document_field`) whose content type and
    size are filled in when a new file is saved. A model that translates the file (one per
    language, modeltranslation's file_da, file_en …) records them per language too."""

    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, editable=False)

    class Meta:
        abstract = True

    def _file_slots(self):
        """(file, content type, size) attribute names: per language where translated."""
        names = {field.name for field in self._meta.concrete_fields}
        languages = [code for code, _name in settings.LANGUAGES if f"file_{code}" in names]
        if not languages:
            return [("file", "content_type", "size")]
        return [(f"file_{code}", f"content_type_{code}", f"size_{code}") for code in languages]

    def save(self, *args, **kwargs):
        for file_name, type_name, size_name in self._file_slots():
            upload = getattr(self, file_name)
            if upload and not upload._committed:
                suffix = PurePosixPath(upload.name).suffix.lower().lstrip(".")
                setattr(self, type_name, FORMATS[suffix].content_type)
                setattr(self, size_name, upload.size)
            elif not upload:
                setattr(self, type_name, "")
                setattr(self, size_name, None)
        super().save(*args, **kwargs)

    @property
    def format_label(self):
        for key, spec in FORMATS.items():
            if spec.content_type == self.content_type:
                return key.upper()
        return ""

    @property
    def extension(self):
        return self.format_label.lower()

    @property
    def size_label(self):
        return size_label(self.size or 0)
