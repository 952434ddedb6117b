"""Rules kept as data: the facts guides and the planner rely on, and the tokens that put one in
a text with their parser and check: [[regel:slug]] (a citation with its source),
[[værdi:slug]] (just the value) and [[udsagn:slug]] (just the statement). Rendering them is
toolbox/rules.py, which imports this module (never the other way)."""

import calendar
import datetime
import re

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext_lazy as _


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    return day + relativedelta(months=months)



# The token that cites a rule in a guide's Markdown: [[regel:alkohol-aldersgraense]].
RULE_TOKEN = r"\[\[regel:([a-z0-9_-]+)\]\]"
# Every kind of rule token: [[regel:…]] a citation, [[værdi:…]] the value alone ("150
# personer"), [[udsagn:…]] the statement alone. Group 1 is the kind, group 2 the slug.
TOKEN_KINDS = ("regel", "værdi", "udsagn")
ANY_RULE_TOKEN = r"\[\[(regel|værdi|udsagn):([a-z0-9_-]+)\]\]"
VALUE_PLACEHOLDER = "{value}"


def rule_review_cutoff(today=None) -> datetime.date:
    """Rules verified on or before this day are overdue for a new check."""
    today = today or timezone.localdate()
    return add_months(today, -settings.TOOLBOX_RULE_REVIEW_MONTHS)


class RuleQuerySet(models.QuerySet):
    def verification_overdue(self, today=None):
        return self.filter(verified_on__lte=rule_review_cutoff(today))

    def verification_current(self, today=None):
        return self.filter(verified_on__gt=rule_review_cutoff(today))


class Rule(models.Model):
    """One fact that guides and the planner rely on: "højst 150 personer", "senest 3 dage før".

    Guides cite it as [[regel:<slug>]], so changing the value here changes every guide."""

    slug = models.SlugField(
        _("slug"), max_length=100, unique=True,
        help_text=_("Cite the rule in a text as [[regel:slug]] (with its source); "
                    "[[værdi:slug]] prints only its value, [[udsagn:slug]] only its statement."),
    )
    statement = models.CharField(
        _("statement"), max_length=300,
        help_text=_("One short sentence. Write {value} where the number or date belongs, e.g. "
                    "“Politiet skal have besked senest {value} før”; without it the value is "
                    "shown after the sentence."),
    )
    value = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, null=True, blank=True,
        help_text=_("The number the rule turns on, e.g. 150, 21, 15000 or 3."),
    )
    unit = models.CharField(
        _("unit"), max_length=50, blank=True, help_text=_("E.g. “personer”, “år”, “kr.”, “dage”."),
    )
    value_month = models.PositiveSmallIntegerField(
        _("date: month"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 13)],
        help_text=_("For a yearly date such as 1 December: the month (1–12)."),
    )
    value_day = models.PositiveSmallIntegerField(
        _("date: day"), null=True, blank=True, help_text=_("… and the day of the month."),
    )
    authority = models.CharField(_("authority"), max_length=200)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    url = models.URLField(_("authority's page"), max_length=500, blank=True)
    verified_on = models.DateField(
        _("verified on"), help_text=_("The day the rule was last checked against the source."),
    )
    to_check = models.BooleanField(
        _("not settled"), default=False,
        help_text=_("The sources are thin or disagree: readers are told to check with the "
                    "authority, and the planner gives no dated deadline for it."),
    )
    local_practice = models.BooleanField(
        _("local practice"), default=False,
        help_text=_("The municipality's own practice, not a rule in law: readers see “<the "
                    "municipality>'s practice” as its basis. Give the page or contact where it "
                    "is written, and no statute section that does not set it."),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), null=True, blank=True,
        help_text=_("For deadlines: how many days before the activity it must be done."),
    )
    working_days = models.BooleanField(
        _("count working days"), default=False,
        help_text=_("Count the lead time in working days (Saturdays, Sundays, public "
                    "holidays, Grundlovsdag, 24 and 31 December skipped). Otherwise calendar "
                    "days."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = RuleQuerySet.as_manager()

    class Meta:
        ordering = ["slug"]
        verbose_name = _("rule")
        verbose_name_plural = _("rules")

    def __str__(self):
        return f"{self.slug}: {self.statement}"

    def clean(self):
        errors = {}
        if (self.value_month is None) != (self.value_day is None):
            errors["value_day"] = _("Give both the month and the day, or neither.")
        elif self.value_month is not None:
            if not 1 <= self.value_day <= calendar.monthrange(2024, self.value_month)[1]:
                errors["value_day"] = _("That day does not exist in the month.")
            elif self.value is not None:
                errors["value"] = _("Give either a number or a date, not both.")
        if self.local_practice and not (self.url or self.authority):
            errors["url"] = _("Say where the local practice is written: a page or a contact.")
        if self.value is not None and self.value < 0:
            errors["value"] = _("The value cannot be negative.")
        for language in ("da", "en"):
            statement = getattr(self, f"statement_{language}", None) or ""
            if VALUE_PLACEHOLDER in statement and not self.has_value:
                errors[f"statement_{language}"] = _(
                    "The statement has {value} but the rule has no value or date.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_value(self) -> bool:
        return self.value is not None or self.value_month is not None

    @property
    def value_display(self) -> str:
        """The value as readers see it: "150 personer", "15.000 kr.", "1. december"."""
        if self.value_month is not None and self.value_day is not None:
            return date_format(datetime.date(2024, self.value_month, self.value_day),
                               "MONTH_DAY_FORMAT")
        if self.value is None:
            return ""
        value = self.value
        number = int(value) if value == value.to_integral_value() else value.normalize()
        text = number_format(number, use_l10n=True, force_grouping=True)
        return f"{text} {self.unit}".strip()

    @property
    def statement_display(self) -> str:
        """The statement with its value filled in (plain text; escape it before output)."""
        if VALUE_PLACEHOLDER in self.statement:
            return self.statement.replace(VALUE_PLACEHOLDER, self.value_display)
        if self.has_value:
            return f"{self.statement.rstrip('.')}: {self.value_display}"
        return self.statement

    @property
    def verification_due_on(self) -> datetime.date:
        return add_months(self.verified_on, settings.TOOLBOX_RULE_REVIEW_MONTHS)

    @property
    def is_verification_overdue(self) -> bool:
        return self.verified_on <= rule_review_cutoff()


def cited_rule_slugs(text: str) -> list[str]:
    """The rules a text cites with a citation box ([[regel:…]]), in order, once each."""
    return list(dict.fromkeys(re.findall(RULE_TOKEN, text or "")))


def used_rule_slugs(text: str) -> list[str]:
    """The rules a text uses through any token (citation, value or statement)."""
    return list(dict.fromkeys(slug for _kind, slug in re.findall(ANY_RULE_TOKEN, text or "")))


def validate_citations(texts: dict) -> None:
    """{field name: text} -> ValidationError naming each unknown slug under its field, for
    every kind of rule token."""
    wanted = {field: used_rule_slugs(text) for field, text in texts.items()}
    all_slugs = {slug for slugs in wanted.values() for slug in slugs}
    if not all_slugs:
        return
    known = set(Rule.objects.filter(slug__in=all_slugs).values_list("slug", flat=True))
    errors = {}
    for field, slugs in wanted.items():
        unknown = [slug for slug in slugs if slug not in known]
        if unknown:
            errors[field] = UNKNOWN_RULE % {"slugs": ", ".join(unknown)}
    if errors:
        raise ValidationError(errors)


UNKNOWN_RULE = _("No rule has the slug %(slugs)s. Check the spelling in [[regel:…]], "
                 "[[værdi:…]] or [[udsagn:…]], or create the rule first.")
