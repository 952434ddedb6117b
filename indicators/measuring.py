"""The figures that measure action points and themes, as the policy pages show them: each linked
indicator's latest value, its change since the baseline and its judgement, and for an action
point the status the figures give (policy/measures.py describes the hook; apps.py registers it).

Only public indicators are shown on the policy pages and decide the computed status, so those
pages stay the same for every reader (and may be cached).
"""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from indicators import figures, judgement
from indicators.models import Indicator, Observation


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
    """Indicators with what `judgement.assess` reads prefetched: the totals and the targets."""
    return queryset.prefetch_related(
        Prefetch("observations", queryset=Observation.objects.filter(breakdown=None)
                 .order_by("period"), to_attr="totals"),
        "targets",
    )


def figures_for(indicators, *, adopted_on) -> list[Figure]:
    return [Figure(indicator, judgement.assess(indicator, indicator.totals,
                                               adopted_on=adopted_on))
            for indicator in indicators]


def computed_status(assessments, status: str) -> Computed | None:
    code = judgement.combined(assessments)
    if code is None:
        return None
    return Computed(code, judgement.label(code), judgement.status_fits(code, status))


def links(action_point_ids) -> dict:
    """{action point pk: [indicator pk, …]} for the public indicators that measure them."""
    through = Indicator.action_points.through
    found: dict = {}
    rows = through.objects.filter(
        actionpoint_id__in=action_point_ids,
        indicator__visibility=Indicator.Visibility.PUBLIC,
    ).order_by("indicator__position", "indicator__name").values_list("actionpoint_id",
                                                                     "indicator_id")
    for action_point_id, indicator_id in rows:
        found.setdefault(action_point_id, []).append(indicator_id)
    return found


def attach(action_points, user) -> None:
    """The provider for policy.measures: sets `measured_by` and `computed` on each action point
    in four queries, however many there are."""
    linked = links([p.pk for p in action_points])
    ids = {pk for pks in linked.values() for pk in pks}
    if not ids:
        return
    adopted_on = judgement.current_adoption_date()
    by_pk = {f.indicator.pk: f for f in figures_for(
        with_figures(Indicator.objects.filter(pk__in=ids)), adopted_on=adopted_on)}
    for action_point in action_points:
        action_point.measured_by = [by_pk[pk] for pk in linked.get(action_point.pk, [])]
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
        with_figures(Indicator.objects.filter(pk__in=public)),
        adopted_on=judgement.current_adoption_date())]
    computed = computed_status(assessments, action_point.status)
    if computed is None or computed.fits:
        return ""
    return _("The figures that measure this action point say “%(computed)s”, which does not fit "
             "the status “%(status)s”. Keep the status if you like, but write a one-line reason "
             "for it in “reason for the status”.") % {
        "computed": computed.label, "status": action_point.get_status_display()}
