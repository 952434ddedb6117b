"""A place's photo: checked like an organisation's logo (PNG or JPEG by content, sized)."""

from django.utils.translation import gettext as _

from core.pictures import check_picture

PHOTO_MAX_BYTES = 5 * 1024 * 1024


def validate_photo(value) -> None:
    check_picture(
        value, max_bytes=PHOTO_MAX_BYTES,
        extension_message=_(
            "Only PNG and JPEG pictures can be used as a photo, not “%(name)s”."),
        size_message=_("The photo may be at most 5 MB. Save it in a lower resolution."))
