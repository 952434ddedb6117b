"""A status for a committee meeting (issue 15.3): what is frozen, and how it is shown.

`freeze()` reads the indicators, their figures, targets and judgements, and the public action
points with their progress notes, and returns plain JSON (both languages of every text), which
services.meeting_status_create stores. Internal indicators go to a part of their own, so the
public page is built from JSON that never held them.

`present()` turns the frozen JSON back into what the pages show, in the reader's language,
through the same wording as the live pages (indicators/figures.py), and `changes()` compares a
status with the one before it. Neither queries the database.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone, translation
from django.utils.translation import get_language

from indicators import figures, judgement, periods
from indicators.models import Indicator, Observation
from policy.models import ActionPoint, ProgressNote, Theme

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# The version of the JSON layout, so a later layout can still read old statuses.
LAYOUT = 1


# --- Freezing --------------------------------------------------------------------------------

def _texts(obj, name: str) -> dict:
    """Every language of a translated field: {"da": …, "en": …}."""
    return {code: getattr(obj, f"{name}_{code}", None) or "" for code in LANGUAGES}


def _judgement(indicator, observations, today, adopted_on) -> dict:
    """The judgement (indicators/judgement.py) as it reads in each language."""
    frozen = {}
    for code in LANGUAGES:
        with translation.override(code):
            assessment = judgement.assess(indicator, observations, today=today,
                                          adopted_on=adopted_on)
        frozen["code"] = assessment.code
        for key in ("label", "sentence", "explanation"):
            frozen.setdefault(key, {})[code] = str(getattr(assessment, key) or "")
    return frozen


def _indicator(indicator, today, adopted_on) -> dict:
    observations = list(indicator.frozen_observations)
    return {
        "slug": indicator.slug,
        "name": _texts(indicator, "name"),
        "unit": indicator.unit,
        "decimals": indicator.decimals,
        "direction": indicator.direction,
        "frequency": indicator.frequency,
        "is_example_data": indicator.is_example_data,
        "is_internal": indicator.is_internal,
        "themes": [_texts(theme, "title") for theme in indicator.themes.all()],
        "observations": [{
            "period": o.period.isoformat(),
            "breakdown": ({"slug": o.breakdown.slug, "name": _texts(o.breakdown, "name")}
                          if o.breakdown else None),
            "value": str(o.value),
            "status": o.status,
            "note": _texts(o, "note"),
        } for o in observations],
        "targets": [{"period": t.period.isoformat(), "value": str(t.value)}
                    for t in indicator.targets.all()],
        "judgement": _judgement(indicator, observations, today, adopted_on),
    }


def _action_point(point) -> dict:
    return {
        "key": f"{point.theme.policy.slug}/{point.theme.slug}/{point.slug}",
        "policy": _texts(point.theme.policy, "title"),
        "theme": _texts(point.theme, "title"),
        "title": _texts(point, "title"),
        "status": point.status,
        "status_reason": _texts(point, "status_reason"),
        "due_on": point.due_on.isoformat() if point.due_on else None,
        "notes": [{"id": note.pk, "noted_on": note.noted_on.isoformat(),
                   "text": _texts(note, "text")} for note in point.progress_notes.all()],
    }


def freeze(*, today=None) -> tuple[dict, dict]:
    """(public part, internal part) as they are now; a fixed number of queries."""
    today = today or timezone.localdate()
    indicators = Indicator.objects.select_related("owner").prefetch_related(
        Prefetch("themes", queryset=Theme.objects.public().in_policy_order()),
        Prefetch("observations", queryset=Observation.objects.in_reading_order(),
                 to_attr="frozen_observations"),
        "targets",
    ).annotate(policy_adopted_on=judgement.adoption_date_subquery()).order_by("position", "name")
    points = ActionPoint.objects.public().select_related("theme__policy").prefetch_related(
        Prefetch("progress_notes", queryset=ProgressNote.objects.order_by("noted_on", "id")),
    ).order_by("theme__policy__title", "theme__position", "position")
    public = {"layout": LAYOUT, "indicators": [], "action_points": [
        _action_point(point) for point in points]}
    internal = {"layout": LAYOUT, "indicators": []}
    for indicator in indicators:
        (internal if indicator.is_internal else public)["indicators"].append(
            _indicator(indicator, today, indicator.policy_adopted_on))
    return public, internal


# --- Showing ---------------------------------------------------------------------------------

def text(texts: dict) -> str:
    """A frozen text in the reader's language, else in Danish (as the live pages fall back)."""
    texts = texts or {}
    return texts.get(get_language() or "da") or texts.get("da") or ""


def _status_label(code: str) -> str:
    try:
        return str(ActionPoint.Status(code).label)
    except ValueError:
        return code


@dataclass
class FrozenFigure:
    period: datetime.date
    period_label: str
    value: Decimal
    value_text: str
    status: str
    note: str
    breakdown: str

    @property
    def is_provisional(self):
        return self.status == Observation.Status.PROVISIONAL

    @property
    def status_label(self):
        return str(Observation.Status(self.status).label) if self.status in Observation.Status.values else self.status


@dataclass
class FrozenIndicator:
    slug: str
    name: str
    is_internal: bool
    is_example_data: bool
    themes: list
    figures: list        # the totals, oldest first
    latest: FrozenFigure | None
    change: figures.Change | None
    target: figures.TargetStatus | None
    judgement: dict | None
    breakdown_count: int


@dataclass
class FrozenActionPoint:
    key: str
    policy: str
    theme: str
    title: str
    status: str
    status_label: str
    status_reason: str
    due_on: datetime.date | None
    notes: list = field(default_factory=list)   # [(date, text)], newest first


def _shape(data: dict):
    """What figures.py needs of an indicator: unit, decimals, direction, frequency."""
    return SimpleNamespace(unit=data["unit"], decimals=data["decimals"],
                           direction=data["direction"], frequency=data["frequency"])


def _figure(row: dict, shape) -> FrozenFigure:
    period = datetime.date.fromisoformat(row["period"])
    value = Decimal(row["value"])
    return FrozenFigure(
        period=period, period_label=periods.label(period, shape.frequency), value=value,
        value_text=figures.value_text(value, shape), status=row["status"],
        note=text(row.get("note")),
        breakdown=text(row["breakdown"]["name"]) if row.get("breakdown") else "")


def _present_indicator(data: dict) -> FrozenIndicator:
    shape = _shape(data)
    rows = [_figure(row, shape) for row in data["observations"]]
    totals = [f for f in rows if not f.breakdown]
    latest, previous = figures.latest_two(totals)
    targets = [SimpleNamespace(period=datetime.date.fromisoformat(t["period"]),
                               value=Decimal(t["value"])) for t in data["targets"]]
    for target in targets:
        target.period_label = periods.label(target.period, shape.frequency)
    frozen_judgement = data.get("judgement")
    return FrozenIndicator(
        slug=data["slug"], name=text(data["name"]), is_internal=data["is_internal"],
        is_example_data=data["is_example_data"], themes=[text(t) for t in data["themes"]],
        figures=totals, latest=latest, change=figures.change(shape, latest, previous),
        target=figures.target_status(shape, latest, targets),
        judgement={"code": frozen_judgement["code"], "label": text(frozen_judgement["label"]),
                   "sentence": text(frozen_judgement["sentence"]),
                   "explanation": text(frozen_judgement.get("explanation"))}
        if frozen_judgement else None,
        breakdown_count=len(rows) - len(totals),
    )


def _present_action_point(data: dict) -> FrozenActionPoint:
    return FrozenActionPoint(
        key=data["key"], policy=text(data["policy"]), theme=text(data["theme"]),
        title=text(data["title"]), status=data["status"],
        status_label=_status_label(data["status"]),
        status_reason=text(data.get("status_reason")),
        due_on=datetime.date.fromisoformat(data["due_on"]) if data["due_on"] else None,
        notes=[(datetime.date.fromisoformat(n["noted_on"]), text(n["text"]))
               for n in reversed(data["notes"])],
    )


def _parts(status, *, with_internal: bool) -> dict:
    """The frozen JSON a reader may see: the public part, plus the internal one if allowed."""
    data = status.public or {}
    indicators = list(data.get("indicators", []))
    if with_internal:
        indicators += (status.internal or {}).get("indicators", [])
    return {"indicators": indicators, "action_points": data.get("action_points", [])}


@dataclass
class Themed:
    title: str
    items: list


def _grouped(items, key) -> list[Themed]:
    groups: dict = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return [Themed(title, group) for title, group in groups.items()]


def present(status, *, with_internal: bool) -> dict:
    data = _parts(status, with_internal=with_internal)
    indicators = [_present_indicator(item) for item in data["indicators"]]
    points = [_present_action_point(item) for item in data["action_points"]]
    return {
        "indicators": indicators,
        "has_internal": any(i.is_internal for i in indicators),
        "action_point_groups": _grouped(points, lambda p: f"{p.policy}: {p.theme}"),
        "action_point_count": len(points),
    }


# --- What changed since the previous status -------------------------------------------------

@dataclass
class Changes:
    previous: object
    new_figures: list = field(default_factory=list)       # (indicator name, FrozenFigure)
    revised_figures: list = field(default_factory=list)   # (indicator name, old, new)
    judgements: list = field(default_factory=list)        # (indicator name, old label, new label)
    statuses: list = field(default_factory=list)          # (action point title, old, new)
    new_notes: list = field(default_factory=list)         # (action point title, date, text)

    @property
    def count(self):
        return (len(self.new_figures) + len(self.revised_figures) + len(self.judgements)
                + len(self.statuses) + len(self.new_notes))


def _figure_key(row):
    breakdown = row.get("breakdown")
    return row["period"], breakdown["slug"] if breakdown else None


def changes(status, previous, *, with_internal: bool) -> Changes | None:
    """What moved between `previous` and `status`: figures that are new or revised, judgements
    that moved, action points whose status changed, progress notes that are new."""
    if previous is None:
        return None
    now = _parts(status, with_internal=with_internal)
    before = _parts(previous, with_internal=with_internal)
    found = Changes(previous=previous)
    old_indicators = {item["slug"]: item for item in before["indicators"]}
    for item in now["indicators"]:
        shape = _shape(item)
        name = text(item["name"])
        old = old_indicators.get(item["slug"], {"observations": [], "judgement": None})
        old_rows = {_figure_key(row): row for row in old["observations"]}
        for row in item["observations"]:
            earlier = old_rows.get(_figure_key(row))
            if earlier is None:
                found.new_figures.append((name, _figure(row, shape)))
            elif (Decimal(earlier["value"]), earlier["status"]) != (Decimal(row["value"]),
                                                                     row["status"]):
                found.revised_figures.append((name, _figure(earlier, shape), _figure(row, shape)))
        new_judgement, old_judgement = item.get("judgement"), old.get("judgement")
        if new_judgement and old_judgement and new_judgement["code"] != old_judgement["code"]:
            found.judgements.append((name, text(old_judgement["label"]),
                                     text(new_judgement["label"])))
        elif new_judgement and not old_judgement and item["slug"] in old_indicators:
            found.judgements.append((name, "", text(new_judgement["label"])))
    old_points = {item["key"]: item for item in before["action_points"]}
    for item in now["action_points"]:
        title = text(item["title"])
        old = old_points.get(item["key"])
        if old is None or old["status"] != item["status"]:
            found.statuses.append((title, _status_label(old["status"]) if old else "",
                                   _status_label(item["status"])))
        old_notes = {note["id"] for note in old["notes"]} if old else set()
        for note in item["notes"]:
            if note["id"] not in old_notes:
                found.new_notes.append((title, datetime.date.fromisoformat(note["noted_on"]),
                                        text(note["text"])))
    return found
