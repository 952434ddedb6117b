"""Control characters and formulas on the way into and out of spreadsheets (issue 12.5)."""

import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.spreadsheets import neutralise, strip_control_characters
from indicators.files import to_csv, to_xlsx

C0 = [chr(code) for code in range(32)] + ["\x7f", "\x85", "\ufffe", "\uffff"]


@pytest.mark.parametrize("char", C0, ids=[f"U+{ord(c):04X}" for c in C0])
def test_every_control_character_is_kept_out_of_an_xlsx_cell(char):
    text = f"Note{char}end"
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx([[text]], title="T"))).worksheets[0]
    expected = {"\t": "Note\tend", "\n": "Note\nend", "\r": "Note\rend",
                "\x0b": "Note end", "\x0c": "Note end"}.get(char, "Noteend")
    assert sheet["A1"].value == expected
    assert strip_control_characters(text) == expected


def test_a_control_character_cannot_hide_a_formula():
    assert neutralise("\x01=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert neutralise(5) == 5 and neutralise(None) is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(), min_size=1, max_size=4))
def test_any_text_can_be_written_to_xlsx_and_csv(row):
    sheet = openpyxl.load_workbook(io.BytesIO(to_xlsx([row], title="T"))).worksheets[0]
    written = [cell.value or "" for cell in next(sheet.iter_rows())][:len(row)]
    cleaned = [neutralise(text) for text in row]
    # openpyxl reads back what it wrote; a cell with nothing left reads as empty.
    assert [w.replace("\r\n", "\n") for w in written] + [""] * (len(row) - len(written)) == [
        c.replace("\r\n", "\n") for c in cleaned]
    assert to_csv([row]).startswith(b"\xef\xbb\xbf")
