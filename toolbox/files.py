"""What an attachment may be: checked by its content, not only by its name.

A file is accepted only when its extension and its bytes agree: a PDF starts with `%PDF-`, a
DOCX/XLSX is a ZIP with `[Content_Types].xml` and its main part, an ODT/ODS is a ZIP whose first
entry is the right `mimetype`. Macros (vbaProject.bin, ODF Basic/Scripts) are refused, and so
is anything that would unpack to far more than it weighs.
"""

import zipfile
from dataclasses import dataclass
from math import ceil
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.uploads import PDF_SIGNATURE, looks_like_zip, zip_too_large

# What an attachment may unpack to (core/uploads.py has the rest of the zip rule).
ZIP_MAX_UNPACKED = 200 * 1024 * 1024


@dataclass(frozen=True)
class Format:
    content_type: str
    zip_part: str = ""        # OOXML: a folder the package must contain
    odf_mimetype: str = ""    # ODF: the content of the `mimetype` entry


FORMATS = {
    "pdf": Format("application/pdf"),
    "docx": Format("application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                   zip_part="word/"),
    "xlsx": Format("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   zip_part="xl/"),
    "odt": Format("application/vnd.oasis.opendocument.text",
                  odf_mimetype="application/vnd.oasis.opendocument.text"),
    "ods": Format("application/vnd.oasis.opendocument.spreadsheet",
                  odf_mimetype="application/vnd.oasis.opendocument.spreadsheet"),
}


def max_bytes() -> int:
    return settings.TOOLBOX_ATTACHMENT_MAX_BYTES


def size_label(size: int) -> str:
    """"24 KB", "1,4 MB" (the reader's decimal separator).

    Not Django's filesizeformat, which says "10 bytes" and "24,0 KB": beside a download link a
    small file reads as "1 KB" (rounded up, never 0) and whole numbers carry no ",0"."""
    if size < 1024 * 1024:
        return f"{max(1, ceil(size / 1024))} KB"
    megabytes = round(size / (1024 * 1024), 1)
    return f"{number_format(megabytes, 0 if megabytes.is_integer() else 1)} MB"


def validate_attachment(value) -> None:
    """Model-field validator; only a new upload is read (stored files were checked already)."""
    if getattr(value, "_committed", False):
        return
    suffix = PurePosixPath(value.name or "").suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValidationError(
            _("Only PDF, DOCX, ODT, XLSX and ODS files can be uploaded, not “%(name)s”."),
            code="extension", params={"name": PurePosixPath(value.name or "").name},
        )
    if value.size > max_bytes():
        raise ValidationError(
            _("The file is %(size)s; at most %(limit)s is allowed. Make it smaller, e.g. by "
              "saving pictures in lower resolution."),
            code="size", params={"size": size_label(value.size), "limit": size_label(max_bytes())},
        )
    value.seek(0)
    try:
        problem = _content_problem(value, suffix)
    finally:
        value.seek(0)
    if problem:
        raise ValidationError(problem, code="content")


def _content_problem(handle, suffix: str) -> str:
    spec = FORMATS[suffix]
    label = suffix.upper()
    not_real = _("The file is named .%(ext)s but its content is not a %(ext)s file.") % {
        "ext": label if suffix != "pdf" else "PDF"
    }
    if suffix == "pdf":
        return "" if handle.read(5) == PDF_SIGNATURE else not_real
    if not looks_like_zip(handle.read(4)):
        return not_real
    handle.seek(0)
    try:
        with zipfile.ZipFile(handle) as package:
            entries = package.infolist()
            names = [entry.filename for entry in entries]
            if zip_too_large(package, max_unpacked=ZIP_MAX_UNPACKED):
                return _("The file unpacks to far more than its size and is refused.")
            if any(PurePosixPath(n).name.lower() == "vbaproject.bin" for n in names) or any(
                n.startswith(("Basic/", "Scripts/")) for n in names
            ):
                return _("The file contains macros. Save it without macros (as .%(ext)s) and "
                         "upload it again.") % {"ext": suffix}
            if spec.zip_part:
                if "[Content_Types].xml" not in names or not any(
                    n.startswith(spec.zip_part) for n in names
                ):
                    return not_real
                types = package.read("[Content_Types].xml").decode("utf-8", "replace").lower()
                if "macroenabled" in types:
                    return _("The file contains macros. Save it without macros (as .%(ext)s) "
                             "and upload it again.") % {"ext": suffix}
            else:
                if not names or names[0] != "mimetype":
                    return not_real
                if package.read("mimetype").strip().decode("ascii", "replace") != spec.odf_mimetype:
                    return not_real
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return not_real
    return ""
