"""Spreadsheet files in and out: reading import files safely, writing downloads and templates.

XLSX is a zip of XML files. Before openpyxl sees one, the zip's own directory is checked for
size and compression ratio (a zip bomb is rejected without being unpacked), and openpyxl
parses the XML through defusedxml (refused if it is missing). Text cells written to CSV or XLSX
are neutralised (core/spreadsheets.py) so a spreadsheet never runs them as formulas and no
control character makes openpyxl refuse to write them.
"""

import csv
import datetime
import html
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import nh3
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _, gettext_noop

from core.markdown import render_html
from core.spreadsheets import csv_bytes, neutralise
from core.uploads import looks_like_zip, zip_too_large
from indicators import periods
from indicators.services import COLUMNS, MAX_ROWS, REQUIRED_COLUMNS

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# What an import file may unpack to (core/uploads.py has the rest of the zip rule).
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
HEADER_ALIASES = {
    "periode": "period", "opdeling": "breakdown", "værdi": "value", "vaerdi": "value",
    "status": "status",  # the same word in Danish; listed so the import help says so
    "note": "note_da", "note (da)": "note_da", "note (en)": "note_en",
}
# What each column holds, for the import page's help (import_columns), translated when shown.
COLUMN_CONTENTS = {
    "period": gettext_noop("The period: 2024, 2024-Q2 or 2024-05, as the indicator's "
                           "frequency is."),
    "breakdown": gettext_noop("The breakdown's slug; empty for the total."),
    "value": gettext_noop("The figure, with a decimal comma or point."),
    "status": gettext_noop("final or provisional (endelig, foreløbig); empty means final."),
    "note_da": gettext_noop("A note shown with the figure, in Danish."),
    "note_en": gettext_noop("The note in English."),
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class FileProblem(ValueError):
    """The file cannot be read at all (as opposed to a bad row)."""


@dataclass(frozen=True)
class ImportColumn:
    name: str
    danish: list[str]   # the Danish headers read as this column (HEADER_ALIASES)
    required: bool
    contents: str


def import_columns() -> list[ImportColumn]:
    """The import file's columns for its help: each name, the Danish headers also accepted for
    it, and what it holds, so staff with a Danish spreadsheet know which header is which."""
    return [ImportColumn(name=name,
                         danish=[alias for alias, column in HEADER_ALIASES.items()
                                 if column == name],
                         required=name in REQUIRED_COLUMNS, contents=_(COLUMN_CONTENTS[name]))
            for name in COLUMNS]


def read_rows(data: bytes) -> list[dict]:
    """The data rows of an uploaded CSV or XLSX file as dicts keyed by column name.

    The content decides the format, not the file name.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise FileProblem(_("The file is larger than 2 MB."))
    if not data.strip():
        raise FileProblem(_("The file is empty."))
    if looks_like_zip(data):
        return _rows_from_table(_xlsx_table(data))
    return _rows_from_table(_csv_table(data))


def _csv_table(data: bytes) -> list[list]:
    if b"\x00" in data:
        raise FileProblem(_("This is not a CSV or XLSX file."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.splitlines()[0] if text.splitlines() else ""
    delimiter = max([",", ";", "\t"], key=first_line.count)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    table = []
    for row in reader:
        table.append(row)
        if len(table) > MAX_ROWS + 1:
            raise FileProblem(_("The file has more than %(max)s rows. Split it into smaller "
                                "files.") % {"max": MAX_ROWS})
    return table


def _check_zip(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise FileProblem(_("The spreadsheet is damaged or not an XLSX file.")) from None
    with archive:
        if zip_too_large(archive, max_unpacked=MAX_UNCOMPRESSED_BYTES):
            raise FileProblem(_("The spreadsheet unpacks to too much data to be read safely."))


def _xlsx_table(data: bytes) -> list[list]:
    from openpyxl import load_workbook  # ~1 s to load, see to_xlsx
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:
        raise ImproperlyConfigured("defusedxml must be installed to read XLSX files safely.")
    _check_zip(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file; none may become a 500
        raise FileProblem(_("The spreadsheet is damaged or not an XLSX file.")) from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append([_cell_text(value) for value in row])
            if len(table) > MAX_ROWS + 1:
                raise FileProblem(_("The file has more than %(max)s rows. Split it into smaller "
                                    "files.") % {"max": MAX_ROWS})
        return table
    except FileProblem:
        raise
    except Exception:
        raise FileProblem(_("The spreadsheet is damaged or not an XLSX file.")) from None
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        # Spreadsheet programs turn "2024-05" into a date; give the month back.
        return f"{value.year}-{value.month:02d}"
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    return str(value)


def _rows_from_table(table: list[list]) -> list[dict]:
    while table and not any(str(cell).strip() for cell in table[0]):
        table = table[1:]
    if not table:
        raise FileProblem(_("The file is empty."))
    header = [HEADER_ALIASES.get(str(c).strip().lower(), str(c).strip().lower())
              for c in table[0]]
    while header and header[-1] == "":
        header.pop()
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise FileProblem(_("Unknown column “%(name)s”. The columns are: %(columns)s.") % {
            "name": unknown[0][:40], "columns": ", ".join(COLUMNS)})
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise FileProblem(_("The column “%(name)s” is missing. The columns are: %(columns)s.")
                          % {"name": missing[0], "columns": ", ".join(COLUMNS)})
    rows = []
    for cells in table[1:]:
        rows.append({name: (cells[i] if i < len(cells) else "") for i, name in enumerate(header)})
    return rows


# Writing -------------------------------------------------------------------------------------

def plain_number(value: Decimal) -> str:
    """A value as a machine reads it: 870, 3.5 (no exponent, no trailing zeros)."""
    return format(Decimal(value).normalize(), "f")


def template_table(indicator) -> list[list]:
    """The import template: the header and the indicator's current figures, so a file filled
    in from it can be imported again and again."""
    table = [list(COLUMNS)]
    for observation in indicator.observations.in_reading_order():
        table.append([
            periods.code(observation.period, indicator.frequency),
            observation.breakdown.slug if observation.breakdown else "",
            Decimal(plain_number(observation.value)), observation.status,
            observation.note_da or "", observation.note_en or "",
        ])
    if len(table) == 1:
        today = datetime.date.today()
        table.append([periods.code(periods.start_of(today, indicator.frequency),
                                   indicator.frequency), "", 0, "provisional", "", ""])
    return table


def to_csv(table: list[list]) -> bytes:
    """Semicolons, decimal commas and a byte-order mark: see core/spreadsheets.py."""
    return csv_bytes(table)


def to_xlsx(table: list[list], *, title: str) -> bytes:
    from openpyxl import Workbook  # ~1 s to load: only when a spreadsheet is read or written

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    for row in table:
        sheet.append([neutralise(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def plain_text(markdown_text: str) -> str:
    """Markdown as one plain line of text, for a spreadsheet cell."""
    text = nh3.clean(str(render_html(markdown_text or "")), tags=set())
    return " ".join(html.unescape(text).split())


def export_table(indicator, *, url: str, licence: str) -> list[list]:
    """The figures of an indicator with their metadata first, in the reader's language."""
    observations = list(indicator.observations.in_reading_order())
    table = [
        [_("Indicator"), indicator.name],
        [_("Definition"), plain_text(indicator.definition)],
        [_("Unit"), indicator.get_unit_display()],
        [_("Frequency"), indicator.get_frequency_display()],
        [_("Direction"), indicator.get_direction_display()],
        [_("Source"), indicator.source],
        [_("Owner"), str(indicator.owner) if indicator.owner else ""],
        [_("Licence"), licence],
        [_("Last updated"), indicator.updated_at.date().isoformat()],
        [_("Address"), url],
    ]
    if indicator.is_example_data:
        table.insert(1, [_("Example data"), _(
            "The figures are invented for the demonstration and are not real.")])
    table += [[], [_("Period"), _("Period start"), _("Breakdown"), _("Value"), _("Status"),
                   _("Note")]]
    for observation in observations:
        table.append([
            periods.label(observation.period, indicator.frequency),
            observation.period.isoformat(),
            observation.breakdown.name if observation.breakdown else _("Total"),
            observation.value.quantize(Decimal(1).scaleb(-indicator.decimals)),
            observation.get_status_display(), observation.note or "",
        ])
    targets = list(indicator.targets.all())
    if targets:
        table += [[], [_("Target"), _("Period start"), _("Value")]]
        table += [[t.period_label, t.period.isoformat(), Decimal(plain_number(t.value))]
                  for t in targets]
    for series in indicator.benchmarks.prefetch_related("points"):
        table += [[], [_("Benchmark"), series.name], [_("Source"), series.source],
                  [_("Year"), _("Value")]]
        table += [[point.year, Decimal(plain_number(point.value))] for point in series.points.all()]
    return table
