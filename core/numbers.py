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


def for_input(value, decimals: int) -> Decimal:
    """A stored figure as a form field should show it: with `decimals` decimals ("1000", not the
    column's "1000.0000"), but never fewer than it holds, so that saving a form unchanged
    cannot round a figure away. A Decimal, so the form still sees the field as unchanged."""
    value = Decimal(value)
    held = -min(0, value.normalize().as_tuple().exponent)
    return value.quantize(Decimal(1).scaleb(-max(decimals, held)))
