"""Numbers as a reader of the active language writes them."""

from decimal import Decimal

from django.utils import formats


def number(value, decimals: int) -> str:
    """A number in the reader's language: 1.000 / 3,5 in Danish, 1,000 / 3.5 in English."""
    return formats.number_format(
        rounded(value, decimals), decimal_pos=decimals, use_l10n=True, force_grouping=True
    )


def rounded(value, decimals: int) -> Decimal:
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals))
