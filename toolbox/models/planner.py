"""The planner ("Planlæg en aktivitet"): questions, their answers and the checklist items the
answers bring in."""

from urllib.parse import parse_qsl, urlencode

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from toolbox.models.guides import Contact, Guide
from toolbox.models.rules import Rule, validate_citations


def _validate_tokens(instance, *names) -> None:
    """Unknown rule slugs in any language of the named texts fail the save, as in guides."""
    validate_citations({f"{name}_{language}": getattr(instance, f"{name}_{language}", None) or ""
                        for name in names for language in ("da", "en")})


class QuestionQuerySet(models.QuerySet):
    def with_options(self):
        return self.prefetch_related("options")


class Question(models.Model):
    """One question on "Planlæg en aktivitet"; its key is the name in the shareable link."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("One answer (radio buttons)")
        MULTIPLE = "multiple", _("Several answers (check boxes)")

    key = models.SlugField(
        _("key"), max_length=40, unique=True,
        help_text=_("The name in the page address, e.g. “alkohol”. Changing it breaks links "
                    "readers have shared."),
    )
    text = models.CharField(_("question"), max_length=200)
    help_text = models.CharField(_("help text"), max_length=300, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("planner question")
        verbose_name_plural = _("planner questions")

    def __str__(self):
        return self.text

    def clean(self):
        if self.key in RESERVED_PLANNER_KEYS:
            raise ValidationError({"key": _("This key is used by the planner itself.")})
        _validate_tokens(self, "text", "help_text")


RESERVED_PLANNER_KEYS = {"dato", "date", "format", "lang", "page"}


class AnswerOption(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options",
                                 verbose_name=_("question"))
    label = models.CharField(_("answer"), max_length=200)
    key = models.SlugField(_("key"), max_length=40,
                           help_text=_("The value in the page address, e.g. “oel-vin”."))
    position = models.PositiveIntegerField(_("position"), default=0)
    link_query = models.CharField(
        _("link parameters"), max_length=200, blank=True,
        help_text=_("Added to the link of the checklist items shown, e.g. “kapacitet=151” so "
                    "the list of places shows only those with room for more than 150."))

    class Meta:
        ordering = ["question__position", "question_id", "position", "id"]
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        constraints = [models.UniqueConstraint(fields=["question", "key"],
                                               name="toolbox_answeroption_unique_key")]

    def __str__(self):
        return f"{self.question.key}={self.key} ({self.label})"

    def clean(self):
        if self.link_query and not link_parameters(self.link_query):
            raise ValidationError({"link_query": _("Write name=value pairs joined by &, "
                                                   "e.g. “kapacitet=151&trinfri=on”.")})
        _validate_tokens(self, "label")


def link_parameters(query: str) -> list[tuple[str, str]]:
    """“a=1&b=2” -> [("a", "1"), ("b", "2")]; [] when it is not such a list."""
    try:
        return parse_qsl(query, keep_blank_values=False, strict_parsing=True)
    except ValueError:
        return []


def answers_apply(option_ids: set, *, also_one_of: set, not_when: set) -> bool:
    """Whether a triggered checklist item stays in for the chosen answers `option_ids`: one of
    its "and also one of" answers is chosen too (when it has any), and none of its "but not
    when" answers. The rule of `Requirement.applies`, on plain id sets."""
    if also_one_of and not also_one_of & option_ids:
        return False
    return not not_when & option_ids


class RequirementQuerySet(models.QuerySet):
    def for_answers(self, option_ids):
        """Items an answer set brings in: any trigger chosen, then narrowed in Python by
        `Requirement.applies` (the also-requires and excluded-by answers are prefetched)."""
        return (self.filter(triggers__in=option_ids).distinct()
                .select_related("contact")
                .prefetch_related(
                    "requires_also", "excluded_by",
                    models.Prefetch("rules", queryset=Rule.objects.order_by("slug")),
                    models.Prefetch("guides", queryset=Guide.objects.published().without_text()
                                    .order_by("title")),
                ))


class Requirement(models.Model):
    """A checklist item on the planner's answer page."""

    class Category(models.TextChoices):
        MUST = "must", pgettext_lazy("planner category", "Must")
        CHECK = "check", pgettext_lazy("planner category", "Check")
        ADVICE = "advice", pgettext_lazy("planner category", "Good advice")

    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    title = models.CharField(_("title"), max_length=200,
                             help_text=_("What to do, e.g. “Giv politiet besked”."))
    why = models.TextField(_("why"), help_text=_("One or two plain sentences: why it applies."))
    category = models.CharField(_("category"), max_length=10, choices=Category.choices,
                                default=Category.MUST)
    triggers = models.ManyToManyField(
        AnswerOption, related_name="requirements", verbose_name=_("shown when any of"),
    )
    requires_also = models.ManyToManyField(
        AnswerOption, related_name="+", blank=True, verbose_name=_("and also one of"),
        help_text=_("Optional: shown only when one of these answers is chosen too."),
    )
    excluded_by = models.ManyToManyField(
        AnswerOption, related_name="+", blank=True, verbose_name=_("but not when"),
        help_text=_("Optional: hidden when any of these answers is chosen."),
    )
    rules = models.ManyToManyField(Rule, related_name="requirements", blank=True,
                                   verbose_name=_("rules"))
    guides = models.ManyToManyField(Guide, related_name="requirements", blank=True,
                                    verbose_name=_("guides"))
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="requirements",
        verbose_name=_("contact"), help_text=_("Empty: the municipality's general contact."),
    )
    lead_time_days = models.PositiveSmallIntegerField(
        _("lead time (days)"), null=True, blank=True,
        help_text=_("Days before the activity. Empty: the lead time of the first rule that has "
                    "one (and its way of counting)."),
    )
    link_url = models.CharField(
        _("link"), max_length=300, blank=True,
        help_text=_("Optional: a page on this site (starting with /) or an https address, "
                    "e.g. “/steder/?type=hal”. The chosen answers' link parameters are added."))
    link_text = models.CharField(_("link text"), max_length=200, blank=True,
                                 help_text=_("E.g. “Find et lokale, der passer”."))
    position = models.PositiveIntegerField(_("position"), default=0)

    objects = RequirementQuerySet.as_manager()

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.title

    def clean(self):
        for language in ("da", "en"):
            url = getattr(self, f"link_url_{language}", None) or ""
            if url and not (url.startswith("/") and not url.startswith("//")
                            or url.startswith("https://")):
                raise ValidationError({f"link_url_{language}": _(
                    "Give a page on this site starting with /, or an https address.")})
            if url and not (getattr(self, f"link_text_{language}", None) or ""):
                raise ValidationError({f"link_text_{language}": _("Say where the link goes.")})
        _validate_tokens(self, "title", "why", "link_text")

    def link_with(self, parameters: list[tuple[str, str]]) -> str:
        """The item's link with the chosen answers' parameters added (those it already has
        are kept); "" without a link."""
        if not self.link_url:
            return ""
        base, _sep, query = self.link_url.partition("?")
        pairs = parse_qsl(query) + [pair for pair in parameters if pair not in parse_qsl(query)]
        return f"{base}?{urlencode(pairs)}" if pairs else base

    def applies(self, option_ids: set) -> bool:
        """Triggered (checked by the query), plus the optional also-one-of and not-when sets
        (prefetched)."""
        return answers_apply(option_ids,
                             also_one_of={option.pk for option in self.requires_also.all()},
                             not_when={option.pk for option in self.excluded_by.all()})

    @property
    def deadline_rule(self):
        return next((rule for rule in self.rules.all() if rule.lead_time_days is not None), None)

    @property
    def lead(self):
        """(days, counts working days, rule or None) or None when the item has no deadline."""
        if self.lead_time_days is not None:
            return self.lead_time_days, False, None
        rule = self.deadline_rule
        if rule is None:
            return None
        return rule.lead_time_days, rule.working_days, rule
