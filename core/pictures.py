"""Uploaded pictures (an organisation's logo, a place's photo) are judged by their content.

Pillow opens the file and verifies it; the format must match the extension, the file must be
small and the picture of a sensible size, so a disguised file or a decompression bomb is refused
before it is stored.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

PICTURE_MAX_PIXELS = 4000 * 4000
PICTURE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
PICTURE_CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def check_picture(value, *, max_bytes: int, extension_message: str, size_message: str) -> None:
    """The checks every uploaded picture gets (logos here, photos of places); the caller words
    the two messages that name what the picture is for."""
    if getattr(value, "_committed", False):
        return
    name = PurePosixPath(value.name or "").name
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    if suffix not in PICTURE_FORMATS:
        raise ValidationError(extension_message, code="extension", params={"name": name})
    if value.size > max_bytes:
        raise ValidationError(size_message, code="size")
    value.seek(0)
    try:
        with Image.open(value) as picture:
            width, height = picture.size
            detected = picture.format
            if width * height > PICTURE_MAX_PIXELS:
                raise ValidationError(_("The picture is too large (at most 4000 × 4000 pixels)."),
                                      code="pixels")
            picture.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        detected = None
    finally:
        value.seek(0)
    if detected != PICTURE_FORMATS[suffix]:
        raise ValidationError(
            _("The file is named .%(ext)s but its content is not a %(format)s picture."),
            code="content", params={"ext": suffix, "format": PICTURE_FORMATS[suffix]})
