"""Uploaded files are judged by their bytes, and a zip is measured before it is unpacked.

One rule for every upload that is a zip underneath (DOCX, XLSX, ODT, ODS): its own directory says
how many members it has and how much they unpack to, so a zip bomb is refused without a byte of
it being inflated. The largest unpacked size belongs to each kind of upload (it follows from how
large the upload itself may be); the number of members and the compression ratio are the same
for all.
"""

import zipfile

ZIP_SIGNATURE = b"PK\x03\x04"
PDF_SIGNATURE = b"%PDF-"
# Far above any real office document (a large DOCX has a few hundred parts; text and XML pack
# 5–20 times), far below what it takes to fill the memory or the disk.
ZIP_MAX_MEMBERS = 2000
ZIP_MAX_RATIO = 100


def looks_like_zip(head: bytes) -> bool:
    return head[:4] == ZIP_SIGNATURE


def zip_too_large(archive: zipfile.ZipFile, *, max_unpacked: int) -> bool:
    """True when the zip has too many members or unpacks to too much, absolutely or for its
    size; read from its directory alone."""
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members) or 1
    return (len(members) > ZIP_MAX_MEMBERS or unpacked > max_unpacked
            or unpacked / packed > ZIP_MAX_RATIO)
