import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.urls import reverse
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from core.private import may_read_internal
from indicators import periods
from policy.models import Theme


class Breakdown(models.Model):
    """A value of a dimension an indicator can be broken down by ("Idræt" in "area")."""

    class Dimension(models.TextChoices):
        AREA = "area", _("Area")
        AGE = "age", _("Age group")

    dimension = models.CharField(_("dimension"), max_length=20, choices=Dimension.choices)
    slug = models.SlugField(_("slug"), unique=True,
                            help_text=_("Used in import files, e.g. “idraet”."))
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["dimension", "position", "slug"]
        verbose_name = _("breakdown")
        verbose_name_plural = _("breakdowns")

    def __str__(self):
        return f"{self.get_dimension_display()}: {self.name}"


INTERNAL_PERMISSION = "indicators.view_internal_indicator"


class IndicatorQuerySet(models.QuerySet):
    def public(self):
        """Indicators anyone may see: on pages, in the sitemap, search and downloads."""
        return self.filter(visibility=Indicator.Visibility.PUBLIC)

    def visible_to(self, user):
        """Public indicators, plus internal ones for readers with the permission."""
        if may_read_internal(user, INTERNAL_PERMISSION):
            return self.all()
        return self.public()

    def for_dashboard(self, *, breakdown=None, start=None, end=None):
        """Everything a dashboard tile needs in a constant number of queries: owner, themes,
        targets and the series (the total, or one breakdown) between `start` and `end`."""
        observations = Observation.objects.filter(breakdown=breakdown).order_by("period")
        if start:
            observations = observations.filter(period__gte=start)
        if end:
            observations = observations.filter(period__lte=end)
        return self.select_related("owner").prefetch_related(
            Prefetch("themes", queryset=_themes_in_order()),
            Prefetch("observations", queryset=observations, to_attr="series"),
            "targets",
        )


    def for_catalogue(self):
        """Public indicators with what the open-data catalogue says of each, in two queries
        however many figures they have: the first and last period, when a figure last
        changed, and the public themes."""
        return self.public().annotate(
            first_period=models.Min("observations__period"),
            last_period=models.Max("observations__period"),
            figures_updated_at=models.Max("observations__updated_at"),
        ).prefetch_related(Prefetch("themes", queryset=_themes_in_order())).order_by(
            "position", "slug")


def _themes_in_order():
    return Theme.objects.public().in_policy_order()


# The values a figure in a bounded unit can take (inclusive); every other unit is 0 or more.
UNIT_RANGES = {
    "percent": (Decimal(0), Decimal(100)),
    "score": (Decimal(1), Decimal(5)),
}


class Indicator(models.Model):
    class Unit(models.TextChoices):
        COUNT = "count", _("Count")
        PERCENT = "percent", _("Percent")
        HOURS = "hours", _("Hours")
        DKK = "dkk", _("Danish kroner")
        SCORE = "score", _("Score (1–5)")
        DAYS = "days", _("Days")

    class Direction(models.TextChoices):
        HIGHER = "higher_is_better", _("Higher is better")
        LOWER = "lower_is_better", _("Lower is better")
        NEUTRAL = "neutral", _("Neither (neutral)")

    class Frequency(models.TextChoices):
        YEAR = "year", _("Yearly")
        QUARTER = "quarter", _("Quarterly")
        MONTH = "month", _("Monthly")

    class Visibility(models.TextChoices):
        PUBLIC = "public", pgettext_lazy("indicator visibility", "Public")
        INTERNAL = "internal", pgettext_lazy("indicator visibility", "Internal")

    class Computed(models.TextChoices):
        NONE = "", _("No: figures are entered or imported")
        GUIDE_USEFULNESS = "guide_usefulness", _("Share of guide readers who found it useful")
        ACTION_POINTS_DONE = "action_points_done", _("Share of action points done")
        OPPORTUNITIES_PUBLISHED = "opportunities_published", _(
            "Volunteering opportunities published")
        INTEREST_MESSAGES = "interest_messages", _(
            "“Jeg vil gerne hjælpe” messages sent")
        OPPORTUNITIES_WITH_INTEREST = "opportunities_with_interest", _(
            "Share of opportunities that got at least one message")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    description = models.TextField(
        _("what it measures and why"), blank=True, help_text=_("Markdown.")
    )
    definition = models.TextField(_("definition and method"), blank=True, help_text=_("Markdown."))
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.COUNT)
    decimals = models.PositiveSmallIntegerField(
        _("decimals"), default=0, help_text=_("How many decimals figures are shown with (0–3).")
    )
    direction = models.CharField(
        _("direction"), max_length=20, choices=Direction.choices, default=Direction.HIGHER
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.YEAR
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    owner = models.ForeignKey(
        "policy.Body", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="indicators", verbose_name=_("owner department"),
    )
    themes = models.ManyToManyField(
        "policy.Theme", blank=True, related_name="indicators", verbose_name=_("themes"),
        help_text=_("The themes of the policy this indicator measures."),
    )
    action_points = models.ManyToManyField(
        "policy.ActionPoint", blank=True, related_name="indicators",
        verbose_name=_("action points"),
    )
    baseline_period = models.DateField(
        _("baseline period"), null=True, blank=True,
        help_text=_("Empty: the period the current policy was adopted in (or the nearest final "
                    "figure before it). Set a period, e.g. 1 January 2019, to count the change "
                    "and the judgement from that period instead."),
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC,
        help_text=_("Internal indicators are only shown to logged-in users with the permission "
                    "“Can view internal indicators”."),
    )
    is_example_data = models.BooleanField(
        _("example data"), default=False,
        help_text=_("The figures are invented: shown with the label “Eksempeldata”."),
    )
    computed = models.CharField(
        _("calculated by the portal"), max_length=30, choices=Computed.choices, blank=True,
        default=Computed.NONE,
        help_text=_("Calculated figures are refreshed by the command refresh_computed_indicators."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        permissions = [("view_internal_indicator", _("Can view internal indicators"))]

    def __str__(self):
        return self.name

    def clean(self):
        if self.decimals > 3:
            raise ValidationError({"decimals": _("Use at most 3 decimals.")})
        if self.baseline_period:
            error = periods.alignment_error(self.baseline_period, self.frequency)
            if error:
                raise ValidationError({"baseline_period": error})

    def get_absolute_url(self):
        return reverse("indicators:indicator-detail", kwargs={"slug": self.slug})

    @property
    def is_internal(self):
        return self.visibility == self.Visibility.INTERNAL


class InIndicatorPeriod:
    """For a figure of an indicator at a period: the period must start where the indicator's
    frequency says (1 January, a quarter's first day, a month's first day)."""

    def clean(self):
        if self.period and self.indicator_id:
            error = periods.alignment_error(self.period, self.indicator.frequency)
            if error:
                raise ValidationError({"period": error})

    @property
    def period_label(self):
        return periods.label(self.period, self.indicator.frequency)


class ObservationQuerySet(models.QuerySet):
    def in_reading_order(self):
        """Period by period, each period's breakdowns in their order (the total first): as the
        indicator page, its downloads and the import template list them."""
        return self.select_related("breakdown").order_by(
            "period", "breakdown__dimension", "breakdown__position")


class Observation(InIndicatorPeriod, models.Model):
    """One figure: the value of an indicator for a period (and optionally a breakdown)."""

    class Status(models.TextChoices):
        PROVISIONAL = "provisional", pgettext_lazy("observation status", "Provisional")
        FINAL = "final", pgettext_lazy("observation status", "Final")

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="observations",
        verbose_name=_("indicator"),
    )
    period = models.DateField(
        _("period"),
        help_text=_("The first day of the period: 1 January for a year, 1 April for the second "
                    "quarter, 1 May for May."),
    )
    breakdown = models.ForeignKey(
        Breakdown, on_delete=models.PROTECT, null=True, blank=True, related_name="observations",
        verbose_name=_("breakdown"), help_text=_("Empty: the total."),
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.FINAL
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "period", "breakdown"]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period", "breakdown"], nulls_distinct=False,
                name="observation_unique_per_period_and_breakdown",
            ),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_label}"

    @property
    def is_provisional(self):
        return self.status == self.Status.PROVISIONAL


class Target(InIndicatorPeriod, models.Model):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    period = models.DateField(
        _("period"), help_text=_("The first day of the period the target is for.")
    )
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["indicator", "period"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period"], name="target_unique_period"),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.period_label}"


class BenchmarkSeries(models.Model):
    """A series from one outside source shown beside an indicator. Each survey is its own
    series: points from different sources are never joined into one line."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="benchmarks",
        verbose_name=_("indicator"), help_text=_("The indicator it is shown beside."),
    )
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"), help_text=_("Who measured it, how, and caveats."))
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["indicator", "position", "slug"]
        verbose_name = _("benchmark series")
        verbose_name_plural = _("benchmark series")

    def __str__(self):
        return self.name


class BenchmarkPoint(models.Model):
    series = models.ForeignKey(
        BenchmarkSeries, on_delete=models.CASCADE, related_name="points",
        verbose_name=_("benchmark series"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)

    class Meta:
        ordering = ["series", "year"]
        verbose_name = _("benchmark point")
        verbose_name_plural = _("benchmark points")
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="benchmark_point_unique_year"),
        ]

    def __str__(self):
        return f"{self.series}: {self.year}"

    @property
    def period(self):
        return datetime.date(self.year, 1, 1)


class AnnotationQuerySet(models.QuerySet):
    def for_indicator(self, indicator):
        """Annotations of this indicator and those shown on every chart."""
        return self.filter(models.Q(indicator=indicator) | models.Q(indicator__isnull=True))


class Annotation(models.Model):
    """An event marked on the charts, e.g. "Politik vedtaget"."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, null=True, blank=True, related_name="annotations",
        verbose_name=_("indicator"), help_text=_("Empty: shown on every chart."),
    )
    date = models.DateField(_("date"))
    text = models.CharField(_("text"), max_length=200)

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")

    def __str__(self):
        return f"{self.date}: {self.text}"


STATUS_TITLE_START = "Status til "


class MeetingStatusQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-meeting_on", "-frozen_at")

    def before(self, status):
        """The statuses made for earlier meetings than `status`, newest first."""
        return self.filter(meeting_on__lt=status.meeting_on).newest_first()


class MeetingStatus(models.Model):
    """The figures, judgements and action points as they stood when staff made the status for a
    committee meeting (issue 15.3). What is frozen lives in JSON and is never written again:
    later edits of indicators, figures or action points leave it as it was. Internal figures
    are frozen apart from the rest, so the public page cannot hold them by mistake."""

    title = models.CharField(
        _("title"), max_length=200,
        help_text=_("E.g. “Status til Kultur- og Fritidsudvalgets møde 12. marts 2027”."))
    meeting_on = models.DateField(_("meeting date"), unique=True,
                                  help_text=_("One status per meeting; its address is the date."))
    is_example_data = models.BooleanField(
        _("example data"), default=False,
        help_text=_("Made from invented figures: shown with the label “Eksempeldata”."))
    frozen_at = models.DateTimeField(_("frozen at"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("made by"), editable=False,
    )
    public = models.JSONField(_("frozen public content"), default=dict, editable=False)
    internal = models.JSONField(_("frozen internal figures"), default=dict, editable=False)

    objects = MeetingStatusQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_on"]
        verbose_name = _("meeting status")
        verbose_name_plural = _("meeting statuses")

    def __str__(self):
        return self.title

    def clean(self):
        # The page's heading is the title; readers look for "Status til …" (issue 15.3).
        danish = getattr(self, "title_da", None) or self.title or ""
        if not danish.startswith(STATUS_TITLE_START):
            raise ValidationError({"title_da": _("The Danish title begins “%(start)s”, e.g. "
                                                 "“Status til Kultur- og Fritidsudvalgets møde "
                                                 "12. marts 2027”.") % {"start": STATUS_TITLE_START}})

    @property
    def slug(self):
        return self.meeting_on.isoformat()

    def get_absolute_url(self):
        return reverse("indicators:status-detail", kwargs={"slug": self.slug})
