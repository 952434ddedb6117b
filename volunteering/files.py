"""What an organisation's logo may be: a PNG or JPEG, checked by decoding it, not by its name.

Pillow opens the file and verifies it; the format must match the extension, the file must be
small and the picture of a sensible size, so a disguised file or a decompression bomb is refused
before it is stored.
"""

from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4000 * 4000
LOGO_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}
LOGO_CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def validate_logo(value) -> None:
    """Model-field validator; only a new upload is read (a stored logo was checked already)."""
    check_picture(
        value, max_bytes=LOGO_MAX_BYTES,
        extension_message=_(
            "Only PNG and JPEG pictures can be used as a logo, not “%(name)s”."),
        size_message=_("The logo may be at most 2 MB. Save it in a lower resolution."))


def check_picture(value, *, max_bytes: int, extension_message: str, size_message: str) -> None:
    """The checks every uploaded picture gets (logos here, photos of places); the caller words
    the two messages that name what the picture is for."""
    if getattr(value, "_committed", False):
        return
    name = PurePosixPath(value.name or "").name
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    if suffix not in LOGO_FORMATS:
        raise ValidationError(extension_message, code="extension", params={"name": name})
    if value.size > max_bytes:
        raise ValidationError(size_message, code="size")
    value.seek(0)
    try:
        with Image.open(value) as picture:
            width, height = picture.size
            detected = picture.format
            if width * height > LOGO_MAX_PIXELS:
                raise ValidationError(_("The picture is too large (at most 4000 × 4000 pixels)."),
                                      code="pixels")
            picture.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        detected = None
    finally:
        value.seek(0)
    if detected != LOGO_FORMATS[suffix]:
        raise ValidationError(
            _("The file is named .%(ext)s but its content is not a %(format)s picture."),
            code="content", params={"ext": suffix, "format": LOGO_FORMATS[suffix]})
