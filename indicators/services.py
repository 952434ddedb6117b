"""Writes to the indicators: importing observations and refreshing computed indicators."""

import datetime
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Count, DateField, Q
from django.db.models.functions import Trunc
from django.utils import timezone
from django.utils.translation import gettext as _

from core.cache import bump_content_version
from core.spreadsheets import strip_control_characters
from indicators import periods, statuses
from indicators.models import UNIT_RANGES, Breakdown, Indicator, MeetingStatus, Observation
from policy.models import ActionPoint, Policy, Theme
from toolbox.models import Feedback
from volunteering.models import InterestMessage, Opportunity

COLUMNS = ["period", "breakdown", "value", "status", "note_da", "note_en"]
REQUIRED_COLUMNS = ["period", "value"]
MAX_ROWS = 5000
FIRST_DATA_ROW = 2  # row 1 of a file is the header
STATUS_WORDS = {
    "": Observation.Status.FINAL, "final": Observation.Status.FINAL,
    "endelig": Observation.Status.FINAL, "endeligt": Observation.Status.FINAL,
    "provisional": Observation.Status.PROVISIONAL, "foreløbig": Observation.Status.PROVISIONAL,
    "foreløbigt": Observation.Status.PROVISIONAL, "foreloebig": Observation.Status.PROVISIONAL,
}


@dataclass(frozen=True)
class RowError:
    row: int          # the row number in the file (the header is row 1); 0 for the whole file
    column: str
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row, "column": self.column, "message": self.message}


class ObservationImportError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class PlannedRow:
    row: int
    period: datetime.date
    breakdown: Breakdown | None
    value: Decimal
    status: str
    note_da: str
    note_en: str
    existing: Observation | None
    period_label: str = ""
    action: str = "new"   # "new", "changed" or "unchanged"


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int


def parse_value(text) -> Decimal:
    """A number as staff write it: 3.5, 3,5, 1.250,5 (Danish) or 1250."""
    text = str(text).strip().replace("\u00a0", "").replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    value = Decimal(text)
    if not value.is_finite():
        raise InvalidOperation
    return value


def _clean_value(text, indicator) -> tuple[Decimal | None, str | None]:
    if str(text or "").strip() == "":
        return None, _("A value is required.")
    try:
        value = parse_value(text)
    except (InvalidOperation, ValueError):
        return None, _("“%(value)s” is not a number.") % {"value": str(text)[:40]}
    try:
        too_precise = value != value.quantize(Decimal("0.0001"))
    except InvalidOperation:
        too_precise = True
    if too_precise or abs(value) >= Decimal(10) ** 10:
        return None, _("Use at most 10 digits before and 4 after the decimal point.")
    low, high = UNIT_RANGES.get(indicator.unit, (Decimal(0), None))
    if value < low or (high is not None and value > high):
        if high is None:
            return None, _("The value cannot be negative.")
        return None, _("The value must be between %(low)s and %(high)s.") % {
            "low": low, "high": high}
    return value, None


def observations_validate(*, indicator: Indicator, rows: list[dict]) -> list[PlannedRow]:
    """Check every row and plan what an import would do; writes nothing.

    Raises ObservationImportError naming each bad row (as numbered in the file) and column.
    """
    errors: list[RowError] = []
    if indicator.computed:
        raise ObservationImportError([RowError(0, "", _(
            "The portal calculates this indicator itself; its figures cannot be imported."))])
    if len(rows) > MAX_ROWS:
        raise ObservationImportError([RowError(0, "", _(
            "The file has more than %(max)s rows. Split it into smaller files.")
            % {"max": MAX_ROWS})])
    breakdowns = {b.slug: b for b in Breakdown.objects.all()}
    existing = {(o.period, o.breakdown_id): o for o in indicator.observations.all()}
    planned, seen = [], {}
    for index, raw in enumerate(rows):
        number = FIRST_DATA_ROW + index
        # Control characters (Word's Shift+Enter) would break the XLSX downloads later.
        row = {key: ("" if value is None else strip_control_characters(str(value)).strip())
               for key, value in raw.items()}
        if not any(row.values()):
            continue
        row_errors = []
        try:
            period = periods.parse(row.get("period", ""), indicator.frequency)
        except ValueError as error:
            period = None
            row_errors.append(RowError(number, "period", str(error)))
        breakdown = None
        if row.get("breakdown"):
            breakdown = breakdowns.get(row["breakdown"].lower())
            if breakdown is None:
                row_errors.append(RowError(number, "breakdown", _(
                    "Unknown breakdown “%(value)s”. Use one of: %(choices)s.") % {
                    "value": row["breakdown"][:40], "choices": ", ".join(sorted(breakdowns))}))
        value, problem = _clean_value(row.get("value"), indicator)
        if problem:
            row_errors.append(RowError(number, "value", problem))
        status = STATUS_WORDS.get(row.get("status", "").lower())
        if status is None:
            row_errors.append(RowError(number, "status", _(
                "Write “final” or “provisional”.")))
        for column in ("note_da", "note_en"):
            if len(row.get(column, "")) > 300:
                row_errors.append(RowError(number, column, _(
                    "The note is longer than 300 characters.")))
        if period and not any(e.column in ("period", "breakdown") for e in row_errors):
            key = (period, breakdown.pk if breakdown else None)
            if key in seen:
                row_errors.append(RowError(number, "period", _(
                    "Row %(row)s has the same period and breakdown.") % {"row": seen[key]}))
            seen[key] = number
        if row_errors:
            errors.extend(row_errors)
            continue
        current = existing.get(key)
        plan = PlannedRow(number, period, breakdown, value, status, row.get("note_da", ""),
                          row.get("note_en", ""), current,
                           periods.label(period, indicator.frequency))
        if current is None:
            plan.action = "new"
        elif (current.value, current.status, current.note_da or "", current.note_en or "") == (
                value, status, plan.note_da, plan.note_en):
            plan.action = "unchanged"
        else:
            plan.action = "changed"
        planned.append(plan)
    if errors:
        raise ObservationImportError(errors)
    return planned


def observations_import(*, indicator: Indicator, rows: list[dict]) -> ImportSummary:
    """Create or update (upsert on indicator + period + breakdown) the observations in `rows`.

    Every row is validated first; if any is bad nothing is written. Importing the same rows
    again changes nothing.
    """
    planned = observations_validate(indicator=indicator, rows=rows)
    created = updated = 0
    with transaction.atomic():
        for plan in planned:
            if plan.action == "unchanged":
                continue
            observation = plan.existing or Observation(
                indicator=indicator, period=plan.period, breakdown=plan.breakdown)
            observation.value = plan.value
            observation.status = plan.status
            observation.note_da = plan.note_da
            observation.note_en = plan.note_en
            observation.full_clean()
            observation.save()
            if plan.existing:
                updated += 1
            else:
                created += 1
        if created or updated:
            indicator.save(update_fields=["updated_at"])
    return ImportSummary(created, updated, len(planned) - created - updated)


def _record(indicator, period, value, status) -> bool:
    """Create or update one computed figure (the total); True when something changed."""
    value = Decimal(value).quantize(Decimal("0.1"))
    observation = indicator.observations.filter(period=period, breakdown=None).first()
    if observation and (observation.value, observation.status) == (value, status):
        return False
    observation = observation or Observation(indicator=indicator, period=period)
    observation.value, observation.status = value, status
    observation.full_clean()
    observation.save()
    return True


def _guide_usefulness(indicator, today) -> int:
    current = periods.start_of(today, indicator.frequency)
    quarters = (Feedback.objects.annotate(quarter=Trunc("created_on", indicator.frequency))
                .values("quarter").order_by("quarter")
                .annotate(total=Count("id"), yes=Count("id", filter=Q(is_useful=True))))
    changed = 0
    for row in quarters:
        quarter = row["quarter"]
        if isinstance(quarter, datetime.datetime):
            quarter = quarter.date()
        status = (Observation.Status.PROVISIONAL if quarter >= current
                  else Observation.Status.FINAL)
        changed += _record(indicator, quarter, Decimal(row["yes"] * 100) / row["total"], status)
    return changed


def _action_points_done(indicator, today) -> int:
    action_points = ActionPoint.objects.filter(
        theme__policy__status=Policy.Status.ADOPTED).with_action_plan()
    counts = action_points.aggregate(
        total=Count("id"), done=Count("id", filter=Q(status=ActionPoint.Status.DONE)))
    current = periods.start_of(today, indicator.frequency)
    # Earlier quarters keep the share recorded while they ran; they are final once over.
    changed = indicator.observations.filter(
        period__lt=current, status=Observation.Status.PROVISIONAL
    ).update(status=Observation.Status.FINAL)
    if changed:
        bump_content_version()  # update() sends no signals
    if counts["total"]:
        changed += _record(indicator, current, Decimal(counts["done"] * 100) / counts["total"],
                           Observation.Status.PROVISIONAL)
    return changed


def _status_for(period, current):
    return Observation.Status.PROVISIONAL if period >= current else Observation.Status.FINAL


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _opportunities_published(indicator, today) -> int:
    """Opportunities first published in each period (an approval, or staff publishing one
    directly); the date is kept on the opportunity, so every period can be counted again."""
    current = periods.start_of(today, indicator.frequency)
    rows = (Opportunity.objects.filter(published_at__isnull=False)
            .annotate(period=Trunc("published_at", indicator.frequency,
                                   output_field=DateField()))
            .values("period").order_by("period").annotate(total=Count("id")))
    return sum(_record(indicator, _as_date(row["period"]), row["total"],
                       _status_for(_as_date(row["period"]), current)) for row in rows)


def _interest_messages(indicator, today) -> int:
    """"Jeg vil gerne hjælpe" messages sent per period.

    The messages themselves are deleted after INTEREST_RETENTION_DAYS, so a figure is never
    lowered and a period that is over is not counted again: what was recorded while the
    messages existed stands (with monthly or quarterly figures the period ends before any of
    its messages are deleted)."""
    current = periods.start_of(today, indicator.frequency)
    final = set(indicator.observations.filter(breakdown=None, status=Observation.Status.FINAL)
                .values_list("period", flat=True))
    recorded = dict(indicator.observations.filter(breakdown=None)
                    .values_list("period", "value"))
    rows = (InterestMessage.objects
            .annotate(period=Trunc("created_at", indicator.frequency, output_field=DateField()))
            .values("period").order_by("period").annotate(total=Count("id")))
    changed = 0
    for row in rows:
        period = _as_date(row["period"])
        if period in final:
            continue
        value = max(Decimal(row["total"]), recorded.get(period, Decimal(0)))
        changed += _record(indicator, period, value, _status_for(period, current))
    return changed + _finish_past_periods(indicator, current)


def _opportunities_with_interest(indicator, today) -> int:
    """Of the opportunities shown to the public in the current period, the share that got at
    least one message in it; recorded for the current period and final once it is over, so
    the deletion of old messages never changes a figure."""
    current = periods.start_of(today, indicator.frequency)
    shown = Opportunity.objects.published(today=today) | Opportunity.objects.filter(
        published_at__date__lte=today, publish_until__gte=current,
        status__in=["published", "withdrawn"])
    counts = shown.aggregate(
        total=Count("id", distinct=True),
        reached=Count("id", distinct=True,
                      filter=Q(interest_messages__created_at__date__gte=current)))
    changed = _finish_past_periods(indicator, current)
    if counts["total"]:
        changed += _record(indicator, current,
                           Decimal(counts["reached"] * 100) / counts["total"],
                           Observation.Status.PROVISIONAL)
    return changed


def _finish_past_periods(indicator, current) -> int:
    changed = indicator.observations.filter(
        period__lt=current, status=Observation.Status.PROVISIONAL
    ).update(status=Observation.Status.FINAL)
    if changed:
        bump_content_version()  # update() sends no signals
    return changed


COMPUTERS = {
    Indicator.Computed.GUIDE_USEFULNESS: _guide_usefulness,
    Indicator.Computed.ACTION_POINTS_DONE: _action_points_done,
    Indicator.Computed.OPPORTUNITIES_PUBLISHED: _opportunities_published,
    Indicator.Computed.INTEREST_MESSAGES: _interest_messages,
    Indicator.Computed.OPPORTUNITIES_WITH_INTEREST: _opportunities_with_interest,
}


def computed_indicators_refresh(*, today: datetime.date | None = None) -> dict[str, int]:
    """Recalculate every computed indicator from the portal's own data.

    Guide usefulness: the share of "yes" among all answers to "Was this page useful?" under
    the toolbox guides, per period of the indicator's frequency (a quarter in the demo). Action
    points done: the share of the action points of adopted policies whose status is "done",
    recorded for the current period (provisional until the period is over). Volunteering:
    opportunities published per period, "Jeg vil gerne hjælpe" messages sent per period, and
    the share of the opportunities shown in the current period that got at least one message.
    Returns the number of changed figures per indicator slug.
    """
    today = today or timezone.localdate()
    result = {}
    with transaction.atomic():
        for indicator in Indicator.objects.exclude(computed=""):
            changed = COMPUTERS[indicator.computed](indicator, today)
            if changed:
                indicator.save(update_fields=["updated_at"])
            result[indicator.slug] = changed
    return result


@transaction.atomic
def indicator_themes_move(*, mapping: dict[Theme, Theme | None]) -> int:
    """Move every indicator's links from the old themes in `mapping` to the new ones (None:
    the link is dropped) in one step, e.g. after a new policy is adopted. Each indicator gets a
    version in the history with its old links (unless its newest version already holds them)
    and one with the new, so the history shows both. Returns how many indicators changed."""
    old_ids = {theme.pk for theme in mapping}
    target = {theme.pk: new.pk if new else None for theme, new in mapping.items()}
    indicators = (Indicator.objects.select_for_update()
                  .filter(pk__in=Indicator.themes.through.objects.filter(theme_id__in=old_ids)
                          .values("indicator_id"))
                  .order_by("pk"))
    changed = 0
    for indicator in indicators:
        before = set(indicator.themes.values_list("pk", flat=True))
        after = (before - old_ids) | {target[pk] for pk in before & old_ids if target[pk]}
        if after == before:
            continue
        latest = indicator.history.order_by("-history_date", "-history_id").first()
        if latest is None or set(latest.themes.values_list("theme_id", flat=True)) != before:
            indicator._change_reason = _("Theme links before the move")
            indicator.save()
        indicator.skip_history_when_saving = True  # one version for the whole move, below
        indicator.themes.set(after)
        del indicator.skip_history_when_saving
        indicator._change_reason = _("Theme links moved to the new policy's themes")
        indicator.save()
        changed += 1
    bump_content_version()
    return changed
def meeting_status_create(*, meeting_on: datetime.date, title_da: str, title_en: str = "",
                          is_example_data: bool = False, created_by=None,
                          today: datetime.date | None = None) -> MeetingStatus:
    """Freeze the indicators, judgements and action points as they are now for a meeting."""
    with transaction.atomic():
        public, internal = statuses.freeze(today=today)
        status = MeetingStatus(
            meeting_on=meeting_on, title_da=title_da, title_en=title_en or "",
            is_example_data=is_example_data, created_by=created_by, frozen_at=timezone.now(),
            public=public, internal=internal)
        status.title = title_da
        status.full_clean()
        status.save()
    return status
