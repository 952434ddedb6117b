"""WCAG 2.1 contrast arithmetic for the brand colour staff choose."""

import re

# WCAG 2.1: text 4.5:1 (1.4.3), graphics such as chart lines and markers 3:1 (1.4.11).
TEXT_CONTRAST = 4.5
GRAPHICS_CONTRAST = 3.0
DEFAULT_BRAND = "#00587c"
DEFAULT_CHART = "#00587c"

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def normalise(value: str) -> str:
    """"#fff" and "#FFFFFF" as "#ffffff"; anything that is no hex colour comes back unchanged,
    for the field's validator to refuse."""
    value = (value or "").strip()
    if not _HEX.fullmatch(value):
        return value
    digits = value[1:].lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits


def is_hex(value: str) -> bool:
    """True for a colour in the six-digit form "#1a2b3c" that the arithmetic below needs."""
    return bool(value) and len(value) == 7 and bool(_HEX.fullmatch(value))


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(hex_colour: str) -> float:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_with_white(hex_colour: str) -> float:
    return 1.05 / (relative_luminance(hex_colour) + 0.05)


def readable_on_white(colour: str, minimum: float, *, fallback: str) -> str:
    """`colour` if it is a real colour with at least `minimum` contrast against white, else
    `fallback`."""
    colour = normalise(colour)
    if is_hex(colour) and contrast_with_white(colour) >= minimum:
        return colour
    return fallback
