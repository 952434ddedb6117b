"""What an organisation's logo may be: a PNG or JPEG, checked by content (core/pictures.py)."""

from django.utils.translation import gettext as _

from core.pictures import check_picture

LOGO_MAX_BYTES = 2 * 1024 * 1024


def validate_logo(value) -> None:
    """Model-field validator; only a new upload is read (a stored logo was checked already)."""
    check_picture(
        value, max_bytes=LOGO_MAX_BYTES,
        extension_message=_(
            "Only PNG and JPEG pictures can be used as a logo, not “%(name)s”."),
        size_message=_("The logo may be at most 2 MB. Save it in a lower resolution."))
