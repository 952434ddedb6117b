import io
import zipfile

import openpyxl
import pytest

from indicators import files


def _xlsx(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_with_semicolons_danish_headers_and_bom_is_read():
    data = "\ufeffPeriode;Opdeling;Værdi;Status\n2024;;3,5;endelig\n".encode()
    assert files.read_rows(data) == [
        {"period": "2024", "breakdown": "", "value": "3,5", "status": "endelig"}]


def test_csv_in_windows_encoding_is_read():
    data = "period,value,note_da\n2024,1,Ældre\n".encode("cp1252")
    assert files.read_rows(data)[0]["note_da"] == "Ældre"


def test_xlsx_is_read_with_numbers_and_month_dates_as_text():
    import datetime

    data = _xlsx([["period", "value"], [2024, 3.5], [datetime.datetime(2024, 5, 1), 7]])
    assert files.read_rows(data) == [{"period": "2024", "value": "3.5"},
                                     {"period": "2024-05", "value": "7"}]


def test_content_decides_the_format_not_the_name():
    with pytest.raises(files.FileProblem):
        files.read_rows(b"<html><script>alert(1)</script></html>\x00")


def test_unknown_and_missing_columns_are_named():
    with pytest.raises(files.FileProblem, match="value"):
        files.read_rows(b"period,amount\n2024,1\n")
    with pytest.raises(files.FileProblem, match="amount"):
        files.read_rows(b"period,value,amount\n2024,1,2\n")


def test_files_over_the_size_limit_are_refused():
    with pytest.raises(files.FileProblem, match="2 MB"):
        files.read_rows(b"period,value\n" + b"2024,1\n" * 400_000)


def test_zip_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<x/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (30 * 1024 * 1024))
    assert len(buffer.getvalue()) < files.MAX_UPLOAD_BYTES
    with pytest.raises(files.FileProblem, match="for meget data"):
        files.read_rows(buffer.getvalue())


def test_a_damaged_xlsx_is_a_clear_problem_not_a_crash():
    with pytest.raises(files.FileProblem):
        files.read_rows(b"PK\x03\x04 this is not really a zip")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    with pytest.raises(files.FileProblem):
        files.read_rows(buffer.getvalue())


def test_xml_entity_expansion_is_refused():
    """A billion-laughs sheet must not be expanded: defusedxml stops it."""
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
            b'<worksheet>&lol2;</worksheet>')
    good = _xlsx([["period", "value"], [2024, 1]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item, bomb if item.filename == "xl/worksheets/sheet1.xml"
                            else content)
    with pytest.raises(files.FileProblem):
        files.read_rows(buffer.getvalue())


def test_defusedxml_is_installed_for_openpyxl():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True


@pytest.mark.parametrize(("value", "expected"), [
    ("=1+1", "'=1+1"), ("+45 11", "'+45 11"), ("-2", "'-2"), ("@x", "'@x"), ("\tx", "'\tx"),
    ("Idræt", "Idræt"), (5, 5),
])
def test_neutralise_formula_starts(value, expected):
    assert files.neutralise(value) == expected
