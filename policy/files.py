"""What a consultation response's file may be: a PDF, DOCX or ODT, checked by its content.

The content check is the toolbox's attachment rule (the bytes must match the name, no macros,
the zip-bomb limits of core/uploads.py); only the formats and the size differ here.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from toolbox.files import size_label, validate_attachment

RESPONSE_FILE_FORMATS = ("pdf", "docx", "odt")
RESPONSE_FILE_MAX_BYTES = 10 * 1024 * 1024


def validate_response_file(value) -> None:
    """Model-field validator; only a new upload is read (a stored file was checked already)."""
    if getattr(value, "_committed", False):
        return
    name = PurePosixPath(value.name or "").name
    if PurePosixPath(name).suffix.lower().lstrip(".") not in RESPONSE_FILE_FORMATS:
        raise ValidationError(
            _("Only PDF, DOCX and ODT files can be attached, not “%(name)s”."),
            code="extension", params={"name": name},
        )
    if value.size > RESPONSE_FILE_MAX_BYTES:
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed. Make it smaller, e.g. by "
              "saving pictures in lower resolution."),
            code="size", params={"size": size_label(value.size),
                                 "limit": size_label(RESPONSE_FILE_MAX_BYTES)},
        )
    validate_attachment(value)
