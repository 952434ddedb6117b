"""Indicator figures in words: values with their unit, change since the previous period judged
by the indicator's direction, and progress against the target. Used by pages, charts and
downloads alike, so a reader sees the same wording everywhere."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _, gettext_noop

from core.numbers import number, rounded
from indicators import periods

MINUS = "\u2212"


# Each unit's format, translated when it is used (only the one asked for: a dashboard writes
# hundreds of values).
FORMATS_BY_UNIT = {
    "percent": gettext_noop("%(value)s%%"),
    "hours": gettext_noop("%(value)s hours"),
    "dkk": gettext_noop("DKK %(value)s"),
    "score": gettext_noop("%(value)s of 5"),
    "days": gettext_noop("%(value)s days"),
}


def with_unit(text: str, unit: str) -> str:
    unit_format = FORMATS_BY_UNIT.get(unit)
    return (_(unit_format) if unit_format else "%(value)s") % {"value": text}


def value_text(value, indicator) -> str:
    """A value with its unit: "870", "40 %", "2,5 dage"."""
    return with_unit(number(value, indicator.decimals), indicator.unit)


def amount_text(amount, indicator) -> str:
    """A difference: percentages change by percentage points, not by percent."""
    text = number(abs(amount), indicator.decimals)
    if indicator.unit == "percent":
        return _("%(value)s percentage points") % {"value": text}
    if indicator.unit == "score":
        return _("%(value)s points") % {"value": text}
    return with_unit(text, indicator.unit)


def signed(amount, indicator) -> str:
    if rounded(amount, indicator.decimals) == 0:
        return "±0"
    text = number(abs(amount), indicator.decimals)
    return ("+" if amount > 0 else MINUS) + text


@dataclass(frozen=True)
class Change:
    amount: Decimal
    judgement: str   # "better", "worse", "unchanged" or "neutral"
    sign: str        # "+55", "−0,5", "±0"
    words: str       # "Steget med 55 siden 2024 – en forbedring"

    @property
    def arrow(self):
        if self.judgement == "unchanged":
            return "●"
        return "▲" if self.amount > 0 else "▼"


def change(indicator, latest, previous) -> Change | None:
    """The change from `previous` to `latest`, in words and judged by the direction."""
    if latest is None or previous is None:
        return None
    amount = latest.value - previous.value
    since = periods.label(previous.period, indicator.frequency)
    sign = signed(amount, indicator)
    if sign == "±0":
        return Change(amount, "unchanged", sign, _("Unchanged since %(period)s") % {
            "period": since})
    up = amount > 0
    words = (_("Up %(amount)s since %(period)s") if up
             else _("Down %(amount)s since %(period)s")) % {
        "amount": amount_text(amount, indicator), "period": since}
    if indicator.direction == "neutral":
        return Change(amount, "neutral", sign, words)
    better = up == (indicator.direction == "higher_is_better")
    judgement = "better" if better else "worse"
    verdict = _("an improvement") if better else _("a deterioration")
    return Change(amount, judgement, sign, f"{words} – {verdict}")


@dataclass(frozen=True)
class TargetStatus:
    target: object
    is_reached: bool | None
    words: str


def target_status(indicator, latest, targets) -> TargetStatus | None:
    """The next target at or after the latest figure (or the last one), and how far off it is."""
    targets = sorted(targets, key=lambda t: t.period)
    if not targets:
        return None
    if latest is None:
        target = targets[0]
        return TargetStatus(target, None, _("Target for %(period)s: %(value)s") % {
            "period": target.period_label, "value": value_text(target.value, indicator)})
    upcoming = [t for t in targets if t.period >= latest.period]
    target = upcoming[0] if upcoming else targets[-1]
    names = {"period": periods.label(target.period, indicator.frequency),
             "value": value_text(target.value, indicator)}
    if indicator.direction == "neutral":
        return TargetStatus(target, None, _("Target for %(period)s: %(value)s") % names)
    gap = target.value - latest.value
    if indicator.direction == "lower_is_better":
        gap = -gap
    if gap <= 0:
        return TargetStatus(target, True, _("Target for %(period)s (%(value)s) reached") % names)
    names["gap"] = amount_text(gap, indicator)
    if upcoming:
        return TargetStatus(target, False, _("Target for %(period)s: %(value)s – %(gap)s to go")
                            % names)
    return TargetStatus(target, False, _("Target for %(period)s: %(value)s – not reached "
                                         "(%(gap)s short)") % names)


def latest_two(series):
    """The newest and the one before it from a series ordered by period."""
    series = list(series)
    latest = series[-1] if series else None
    previous = series[-2] if len(series) > 1 else None
    return latest, previous
