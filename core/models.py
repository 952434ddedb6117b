import math

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from core import colours
from core.cache import shared_cache
from core.numbers import number
from core.search_text import fold, search_words

CACHE_KEY = "portal:municipality"


class Municipality(models.Model):
    """The one record that makes an installation Ballerup's, Kalundborg's or anyone's.

    Nothing municipality-specific is written in code or templates: it is all here, editable by
    staff in the admin.
    """

    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. “Ballerup Kommune”."))
    site_name = models.CharField(
        _("site name"), max_length=100, default="Frivillighedsportalen",
        help_text=_("Shown in the header and in the browser tab."),
    )
    logo = models.ImageField(
        _("logo"), upload_to="logo/", blank=True,
        help_text=_("PNG or JPEG, at least 96 pixels high. Leave empty to show the name."),
    )
    brand_colour = models.CharField(
        _("brand colour"), max_length=7, default="#00587c",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use the form #1a2b3c."))],
        help_text=_("Header colour. White text must be readable on it (contrast at least 4.5:1)."),
    )
    # Lines, bars and markers in the indicator charts (and the chart-coloured accents in CSS).
    # Graphics need 3:1 against the white chart background (WCAG 2.1, 1.4.11 non-text contrast).
    chart_colour = models.CharField(
        _("chart colour"), max_length=7, default="#00587c",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use the form #1a2b3c."))],
        help_text=_("The colour of the figures in the charts. It must stand out against white "
                    "(contrast at least 3:1)."),
    )
    contact_email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("phone"), max_length=30)
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    website_url = models.URLField(_("municipality website"), blank=True)
    accessibility_statement_url = models.URLField(
        _("accessibility statement"),
        help_text=_("The published accessibility statement (tilgængelighedserklæring); /was leads "
                    "here."),
    )
    # "Bliv frivillig" points readers on to where else volunteering is offered.
    volunteer_board_name = models.CharField(
        _("outside volunteering board"), max_length=100, blank=True,
        help_text=_("E.g. “Frivilligjob.dk”: a board where associations across the country post "
                    "tasks. Shown on the Bliv frivillig pages."),
    )
    volunteer_board_url = models.URLField(_("outside volunteering board: address"), blank=True)
    volunteer_centre_name = models.CharField(
        _("local volunteer centre"), max_length=100, blank=True,
        help_text=_("The local volunteer centre (frivilligcenter), if there is one."),
    )
    volunteer_centre_url = models.URLField(_("local volunteer centre: address"), blank=True)
    privacy_notice = models.TextField(
        _("privacy notice"),
        help_text=_("Markdown. Controller, purpose, legal basis, retention and the reader's "
                    "rights."),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        # The name from when the model belonged to portal: moving it kept the table.
        db_table = "portal_municipality"
        verbose_name = _("municipality settings")
        verbose_name_plural = _("municipality settings")

    def __str__(self):
        return self.name

    def clean_fields(self, exclude=None):
        # Before the pattern check, so the short form "#fff" is taken as "#ffffff".
        self.brand_colour = colours.normalise(self.brand_colour)
        self.chart_colour = colours.normalise(self.chart_colour)
        super().clean_fields(exclude)

    def clean(self):
        # clean() runs even when the pattern check failed: no contrast for a colour that is none.
        errors = {}
        if (colours.is_hex(self.brand_colour)
                and colours.contrast_with_white(self.brand_colour) < colours.TEXT_CONTRAST):
            errors["brand_colour"] = _(
                "White text on this colour is hard to read. Choose a darker colour.")
        if (colours.is_hex(self.chart_colour)
                and colours.contrast_with_white(self.chart_colour) < colours.GRAPHICS_CONTRAST):
            errors["chart_colour"] = _(
                "This colour is too light to see against the white chart (contrast "
                "%(contrast)s:1, at least 3:1 is needed). Choose a darker colour."
            ) % {"contrast": number(  # rounded down: 2.96 is not "3.0:1, at least 3:1"
                math.floor(colours.contrast_with_white(self.chart_colour) * 10) / 10, 1)}
        if errors:
            raise ValidationError(errors)

    @property
    def safe_chart_colour(self) -> str:
        """The chart colour, or the default if a stored value fails the check (a record saved
        around the form, say): a chart is never drawn in a colour readers cannot see."""
        return colours.readable_on_white(self.chart_colour, colours.GRAPHICS_CONTRAST,
                                         fallback=colours.DEFAULT_CHART)

    def save(self, *args, **kwargs):
        # One installation, one municipality: the record always has primary key 1.
        self.pk = 1
        super().save(*args, **kwargs)
        # Shared by every worker; forgotten again after the commit, in case a reader cached the
        # old record in between.
        shared_cache().delete(CACHE_KEY)
        transaction.on_commit(lambda: shared_cache().delete(CACHE_KEY))

    def delete(self, *args, **kwargs):
        raise ValidationError(_("The municipality settings cannot be deleted."))

    @classmethod
    def load(cls):
        """The settings record, cached until staff save it (one query at most per change)."""
        cache = shared_cache()
        municipality = cache.get(CACHE_KEY)
        if municipality is None:
            municipality = cls.objects.filter(pk=1).first() or cls.placeholder()
            if municipality.pk:
                cache.set(CACHE_KEY, municipality, 300)
        return municipality

    @classmethod
    def placeholder(cls):
        """What a fresh installation shows until staff fill in the settings."""
        return cls(
            name=str(_("The municipality")), contact_email="", phone="", address="",
            accessibility_statement_url="", privacy_notice="",
        )


class RateLimitCounter(models.Model):
    """Attempts counted for one (scope, client) in one window; see core/ratelimit.py.

    The client is stored only as a keyed hash of its address, and a row is deleted by
    `prune_expired()` once it can no longer count (two windows after it began).
    """

    scope = models.CharField(_("scope"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64)
    window_start = models.DateTimeField(_("window start"))
    count = models.PositiveIntegerField(_("count"), default=0)
    expires_at = models.DateTimeField(_("expires at"), db_index=True)

    class Meta:
        verbose_name = _("rate limit counter")
        verbose_name_plural = _("rate limit counters")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_hash", "window_start"],
                                    name="core_ratelimit_one_row_per_window"),
        ]

    def __str__(self):
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class SearchSynonym(models.Model):
    """A word readers search for and the words the content uses for it ("fadøl" → "øl"):
    a search for the word also finds its alternatives, in every section of the results.
    Matched the way search matches words (core/search.py): whole or as the start of a word,
    with æ/ø/å and their spellings ae/oe/aa/o folded together."""

    language = models.CharField(_("language"), max_length=2, default="da",
                                choices=[("da", _("Danish")), ("en", _("English"))])
    word = models.CharField(_("word readers search for"), max_length=40)
    alternatives = models.CharField(
        _("also find"), max_length=200,
        help_text=_("The words the content uses instead, separated by spaces, e.g. “øl”."))
    folded = models.CharField(max_length=60, editable=False)

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["language", "word"]
        constraints = [
            models.UniqueConstraint(fields=["language", "folded"],
                                    name="core_searchsynonym_one_per_word"),
        ]

    def __str__(self):
        return f"{self.word} → {self.alternatives}"

    def save(self, *args, **kwargs):
        self.folded = fold(self.word)
        super().save(*args, **kwargs)

    def clean(self):
        words = search_words(self.word)
        if len(words) != 1:
            raise ValidationError({"word": _("Enter one word (letters and digits only).")})
        alternatives = search_words(self.alternatives)
        if not alternatives:
            raise ValidationError({"alternatives": _("Enter at least one word.")})
        self.word, self.alternatives = words[0], " ".join(dict.fromkeys(alternatives))
        self.folded = fold(self.word)
        clash = SearchSynonym.objects.filter(language=self.language, folded=self.folded)
        if clash.exclude(pk=self.pk).exists():
            raise ValidationError({"word": _("This word already has synonyms; edit that row.")})


class SearchWord(models.Model):
    """Every word of the public content, per language: what a mistyped word is compared with
    for "Did you mean …?". Rebuilt from the search providers' public text by
    `core.search.rebuild_search_words()`; never holds words of unpublished content.

    `trigrams` are the word's (folded) three-letter pieces, compared the way pg_trgm compares
    them, with a GIN index on the array: the embedded PostgreSQL has no pg_trgm (docs/search.md).
    `folded` sorts bytewise (collation C), so "a word starting with …" is an index range.
    """

    language = models.CharField(max_length=2)
    word = models.CharField(max_length=40)
    folded = models.CharField(max_length=60, db_collation="C")
    stem = models.CharField(max_length=60, blank=True)
    trigrams = ArrayField(models.TextField(), default=list)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="core_searchword_unique"),
        ]
        indexes = [
            models.Index(fields=["language", "folded"], name="core_searchword_folded"),
            models.Index(fields=["language", "stem"], name="core_searchword_stem"),
            # Rebuilt in bulk: no pending list to read through until the next vacuum.
            GinIndex(fields=["trigrams"], name="core_searchword_trigrams", fastupdate=False),
        ]

    def __str__(self):
        return self.word
