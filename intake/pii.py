"""Masking personal data in free text that is not meant to carry it (SECURITY.md PII-01).

A reader who writes "ring til mig på 12 34 56 78" in a feedback comment has given us a phone
number we never asked for and have no purpose for; it is masked before the text is stored.
"""

import datetime
import re

from django.utils.translation import gettext as _

# ddmmyy-xxxx or ddmmyyxxxx (a space for the hyphen too), not part of a longer number.
_CPR = re.compile(r"(?<![\d-])(\d{2})(\d{2})(\d{2})[-\u2010\u2011\u2013 ]?(\d{4})(?![\d-])")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}", re.UNICODE)
# Danish numbers: eight digits, in pairs or fours with spaces or none, optionally +45 / 0045.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?45[\s.]?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}(?![\d])"
)


def _valid_cpr_date(day: str, month: str, year: str) -> bool:
    """The first six digits form a real date in either century a CPR number can have."""
    for century in (1900, 2000):
        try:
            datetime.date(century + int(year), int(month), int(day))
            return True
        except ValueError:
            continue
    return False


def mask_cpr(text: str) -> str:
    """Replace CPR numbers only: for free text meant to carry contact details (a message to a
    contact person may rightly give another phone number), where a CPR number never belongs."""
    if not text:
        return text

    def cpr(match):
        if _valid_cpr_date(*match.group(1, 2, 3)):
            return _("[CPR number removed]")
        return match.group(0)

    return _CPR.sub(cpr, text)


def mask_personal_data(text: str) -> str:
    """Replace CPR numbers, e-mail addresses and Danish phone numbers with a marker."""
    if not text:
        return text
    text = mask_cpr(text)
    text = _EMAIL.sub(lambda match: _("[e-mail address removed]"), text)
    return _PHONE.sub(lambda match: _("[phone number removed]"), text)
