"""Demo indicators (indicators.toml): created where missing, never overwriting staff edits.

Links to themes, action points and owners that the policy demo has not created are skipped.
"""

import datetime
import tomllib
from decimal import Decimal
from pathlib import Path

from django.utils import timezone

from indicators import periods
from indicators.models import (
    Annotation, BenchmarkPoint, BenchmarkSeries, Breakdown, Indicator, MeetingStatus,
    Observation, Target,
)
from indicators.services import computed_indicators_refresh, meeting_status_create
from policy.models import ActionPoint, Body, ProgressNote, Theme

DEMO_POLICY = "frivillighedspolitik"  # the slug of policy/demo/frivillighedspolitik.toml

HERE = Path(__file__).parent


def _translated(data: dict, *fields: str) -> dict:
    return {f"{field}_{language}": data[language][field]
            for language in ("da", "en") for field in fields
            if field in data.get(language, {})}


def _create(model, **values):
    instance = model(**values)
    instance.full_clean()
    instance.save()
    return instance


def _indicator(item: dict, position: int, breakdowns: dict) -> Indicator:
    indicator = _create(
        Indicator, slug=item["slug"], unit=item["unit"], decimals=item.get("decimals", 0),
        direction=item["direction"], frequency=item["frequency"],
        visibility=item.get("visibility", "public"),
        is_example_data=item.get("is_example_data", False), computed=item.get("computed", ""),
        owner=Body.objects.filter(slug=item.get("owner", "")).first(), position=position,
        baseline_period=periods.parse(item["baseline"], item["frequency"])
        if "baseline" in item else None,
        **_translated(item, "name", "description", "definition", "source"),
    )
    # The demo indicators measure the demo policy; other policies may reuse the same slugs.
    themes = Theme.objects.filter(policy__slug=DEMO_POLICY, slug__in=item.get("themes", []))
    indicator.themes.set(themes)
    indicator.action_points.set(ActionPoint.objects.filter(
        theme__policy__slug=DEMO_POLICY, slug__in=item.get("action_points", [])))
    for row in item.get("observations", []):
        _create(Observation, indicator=indicator,
                period=periods.parse(row["period"], indicator.frequency),
                breakdown=breakdowns.get(row.get("breakdown")), value=Decimal(str(row["value"])),
                status=row.get("status", "final"), note_da=row.get("note_da", ""),
                note_en=row.get("note_en", ""))
    for row in item.get("targets", []):
        _create(Target, indicator=indicator,
                period=periods.parse(row["period"], indicator.frequency),
                value=Decimal(str(row["value"])))
    return indicator


def load(*, stdout) -> None:
    with (HERE / "indicators.toml").open("rb") as fh:
        data = tomllib.load(fh)
    created = 0
    for item in data.get("breakdown", []):
        if not Breakdown.objects.filter(slug=item["slug"]).exists():
            _create(Breakdown, slug=item["slug"], dimension=item["dimension"],
                    position=item.get("position", 0), **_translated(item, "name"))
    breakdowns = {b.slug: b for b in Breakdown.objects.all()}
    existing = set(Indicator.objects.values_list("slug", flat=True))
    for position, item in enumerate(data.get("indicator", []), start=1):
        if item["slug"] not in existing:
            _indicator(item, position * 10, breakdowns)
            created += 1
    indicators = {i.slug: i for i in Indicator.objects.all()}
    for position, item in enumerate(data.get("benchmark", []), start=1):
        indicator = indicators.get(item["indicator"])
        if indicator is None or BenchmarkSeries.objects.filter(slug=item["slug"]).exists():
            continue
        series = _create(BenchmarkSeries, indicator=indicator, slug=item["slug"],
                         position=position * 10, **_translated(item, "name", "source"))
        for point in item.get("points", []):
            _create(BenchmarkPoint, series=series, year=int(point["period"]),
                    value=Decimal(str(point["value"])))
    for item in data.get("annotation", []):
        indicator = indicators.get(item.get("indicator") or "")
        if item.get("indicator") and indicator is None:
            continue
        text = _translated(item, "text")
        if not Annotation.objects.filter(date=item["date"], indicator=indicator,
                                         text_da=text.get("text_da")).exists():
            _create(Annotation, date=item["date"], indicator=indicator, **text)
    changed = computed_indicators_refresh()
    stdout.write(f"Indicators: {created} created, computed figures refreshed "
                 f"({sum(changed.values())} changed).")
    if not MeetingStatus.objects.exists():
        _statuses(stdout)


def _frozen_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _status(item: dict) -> MeetingStatus:
    status = meeting_status_create(
        meeting_on=item["meeting_on"], title_da=item["da"]["title"], title_en=item["en"]["title"],
        is_example_data=True)
    # The demo's statuses read as if made some days before their meetings.
    MeetingStatus.objects.filter(pk=status.pk).update(frozen_at=_frozen_at(item["frozen_on"]))
    return status


def _change(item: dict) -> None:
    """One thing that happened between the demo's meetings, applied only where the demo's
    records are still as the demo made them."""
    if "action_point" in item:
        point = ActionPoint.objects.filter(theme__policy__slug=DEMO_POLICY,
                                           slug=item["action_point"],
                                           status=item["from_status"]).first()
        if point is None:
            return
        point.status = item["to_status"]
        point.full_clean()
        point.save(update_fields=["status"])
        _create(ProgressNote, action_point=point, noted_on=item["noted_on"],
                text_da=item["da"]["note"], text_en=item["en"]["note"])
        return
    indicator = Indicator.objects.filter(slug=item["indicator"], is_example_data=True).first()
    if indicator is None:
        return
    for row in item["observations"]:
        period = periods.parse(row["period"], indicator.frequency)
        if not indicator.observations.filter(period=period, breakdown=None).exists():
            _create(Observation, indicator=indicator, period=period,
                    value=Decimal(str(row["value"])), status=row["status"],
                    note_da=row.get("note_da", ""), note_en=row.get("note_en", ""))


def _statuses(stdout) -> None:
    """The first status, what changed after it, the second status (statuses.toml)."""
    with (HERE / "statuses.toml").open("rb") as fh:
        data = tomllib.load(fh)
    first, *later = data.get("status", [])
    _status(first)
    for item in data.get("change", []):
        _change(item)
    computed_indicators_refresh()
    for item in later:
        _status(item)
    stdout.write(f"Indicators: {1 + len(later)} statuses for committee meetings made.")
