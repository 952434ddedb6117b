"""The figures that measure action points and themes, as the policy pages show them: each linked
indicator's latest value, its change since the baseline and its judgement, and for an action
point the status the figures give (policy/measures.py describes the hook; apps.py registers it).

Only public indicators are shown on the policy pages and decide the computed status, so those
pages stay the same for every reader (and may be cached).
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import CharField, OuterRef
from django.db.models.functions import Cast, JSONObject
from django.utils.translation import gettext as _

from indicators import figures, judgement
from indicators.models import Indicator, Observation, Target


@dataclass(frozen=True)
class Figure:
    """One indicator as a line beside an action point or a theme."""

    indicator: Indicator
    assessment: judgement.Assessment

    @property
    def name(self):
        return self.indicator.name

    @property
    def url(self):
        return self.indicator.get_absolute_url()

    @property
    def is_example_data(self):
        return self.indicator.is_example_data

    @property
    def latest_text(self):
        latest = self.assessment.latest
        return figures.value_text(latest.value, self.indicator) if latest else ""

    @property
    def latest_period(self):
        latest = self.assessment.latest
        return latest.period_label if latest else ""

    @property
    def latest_provisional(self):
        latest = self.assessment.latest
        return bool(latest and latest.provisional)

    @property
    def sentence(self):
        return self.assessment.sentence

    @property
    def code(self):
        return self.assessment.code

    @property
    def label(self):
        return self.assessment.label


@dataclass(frozen=True)
class Computed:
    """The status an action point's figures give, and whether the status staff set fits it."""

    code: str
    label: str
    fits: bool


def with_figures(queryset):
    """Indicators with what `judgement.assess` reads, in the same query: the totals and the
    targets as arrays, and the current policy's adoption date (no prefetch, so a page that
    shows figures keeps within its query budget, docs/performance.md)."""
    # annotate() then values("row"): modeltranslation's values() with only an expression would
    # select every column of the translated Observation.
    totals = Observation.objects.filter(indicator=OuterRef("pk"), breakdown=None).order_by(
        "period").annotate(row=JSONObject(period="period", value=Cast("value", CharField()),
                                          status="status")).values("row")
    targets = Target.objects.filter(indicator=OuterRef("pk")).order_by("period").annotate(
        row=JSONObject(period="period", value=Cast("value", CharField()))).values("row")
    return queryset.annotate(judgement_totals=ArraySubquery(totals),
                             judgement_targets=ArraySubquery(targets),
                             policy_adopted_on=judgement.adoption_date_subquery())


@dataclass(frozen=True)
class Total:
    """One of an indicator's totals, with what `judgement.assess` reads of an Observation.

    Not an Observation: a model instance costs far more to make (its fields, the translated
    fields' descriptors, the init signals), and a dashboard at scale judges thousands."""

    period: datetime.date
    value: Decimal
    status: str
    breakdown_id: None = None


def inputs(indicator) -> dict:
    """The keyword arguments of `judgement.assess` for an indicator from `with_figures`: its
    totals, unsaved Target records and the adoption date."""
    observations = [Total(period=datetime.date.fromisoformat(row["period"]),
                          value=Decimal(row["value"]), status=row["status"])
                    for row in indicator.judgement_totals]
    return {"observations": observations, "targets": targets_of(indicator),
            "adopted_on": indicator.policy_adopted_on}


def targets_of(indicator) -> list:
    return [Target(indicator=indicator, period=datetime.date.fromisoformat(row["period"]),
                   value=Decimal(row["value"])) for row in indicator.judgement_targets]


def figures_for(indicators) -> list[Figure]:
    return [Figure(indicator, judgement.assess(indicator, **inputs(indicator)))
            for indicator in indicators]


def computed_status(assessments, status: str) -> Computed | None:
    code = judgement.combined(assessments)
    if code is None:
        return None
    return Computed(code, judgement.label(code), judgement.status_fits(code, status))


def attach(action_points, user) -> None:
    """The provider for policy.measures: sets `measured_by` and `computed` on each action point
    in one query, however many there are: the public indicators that measure any of them, each
    with its figures and the ids of the action points it measures."""
    ids = [p.pk for p in action_points]
    through = Indicator.action_points.through.objects.filter(actionpoint_id__in=ids)
    indicators = with_figures(
        Indicator.objects.public().filter(pk__in=through.values("indicator_id"))
        .annotate(measured_ids=ArraySubquery(through.filter(indicator_id=OuterRef("pk"))
                                             .values("actionpoint_id")))
        .order_by("position", "name"))
    measured_by: dict = {}
    for figure in figures_for(indicators):
        for pk in figure.indicator.measured_ids:
            measured_by.setdefault(pk, []).append(figure)
    for action_point in action_points:
        action_point.measured_by = measured_by.get(action_point.pk, [])
        action_point.computed = computed_status(
            [f.assessment for f in action_point.measured_by], action_point.status)


def has_reason(action_point) -> bool:
    return any((getattr(action_point, f"status_reason_{language}", "") or "").strip()
               for language in ("da", "en"))


def status_problem(indicators, action_point) -> str:
    """The admin's message when the action point's status does not fit what these indicators
    (those that measure it; internal ones do not count) say and no reason is given, or ""."""
    public = [i.pk for i in indicators if not i.is_internal]
    if not public or has_reason(action_point):
        return ""
    assessments = [f.assessment for f in figures_for(
        with_figures(Indicator.objects.filter(pk__in=public)))]
    computed = computed_status(assessments, action_point.status)
    if computed is None or computed.fits:
        return ""
    return _("The figures that measure this action point say “%(computed)s”, which does not fit "
             "the status “%(status)s”. Keep the status if you like, but write a one-line reason "
             "for it in “reason for the status”.") % {
        "computed": computed.label, "status": action_point.get_status_display()}
