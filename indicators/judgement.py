"""Does the effort work? The baseline of an indicator, its change since then, and a judgement
against its target by the straight-line method (docs/judgement.md, and the public page "Sådan
vurderer vi indikatorerne").

Pure functions on records the caller has fetched: `assess` reads the indicator's totals and
targets through `indicator.observations.all()` and `indicator.targets.all()` (so a prefetch is
used), and the adoption date of the policy the indicator measures only when the caller does not
pass it or annotate it (`measuring.with_figures`, `adoption_date_subquery`).

The method, in short:
- The baseline is the final figure for the period the policy was adopted in (the adopted
  policy whose themes the indicator measures, else the volunteering policy), or the
  nearest final figure before it (or the indicator's own baseline period, when staff set one;
  or the first final figure when neither gives one).
- The judged figure is the newest final figure after the baseline. Provisional figures are
  shown, but never decide.
- The target is the first one at or after the judged figure's period (or the last one).
- The figure meets the target → target met. The target's period is over and the figure has not
  met it → not on track. Otherwise the figure is compared with the straight line from the
  baseline to the target at the judged figure's period: on or beyond it → on track.
"""

import datetime
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db.models import Case, DateField, Exists, IntegerField, OuterRef, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from core.numbers import rounded
from indicators import figures, periods
from policy.models import Policy

ON_TRACK = "on_track"
NOT_ON_TRACK = "not_on_track"
TARGET_MET = "target_met"
TOO_LITTLE_DATA = "too_little_data"
NO_TARGET = "no_target"
CODES = (ON_TRACK, NOT_ON_TRACK, TARGET_MET, TOO_LITTLE_DATA, NO_TARGET)

# Where the baseline came from.
FROM_INDICATOR = "indicator"   # the indicator's own baseline period
FROM_POLICY = "policy"         # the period the current policy was adopted in
FROM_FIRST = "first"           # no date to go by: the first final figure

_UNSET = object()


def label(code: str) -> str:
    """The judgement in the reader's language."""
    return {
        ON_TRACK: _("On track"),
        NOT_ON_TRACK: _("Not on track"),
        TARGET_MET: _("Target met"),
        TOO_LITTLE_DATA: _("Too little data"),
        NO_TARGET: _("No target"),
    }[code]


@dataclass(frozen=True)
class Point:
    """A figure (or a target) at a period, as the judgement used it."""

    period: datetime.date
    period_label: str
    value: Decimal
    provisional: bool = False

    def as_dict(self) -> dict:
        return {"period": self.period.isoformat(), "period_label": self.period_label,
                "value": str(self.value), "provisional": self.provisional}


@dataclass(frozen=True)
class Assessment:
    code: str
    label: str
    baseline: Point | None       # the final figure the change is counted from
    latest: Point | None         # the newest figure, provisional or not (what the page shows)
    judged: Point | None         # the newest final figure after the baseline (what decides)
    target: Point | None         # the target judged against
    expected: Decimal | None     # the straight line's value at the judged figure's period
    change: Decimal | None       # latest − baseline
    sentence: str                # "Siden politikken blev vedtaget i 2019: fra 640 til 870, +230"
    explanation: str             # why this judgement, with the numbers
    baseline_source: str = ""    # FROM_INDICATOR, FROM_POLICY, FROM_FIRST or "" (none)
    adopted_period: str = ""     # the adoption period's label, when the policy gave the baseline

    @property
    def is_judged(self) -> bool:
        return self.code in (ON_TRACK, NOT_ON_TRACK, TARGET_MET)

    def as_dict(self) -> dict:
        """JSON-able primitives (for frozen statuses and data files)."""
        data = asdict(self)
        for name in ("baseline", "latest", "judged", "target"):
            point = getattr(self, name)
            data[name] = point.as_dict() if point else None
        for name in ("expected", "change"):
            value = getattr(self, name)
            data[name] = None if value is None else str(value)
        return data


# Which adopted policy an indicator's baseline comes from when several are in force (one of each
# kind): the one whose themes it measures, a policy before a strategy before an action plan;
# an indicator linked to no adopted policy's themes falls back to the volunteering policy.
_KIND_ORDER = Case(*[When(kind=kind, then=Value(number))
                     for number, kind in enumerate(Policy.Kind.values)],
                   output_field=IntegerField())


def _measured_policy(indicator_ref):
    return Policy.objects.filter(status=Policy.Status.ADOPTED, themes__indicators=indicator_ref)


def _volunteering_policy():
    return Policy.objects.filter(status=Policy.Status.ADOPTED, kind=Policy.Kind.POLICY)


def adoption_date_subquery():
    """The adoption date of the policy an indicator is judged against (above), as a subquery
    to annotate on indicators (`policy_adopted_on`), so a page listing them needs no query of
    its own for it. None when that policy has no adoption date."""
    measured = _measured_policy(OuterRef("pk"))
    return Case(
        When(Exists(measured), then=Subquery(
            measured.order_by(_KIND_ORDER, "title").values("adopted_on")[:1])),
        default=Subquery(_volunteering_policy().values("adopted_on")[:1]),
        output_field=DateField())


def adoption_date(indicator) -> datetime.date | None:
    """The day the policy the indicator measures was adopted: its default baseline (one query;
    `measuring.with_figures` annotates it on a whole list instead)."""
    if indicator.pk is None:
        return _volunteering_policy().values_list("adopted_on", flat=True).first()
    # Through the caller's own model: this module needs no import of indicators.models.
    return type(indicator).objects.filter(pk=indicator.pk).annotate(
        found=adoption_date_subquery()).values_list("found", flat=True).first()


def _point(observation, frequency) -> Point:
    return Point(observation.period, periods.label(observation.period, frequency),
                 observation.value, observation.status == "provisional")


def _totals(indicator, observations):
    if observations is None:
        observations = indicator.observations.all()
    return sorted((o for o in observations if o.breakdown_id is None), key=lambda o: o.period)


def _at_or_before(finals, period):
    before = [o for o in finals if o.period <= period]
    return before[-1] if before else None


def baseline_observation(indicator, finals, *, adopted_on):
    """The baseline figure and where it came from (the rule in the module's docstring)."""
    if getattr(indicator, "baseline_period", None):
        return _at_or_before(finals, indicator.baseline_period), FROM_INDICATOR
    if adopted_on:
        start = periods.start_of(adopted_on, indicator.frequency)
        found = _at_or_before(finals, start)
        if found:
            return found, FROM_POLICY
    return (finals[0] if finals else None), FROM_FIRST


def period_end(period: datetime.date, frequency: str) -> datetime.date:
    """The last day of the period that starts on `period`."""
    months = {"year": 12, "quarter": 3, "month": 1}[frequency]
    month = period.month - 1 + months
    following = datetime.date(period.year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def _meets(value, goal, direction) -> bool:
    return value <= goal if direction == "lower_is_better" else value >= goal


def straight_line(baseline: Point, target: Point, period: datetime.date) -> Decimal:
    """The value on the straight line from the baseline to the target at `period`."""
    span = (target.period - baseline.period).days
    share = Decimal((period - baseline.period).days) / Decimal(span)
    return baseline.value + (target.value - baseline.value) * share


def _signed_amount(amount, indicator) -> str:
    if rounded(amount, indicator.decimals) == 0:
        return "±0"
    return ("+" if amount > 0 else figures.MINUS) + figures.amount_text(amount, indicator)


def change_sentence(indicator, baseline: Point, latest: Point, *, source: str,
                    adopted_period: str) -> str:
    """"Siden politikken blev vedtaget i 2019: fra 640 til 870, +230", with the unit and
    decimals of the indicator; the periods are named where the heading does not give them."""
    names = {
        "from": figures.value_text(baseline.value, indicator),
        "to": figures.value_text(latest.value, indicator),
        "change": _signed_amount(latest.value - baseline.value, indicator),
        "latest_period": latest.period_label,
    }
    if source == FROM_POLICY:
        heading = _("Since the policy was adopted in %(period)s") % {"period": adopted_period}
        if baseline.period_label != adopted_period:
            names["from"] += f" ({baseline.period_label})"
    elif source == FROM_INDICATOR:
        heading = _("Since the baseline in %(period)s") % {"period": baseline.period_label}
    else:
        heading = _("Since the first figure in %(period)s") % {"period": baseline.period_label}
    if latest.provisional:
        text = _("%(heading)s: from %(from)s to %(to)s (%(latest_period)s, provisional), "
                 "%(change)s")
    else:
        text = _("%(heading)s: from %(from)s to %(to)s, %(change)s")
    return text % {"heading": heading, **names}


def _explain(code, indicator, *, baseline, judged, target, expected, latest, target_over):
    value = lambda v: figures.value_text(v, indicator)  # noqa: E731 (a short local helper)
    if code == NO_TARGET:
        if indicator.direction == "neutral":
            return _("The indicator has no better direction, so it is shown without a "
                     "judgement.")
        return _("No target has been set for this indicator, so it is shown without a "
                 "judgement.")
    if code == TOO_LITTLE_DATA:
        if baseline is None:
            return _("There is no final figure to count from yet.")
        if latest is not None and latest.period > baseline.period:
            return _("Since the baseline (%(period)s) there are only provisional figures. "
                     "Provisional figures are shown, but a judgement waits for a final one.") % {
                "period": baseline.period_label}
        return _("There is no figure after the baseline (%(period)s) yet.") % {
            "period": baseline.period_label}
    names = {"value": value(judged.value), "period": judged.period_label,
             "target": value(target.value), "target_period": target.period_label,
             "baseline": value(baseline.value), "baseline_period": baseline.period_label}
    if code == TARGET_MET:
        return _("The latest final figure (%(value)s, %(period)s) has reached the target of "
                 "%(target)s for %(target_period)s.") % names
    if target_over:
        return _("The target period %(target_period)s is over, and the latest final figure "
                 "(%(value)s, %(period)s) has not reached the target of %(target)s.") % names
    if expected is None:
        return _("The target for %(target_period)s (%(target)s) is not after the baseline "
                 "(%(baseline_period)s), and the latest final figure (%(value)s, %(period)s) "
                 "has not reached it.") % names
    names["expected"] = value(expected)
    if code == ON_TRACK:
        return _("The straight line from the baseline (%(baseline)s, %(baseline_period)s) to "
                 "the target (%(target)s, %(target_period)s) passes %(expected)s in %(period)s. "
                 "The latest final figure, %(value)s, is on or beyond the line.") % names
    return _("The straight line from the baseline (%(baseline)s, %(baseline_period)s) to the "
             "target (%(target)s, %(target_period)s) passes %(expected)s in %(period)s. The "
             "latest final figure, %(value)s, is behind the line.") % names


def assess(indicator, observations=None, *, today=None, adopted_on=_UNSET,
           targets=None) -> Assessment:
    """The indicator's baseline, change and judgement. `observations` and `targets` default to
    the indicator's (prefetched) ones; only totals count. `adopted_on` defaults to the
    indicator's annotated `policy_adopted_on`, else the adoption date of the policy it measures
    (one query: annotate it when assessing many)."""
    today = today or timezone.localdate()
    if adopted_on is _UNSET:
        adopted_on = getattr(indicator, "policy_adopted_on", _UNSET)
    if adopted_on is _UNSET:
        adopted_on = adoption_date(indicator)
    frequency = indicator.frequency
    totals = _totals(indicator, observations)
    finals = [o for o in totals if o.status != "provisional"]
    found, source = baseline_observation(indicator, finals, adopted_on=adopted_on)
    baseline = _point(found, frequency) if found else None
    latest = _point(totals[-1], frequency) if totals else None
    later_finals = [o for o in finals if baseline and o.period > baseline.period]
    judged = _point(later_finals[-1], frequency) if later_finals else None

    adopted_period = ""
    if source == FROM_POLICY:
        adopted_period = periods.label(periods.start_of(adopted_on, frequency), frequency)
    change = sentence = None
    if baseline and latest and latest.period > baseline.period:
        change = latest.value - baseline.value
        sentence = change_sentence(indicator, baseline, latest, source=source,
                                   adopted_period=adopted_period)

    targets = sorted(indicator.targets.all() if targets is None else targets,
                     key=lambda t: t.period)
    target = expected = None
    target_over = False
    if indicator.direction == "neutral" or not targets:
        code = NO_TARGET
    elif baseline is None or judged is None:
        code = TOO_LITTLE_DATA
    else:
        upcoming = [t for t in targets if t.period >= judged.period]
        chosen = upcoming[0] if upcoming else targets[-1]
        target = Point(chosen.period, periods.label(chosen.period, frequency), chosen.value)
        target_over = period_end(target.period, frequency) < today
        if _meets(judged.value, target.value, indicator.direction):
            code = TARGET_MET
        elif target_over or target.period <= baseline.period:
            code = NOT_ON_TRACK
        else:
            # Compared as the page prints it, so a reader can check the judgement by hand.
            expected = rounded(straight_line(baseline, target, judged.period),
                               indicator.decimals)
            code = ON_TRACK if _meets(judged.value, expected, indicator.direction) \
                else NOT_ON_TRACK
    return Assessment(
        code=code, label=label(code), baseline=baseline, latest=latest, judged=judged,
        target=target, expected=expected, change=change, sentence=sentence or "",
        explanation=_explain(code, indicator, baseline=baseline, judged=judged, target=target,
                             expected=expected, latest=latest, target_over=target_over),
        baseline_source=source if baseline else "", adopted_period=adopted_period,
    )


# How the computed judgement of an action point's figures fits the status staff set by hand.
# Where they do not fit, staff write a one-line reason (shown publicly beside the status).
FITTING_STATUSES = {
    TARGET_MET: {"in_progress", "done"},
    ON_TRACK: {"in_progress", "done"},
    NOT_ON_TRACK: {"not_started", "in_progress", "paused"},
}


def combined(assessments) -> str | None:
    """One computed status for an action point from its indicators' judgements: not on track
    if any is, target met if all are, on track if any is; too little data when none of those
    with a target can be judged; None when none has a target."""
    codes = [a.code for a in assessments if a.code != NO_TARGET]
    if not codes:
        return None
    if NOT_ON_TRACK in codes:
        return NOT_ON_TRACK
    if all(code == TARGET_MET for code in codes):
        return TARGET_MET
    if ON_TRACK in codes or TARGET_MET in codes:
        return ON_TRACK
    return TOO_LITTLE_DATA


def status_fits(computed: str | None, status: str) -> bool:
    """Whether the status staff set fits the computed one (always, when nothing is judged)."""
    return computed not in FITTING_STATUSES or status in FITTING_STATUSES[computed]
