"""Text on its way into and out of spreadsheets (CSV and XLSX), one rule for every app.

Control characters: XML 1.0, and with it XLSX, cannot hold C0 control characters other than tab,
line feed and carriage return; openpyxl raises IllegalCharacterError for them, which became a 500
on every download once a note with one had been stored. Word puts a vertical tab (\\x0b) in text
for Shift+Enter, so pasted notes carry them. They are removed when text comes in (imports, admin
forms) and again when a cell is written, so an older stored value cannot break a download either.
Vertical tab and form feed become a space, as the line break they stood for; the rest go.

Formulas: a cell beginning with = + - @ (or tab/CR) is run as a formula by spreadsheet
programs (CSV injection), so it gets a leading apostrophe.

CSV in the Danish convention (`write_csv`, `csv_bytes`): Danish Excel splits columns on the
list separator of the Danish locale, a semicolon, and reads "3,5" as a number but "3.5" as text
or a date; without a byte-order mark it reads UTF-8 as Windows-1252 (æ/ø/å garbled). Every CSV
the portal offers is written here, so all of them open in columns.
"""

import csv
import io
import re
from decimal import Decimal

# C0 controls except tab, LF and CR, and the non-characters U+FFFE/U+FFFF: what XML 1.0 cannot
# hold (lxml refuses them too). DEL and C1 controls, invisible and of no use in a note, go along.
# Lone surrogates cannot reach here: text from the database or a decoded file has none.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\x0b\x0c]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def strip_control_characters(text: str) -> str:
    if not isinstance(text, str):
        return text
    return _CONTROL.sub("", _LINE_BREAKS.sub(" ", text))


def neutralise(value):
    """A cell value safe to write: no control characters, and text never runs as a formula.

    Numbers, dates and None pass unchanged, so an XLSX keeps them as numbers.
    """
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


CSV_DELIMITER = ";"


def danish_cell(value):
    """A cell for a Danish CSV: a decimal number with a decimal comma (3,5), text neutralised.
    Whole numbers and dates pass as they are (dates as ISO 8601, which Excel also reads)."""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return neutralise(value)


def write_csv(stream, rows) -> None:
    """Writes a byte-order mark and the rows, separated by semicolons, to a text stream (an
    HttpResponse or a StringIO)."""
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=CSV_DELIMITER)
    for row in rows:
        writer.writerow([danish_cell(cell) for cell in row])


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO()
    write_csv(buffer, rows)
    return buffer.getvalue().encode("utf-8")
