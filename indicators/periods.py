"""Periods are stored as their first day and read according to the indicator's frequency.

Written forms (import files, demo content): "2024" (year), "2024-Q2" (quarter), "2024-05"
(month).
"""

import datetime
import re

from django.utils import formats
from django.utils.translation import gettext as _

_YEAR = re.compile(r"^(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[QKqk]\s*([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse(text: str, frequency: str) -> datetime.date:
    """The first day of the period written as `text`; ValueError with a reader's message."""
    text = (text or "").strip()
    patterns = {
        "year": (_YEAR, _("Write the year as 2024.")),
        "quarter": (_QUARTER, _("Write the quarter as 2024-Q2.")),
        "month": (_MONTH, _("Write the month as 2024-05.")),
    }
    pattern, hint = patterns[frequency]
    match = pattern.match(text)
    if not match:
        raise ValueError(hint)
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(_("The year must be between %(min)s and %(max)s.")
                         % {"min": MIN_YEAR, "max": MAX_YEAR})
    if frequency == "year":
        return datetime.date(year, 1, 1)
    if frequency == "quarter":
        return datetime.date(year, 3 * int(match.group(2)) - 2, 1)
    month = int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(hint)
    return datetime.date(year, month, 1)


def code(period: datetime.date, frequency: str) -> str:
    """The written form parse() reads: "2024", "2024-Q2", "2024-05"."""
    if frequency == "year":
        return str(period.year)
    if frequency == "quarter":
        return f"{period.year}-Q{quarter(period)}"
    return f"{period.year}-{period.month:02d}"


def label(period: datetime.date, frequency: str) -> str:
    """The period for a reader: "2024", "2. kvt. 2024" / "Q2 2024", "maj 2024" / "May 2024"."""
    if frequency == "year":
        return str(period.year)
    if frequency == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": quarter(period), "year": period.year}
    return formats.date_format(period, "F Y")


def quarter(period: datetime.date) -> int:
    return (period.month - 1) // 3 + 1


def start_of(day: datetime.date, frequency: str) -> datetime.date:
    """The first day of the period `day` falls in."""
    if frequency == "year":
        return datetime.date(day.year, 1, 1)
    if frequency == "quarter":
        return datetime.date(day.year, 3 * quarter(day) - 2, 1)
    return day.replace(day=1)


def alignment_error(period: datetime.date, frequency: str) -> str | None:
    if period != start_of(period, frequency):
        return {
            "year": _("A yearly figure's period must be 1 January."),
            "quarter": _("A quarterly figure's period must be 1 January, 1 April, 1 July or "
                         "1 October."),
            "month": _("A monthly figure's period must be the first day of the month."),
        }[frequency]
    return None
