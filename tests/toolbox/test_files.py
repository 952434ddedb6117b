"""Upload validation: files are judged by their content as well as their name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import docx_bytes
from toolbox.documents import build_odt
from toolbox.files import size_label, validate_attachment


def zip_bytes(entries: dict, *, first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        if first:
            package.writestr(first, entries.pop(first))
        for name, data in entries.items():
            package.writestr(name, data)
    return buffer.getvalue()


def upload(name, content):
    return SimpleUploadedFile(name, content)


def error_of(name, content) -> str:
    with pytest.raises(ValidationError) as info:
        validate_attachment(upload(name, content))
    return " ".join(info.value.messages)


XLSX = zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODS = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.spreadsheet",
                 "content.xml": "<x/>"}, first="mimetype")


@pytest.mark.parametrize("name, content", [
    ("aftale.pdf", b"%PDF-1.7\n1 0 obj\n"),
    ("aftale.docx", docx_bytes()),
    ("Aftale.DOCX", docx_bytes()),
    ("aftale.odt", build_odt("# Aftale", title="Aftale", language="da")),
    ("budget.xlsx", XLSX),
    ("budget.ods", ODS),
], ids=["pdf", "docx", "upper-case-name", "odt", "xlsx", "ods"])
def test_real_documents_are_accepted(name, content):
    validate_attachment(upload(name, content))


@pytest.mark.parametrize("name, content, message", [
    ("aftale.pdf", b"<html><script>alert(1)</script></html>", "ikke en PDF-fil"),
    ("aftale.docm", docx_bytes(), "kun uploade PDF-, DOCX-"),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "kun uploade"),
    ("side.html", b"<html></html>", "kun uploade"),
    ("program.exe", b"MZ\x90\x00", "kun uploade"),
    ("program.pdf", b"MZ\x90\x00", "ikke en PDF-fil"),
    ("aftale", docx_bytes(), "kun uploade"),
    ("aftale.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "x"}),
     "ikke en DOCX-fil"),
    ("aftale.docx", zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "x",
                               "word/vbaProject.bin": "macro"}), "makroer"),
    ("aftale.docx", zip_bytes({"[Content_Types].xml": "<Types><Override ContentType="
                               "'application/vnd.ms-word.document.macroEnabled.main+xml'/>"
                               "</Types>", "word/document.xml": "x"}), "makroer"),
    ("aftale.odt", zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text",
                              "Basic/Standard/Module1.xml": "x"}, first="mimetype"), "makroer"),
    ("budget.ods", zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text"},
                             first="mimetype"), "ikke en ODS-fil"),
    ("aftale.docx", b"PK\x03\x04garbage", "ikke en DOCX-fil"),
], ids=["html-as-pdf", "docm", "svg", "html", "exe", "exe-as-pdf", "no-extension",
        "xlsx-as-docx", "vba-macro", "macro-enabled-type", "odf-basic-macro", "odt-as-ods",
        "broken-zip"])
def test_disguised_and_dangerous_files_are_rejected_with_a_clear_message(name, content, message):
    assert message in error_of(name, content)


def test_a_zip_bomb_is_refused():
    bomb = zip_bytes({"[Content_Types].xml": "<Types/>",
                      "word/document.xml": "0" * (201 * 1024 * 1024)})
    assert "pakker sig ud" in error_of("bombe.docx", bomb)


def test_oversized_file_gets_a_clear_error(settings):
    settings.TOOLBOX_ATTACHMENT_MAX_BYTES = 1000
    message = error_of("aftale.pdf", b"%PDF-" + b"0" * 2000)
    assert message == ("Filen fylder 2 KB; højst 1 KB er tilladt. Gør den mindre, fx ved at "
                       "gemme billeder i lavere opløsning.")


@pytest.mark.parametrize("size, label", [(10, "1 KB"), (24 * 1024, "24 KB"),
                                         (int(1.5 * 1024 * 1024), "1,5 MB"),
                                         (10 * 1024 * 1024, "10 MB")])
def test_size_label(size, label):
    assert size_label(size) == label
