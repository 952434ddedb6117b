import calendar
import datetime
import uuid
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, urlencode

from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, ExpressionWrapper, F, Func, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from core.search import search_vector_field
from toolbox.files import FORMATS, validate_attachment



class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("short description"), blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolbox:topic-detail", kwargs={"slug": self.slug})


class Audience(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("short description"), blank=True)
    entry_label = models.CharField(
        _("entry label"), max_length=100, blank=True,
        help_text=_("How readers recognise themselves on the front pages, e.g. “Jeg er "
                    "frivillig”. Empty: the name is used."),
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("audience")
        verbose_name_plural = _("audiences")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolbox:audience-detail", kwargs={"slug": self.slug})

    @property
    def label(self):
        return self.entry_label or self.name


class Contact(models.Model):
    name = models.CharField(_("unit or person"), max_length=150)
    slug = models.SlugField(_("slug"), unique=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month,
                       day=min(day.day, calendar.monthrange(year, month)[1]))


class GuideQuerySet(models.QuerySet):
    def published(self):
        """Guides the public may find in lists, search, sitemaps and feeds."""
        return self.filter(status=Guide.Status.PUBLISHED)

    def readable(self):
        """Guides the public may open: published, and withdrawn ones (shown with a banner)."""
        return self.filter(status__in=[Guide.Status.PUBLISHED, Guide.Status.WITHDRAWN])

    def without_text(self):
        """Leaves out the long columns (body, search vectors) that lists and links never show."""
        return self.defer("body", "body_da", "body_en", "search_da", "search_en", "rank_da",
                          "rank_en")

    def for_list(self):
        """What a list of guide cards shows: the topics, without one query per guide."""
        return self.without_text().prefetch_related("topics")

    def with_review_due(self):
        """Annotates `review_due` (a date): last review plus the review interval."""
        interval = Func(F("review_interval_months"), template="make_interval(months => %(expressions)s)")
        return self.annotate(review_due=ExpressionWrapper(
            Func(F("reviewed_on") + interval, template="(%(expressions)s)::date"),
            output_field=models.DateField(),
        ))

    def review_overdue(self, today=None):
        """Guides never reviewed, or whose review is due on or before `today`."""
        today = today or timezone.localdate()
        return self.with_review_due().filter(Q(reviewed_on__isnull=True) | Q(review_due__lte=today))

    def review_not_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.with_review_due().filter(review_due__gt=today)

    def with_feedback_summary(self):
        """Annotates `feedback_count` and `feedback_yes` (answers that said "useful")."""
        return self.annotate(
            feedback_count=Count("feedback", distinct=True),
            feedback_yes=Count("feedback", filter=Q(feedback__is_useful=True), distinct=True),
        )

    def most_used(self):
        """Featured guides first, then those most readers answered "Var siden nyttig?" on."""
        return self.annotate(feedback_count=Count("feedback")).order_by(
            "-is_featured", "-feedback_count", "-published_at", "title"
        )


# What search matches (every word of the guide) and what it ranks on (title and summary only).
SEARCHED_FIELDS = (("title", "A"), ("summary", "B"), ("legal_basis", "C"), ("body", "C"))
RANKED_FIELDS = (("title", "A"), ("summary", "B"))


class Guide(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("guide status", "Draft")
        PUBLISHED = "published", pgettext_lazy("guide status", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("guide status", "Withdrawn")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True,
        help_text=_("The last part of the page address. Filled in from the Danish title."),
    )
    summary = models.TextField(_("summary"), help_text=_("One or two plain sentences."))
    body = models.TextField(_("body"), help_text=_("Markdown. Use ## for section headings."))
    topics = models.ManyToManyField(Topic, related_name="guides", verbose_name=_("topics"))
    audiences = models.ManyToManyField(
        Audience, related_name="guides", verbose_name=_("audiences")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT,
        help_text=_("Draft: only staff can see it. Withdrawn: still readable with a notice, but "
                    "no longer listed or found by search."),
    )
    is_featured = models.BooleanField(
        _("featured"), default=False,
        help_text=_("Shown first among the most used guides on the toolbox front page."),
    )
    legal_basis = models.CharField(_("legal basis"), max_length=500, blank=True)
    contact = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="guides",
        verbose_name=_("contact"),
        help_text=_("Who readers can ask. Empty: the municipality's general contact."),
    )
    owner = models.ForeignKey(
        Contact, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_guides",
        verbose_name=_("owner"),
        help_text=_("Who keeps the guide up to date and gets the review reminder. Empty: the "
                    "contact above."),
    )
    related = models.ManyToManyField(
        "self", symmetrical=False, blank=True, verbose_name=_("related guides")
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    reviewed_on = models.DateField(
        _("last reviewed"), null=True, blank=True,
        help_text=_("The date the facts were last checked against the rules."),
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("review interval (months)"), default=12
    )
    # What search matches.
    search_da = search_vector_field("da", SEARCHED_FIELDS, unstemmed=True)
    search_en = search_vector_field("en", SEARCHED_FIELDS, unstemmed=True)
    # Ranking reads one vector per matching guide: a small one kept in the row (see migration
    # 0006), because the whole guide's vector is stored compressed out of line and unpacking
    # thousands of them made a search for a common word slow.
    rank_da = search_vector_field("da", RANKED_FIELDS, unstemmed=True)
    rank_en = search_vector_field("en", RANKED_FIELDS, unstemmed=True)

    objects = GuideQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        verbose_name = _("guide")
        verbose_name_plural = _("guides")
        # Only published guides are ever searched. The condition also spares PostgreSQL the
        # status check on each row, so counting the matches reads the index alone.
        indexes = [
            GinIndex(fields=["search_da"], name="toolbox_guide_search_da_gin",
                     condition=Q(status="published")),
            GinIndex(fields=["search_en"], name="toolbox_guide_search_en_gin",
                     condition=Q(status="published")),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    def clean(self):
        from toolbox.rules import validate_citations

        validate_citations({f"body_{language}": getattr(self, f"body_{language}", None) or ""
                            for language in ("da", "en")})

    def get_absolute_url(self):
        return reverse("toolbox:guide-detail", kwargs={"slug": self.slug})

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT

    @property
    def is_withdrawn(self):
        return self.status == self.Status.WITHDRAWN

    @property
    def review_due_on(self):
        if self.reviewed_on is None:
            return None
        return add_months(self.reviewed_on, self.review_interval_months)

    @property
    def is_review_overdue(self):
        due = self.review_due_on
        return due is None or due <= timezone.localdate()

    @property
    def main_topic(self):
        """The first topic by position (uses prefetched topics when there are any)."""
        topics = sorted(self.topics.all(), key=lambda t: (t.position, t.pk))
        return topics[0] if topics else None

    @property
    def responsible(self):
        return self.owner or self.contact


def attachment_path(instance, filename):
    """A generated name: the uploader's file name never reaches the disk or other readers."""
    suffix = PurePosixPath(filename).suffix.lower()
    return f"toolbox/attachments/{uuid.uuid4().hex}{suffix}"


class Attachment(models.Model):
    """A template or document to download with a guide; one file per language (Danish
    required, English optional and falling back to the Danish file)."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("guide")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.CharField(_("description"), max_length=300, blank=True)
    file = models.FileField(
        _("file"), upload_to=attachment_path, max_length=200, validators=[validate_attachment],
        help_text=_("PDF, Word (DOCX), OpenDocument text (ODT), Excel (XLSX) or OpenDocument "
                    "spreadsheet (ODS). No macros."),
    )
    content_type = models.CharField(_("content type"), max_length=100, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), null=True, editable=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        from django.conf import settings

        for language, _name in settings.LANGUAGES:
            upload = getattr(self, f"file_{language}")
            if upload and not upload._committed:
                suffix = PurePosixPath(upload.name).suffix.lower().lstrip(".")
                setattr(self, f"content_type_{language}", FORMATS[suffix].content_type)
                setattr(self, f"size_{language}", upload.size)
            elif not upload:
                setattr(self, f"content_type_{language}", "")
                setattr(self, f"size_{language}", None)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("toolbox:attachment-download", kwargs={"pk": self.pk})

    @property
    def format_label(self):
        for key, spec in FORMATS.items():
            if spec.content_type == self.content_type:
                return key.upper()
        return ""

    @property
    def extension(self):
        return self.format_label.lower()

    @property
    def size_label(self):
        from toolbox.files import size_label

        return size_label(self.size or 0)


class Feedback(models.Model):
    """An answer to "Var siden nyttig?". Deliberately holds no IP address, name or e-mail."""

    guide = models.ForeignKey(
        Guide, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("guide")
    )
    language = models.CharField(_("language"), max_length=5)
    is_useful = models.BooleanField(_("useful"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    created_on = models.DateField(_("date"), auto_now_add=True)

    class Meta:
        ordering = ["-created_on", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self):
        return f"{self.guide}: {'+' if self.is_useful else '-'}"


# Rules kept as data ----------------------------------------------------------------------------

# The token that cites a rule in a guide's Markdown: [[regel:alkohol-aldersgraense]].
RULE_TOKEN = r"\[\[regel:([a-z0-9_-]+)\]\]"
VALUE_PLACEHOLDER = "{value}"


def rule_review_cutoff(today=None) -> datetime.date:
    """Rules verified on or before this day are overdue for a new check."""
    from django.conf import settings

    today = today or timezone.localdate()
    return add_months(today, -getattr(settings, "TOOLBOX_RULE_REVIEW_MONTHS", 12))


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
        help_text=_("Cite the rule in a guide as [[regel:slug]]."),
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
                    "authority."),
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
        from django.utils.formats import date_format, number_format

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
        from django.conf import settings

        return add_months(self.verified_on, getattr(settings, "TOOLBOX_RULE_REVIEW_MONTHS", 12))

    @property
    def is_verification_overdue(self) -> bool:
        return self.verified_on <= rule_review_cutoff()


def cited_rule_slugs(text: str) -> list[str]:
    import re

    return list(dict.fromkeys(re.findall(RULE_TOKEN, text or "")))


# The planner ------------------------------------------------------------------------------------

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


def link_parameters(query: str) -> list[tuple[str, str]]:
    """“a=1&b=2” -> [("a", "1"), ("b", "2")]; [] when it is not such a list."""
    try:
        return parse_qsl(query, keep_blank_values=False, strict_parsing=True)
    except ValueError:
        return []


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

    def link_with(self, parameters: list[tuple[str, str]]) -> str:
        """The item's link with the chosen answers' parameters added (those it already has
        are kept); "" without a link."""
        if not self.link_url:
            return ""
        base, _sep, query = self.link_url.partition("?")
        pairs = parse_qsl(query) + [pair for pair in parameters if pair not in parse_qsl(query)]
        return f"{base}?{urlencode(pairs)}" if pairs else base

    def applies(self, option_ids: set) -> bool:
        """Triggered (checked by the query), plus the optional also-one-of and not-when sets."""
        also = {option.pk for option in self.requires_also.all()}
        if also and not also & option_ids:
            return False
        return not {option.pk for option in self.excluded_by.all()} & option_ids

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
