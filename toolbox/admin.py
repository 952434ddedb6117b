from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _, ngettext, pgettext
from django.utils.cache import add_never_cache_headers
from modeltranslation.admin import (
    TabbedTranslationAdmin, TranslationAdmin, TranslationTabularInline,
)

from core.history import HistoryAdmin
from toolbox import services
from toolbox.change_admin import MajorChangeAdminMixin
from toolbox.models import (
    AnswerOption, Attachment, Audience, Contact, Feedback, Guide, GuideAttachment, Question,
    Requirement, Rule, Topic, used_rule_slugs,
)
from toolbox.rules import render_with_citations
from toolbox.widgets import MarkdownEditor

PREVIEW_MAX_CHARS = 200_000


@admin.register(Topic)
class TopicAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Audience)
class AudienceAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "entry_label", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Contact)
class ContactAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "email", "phone", "opening_hours", "details_confirmed"]
    list_filter = ["details_confirmed"]
    search_fields = ["name_da", "name_en", "email"]
    prepopulated_fields = {"slug": ("name",)}


class ReviewOverdueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", _("Review overdue")), ("ok", _("Reviewed in time"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.review_overdue()
        if self.value() == "ok":
            return queryset.review_not_overdue()
        return queryset


class GuideAttachmentInline(admin.TabularInline):
    """From the guide, links to attachments stored once (edited under Attachments)."""

    model = GuideAttachment
    extra = 0
    fields = ["attachment", "position"]
    autocomplete_fields = ["attachment"]


@admin.register(Attachment)
class AttachmentAdmin(HistoryAdmin, TranslationAdmin):
    """A template is edited here once; every guide that links it offers the new file.

    Untabbed (TranslationAdmin): modeltranslation's jQuery UI tabs put links inside tab
    buttons, which axe reports as nested-interactive; four fields read fine one under another.
    """

    list_display = ["title", "file_info", "guide_names"]
    search_fields = ["title_da", "title_en", "description_da", "description_en"]
    fields = ["title", "description", "file", "file_info", "guide_names"]
    readonly_fields = ["file_info", "guide_names"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("guides")

    @admin.display(description=_("type and size"))
    def file_info(self, obj):
        if not obj.pk or not obj.file:
            return "–"
        return f"{obj.format_label}, {obj.size_label}"

    @admin.display(description=_("offered by the guides"))
    def guide_names(self, obj):
        if not obj.pk:
            return "–"
        return ", ".join(guide.title for guide in obj.guides.all()) or "–"


@admin.register(Guide)
class GuideAdmin(MajorChangeAdminMixin, HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "status", "topic_names", "reviewed_on", "review_due_display",
                    "feedback_summary"]
    list_filter = ["status", "topics", "audiences", ReviewOverdueFilter, "is_featured"]
    search_fields = ["title_da", "title_en", "summary_da", "summary_en", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["topics", "audiences", "related"]
    inlines = [GuideAttachmentInline]
    actions = ["mark_reviewed_today"]
    readonly_fields = ["published_at", "updated_at", "feedback_overview"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "status", "is_featured", "summary", "body"]}),
        (_("Where the guide belongs"), {"fields": ["topics", "audiences", "related"]}),
        (_("Facts and contact"), {"fields": ["legal_basis", "contact", "owner", "reviewed_on",
                                             "review_interval_months"]}),
        (_("Dates and feedback"), {"fields": ["published_at", "updated_at",
                                              "feedback_overview"]}),
    ]

    def get_queryset(self, request):
        return (super().get_queryset(request).with_feedback_summary()
                .prefetch_related("topics"))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.startswith("body"):
            kwargs["widget"] = MarkdownEditor()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_urls(self):
        preview = self.admin_site.admin_view(self.markdown_preview)
        return [
            path("markdown-preview/", preview, name="toolbox_guide_markdown_preview"),
            *super().get_urls(),
        ]

    @admin.display(description=_("topics"))
    def topic_names(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all())

    @admin.display(description=_("review due"))
    def review_due_display(self, obj):
        due = obj.review_due_on
        if due is None:
            return _("never reviewed")
        if obj.is_review_overdue:
            return format_html('<strong>{}</strong> ({})', due, pgettext("guide review", "overdue"))
        return due

    @admin.display(description=_("useful (answers)"), ordering="feedback_count")
    def feedback_summary(self, obj):
        if not obj.feedback_count:
            return "–"
        share = round(100 * obj.feedback_yes / obj.feedback_count)
        url = reverse("admin:toolbox_feedback_changelist") + f"?guide__id__exact={obj.pk}"
        return format_html('<a href="{}">{} % ({})</a>', url, share, obj.feedback_count)

    @admin.display(description=_("feedback"))
    def feedback_overview(self, obj):
        if not obj.pk or not obj.feedback_count:
            return _("No answers yet.")
        share = round(100 * obj.feedback_yes / obj.feedback_count)
        url = reverse("admin:toolbox_feedback_changelist") + f"?guide__id__exact={obj.pk}"
        return format_html(
            '{} % {} ({} {}) – <a href="{}">{}</a>', share, _("found the page useful"),
            obj.feedback_count, _("answers"), url, _("read the answers and comments"),
        )

    @admin.action(description=_("Mark as reviewed today"), permissions=["change"])
    def mark_reviewed_today(self, request, queryset):
        count = services.guides_mark_reviewed(guides=queryset, on=timezone.localdate())
        self.message_user(request, ngettext(
            "%(count)d guide marked as reviewed today.",
            "%(count)d guides marked as reviewed today.", count,
        ) % {"count": count}, messages.SUCCESS)

    def markdown_preview(self, request):
        """The live preview: Markdown rendered exactly as on the public page."""
        if request.method != "POST":
            return HttpResponse(status=405, headers={"Allow": "POST"})
        if not (self.has_change_permission(request) or self.has_add_permission(request)):
            raise PermissionDenied
        text = request.POST.get("text", "")[:PREVIEW_MAX_CHARS]
        response = HttpResponse(render_with_citations(text), content_type="text/html; charset=utf-8")
        add_never_cache_headers(response)
        return response


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    """Answers are read here, never edited; a comment with personal data can be deleted."""

    list_display = ["created_on", "guide", "is_useful", "language", "comment"]
    list_filter = ["is_useful", "language", "created_on", ("guide", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["comment", "guide__title_da", "guide__title_en"]
    list_select_related = ["guide"]
    date_hierarchy = "created_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# Rules and the planner ------------------------------------------------------------------------

class RuleVerificationFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [("overdue", _("Verification overdue")), ("ok", _("Verified in time"))]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.verification_overdue()
        if self.value() == "ok":
            return queryset.verification_current()
        return queryset


def _uses_token(text_fields, slug):
    """A filter for rows whose texts hold a token for `slug` (narrowed exactly in Python)."""
    needle = f":{slug}]]"
    condition = Q()
    for field in text_fields:
        for language in ("da", "en"):
            condition |= Q(**{f"{field}_{language}__contains": needle})
    return condition


def _token_in(instance, text_fields, slug):
    return any(slug in used_rule_slugs(getattr(instance, f"{field}_{language}", None) or "")
               for field in text_fields for language in ("da", "en"))


def rule_uses(rule) -> list[tuple[str, str, int, str]]:
    """(kind, admin model name, pk, title) for each place a rule is used."""
    slug = rule.slug
    uses = [(str(_("Guide")), "guide", guide.pk, guide.title)
            for guide in Guide.objects.only("pk", "title_da", "title_en", "body_da", "body_en")
            .using_rule(slug)]
    texts = ["title", "why", "link_text"]
    uses += [(str(_("Checklist item")), "requirement", item.pk, item.title)
             for item in Requirement.objects.filter(Q(rules=rule) | _uses_token(texts, slug))
             .distinct()]
    uses += [(str(_("Planner question")), "question", question.pk, question.text)
             for question in Question.objects.filter(_uses_token(["text", "help_text"], slug))
             if _token_in(question, ["text", "help_text"], slug)]
    uses += [(str(_("Answer option")), "question", option.question_id, option.label)
             for option in AnswerOption.objects.filter(_uses_token(["label"], slug))
             if _token_in(option, ["label"], slug)]
    return uses


@admin.register(Rule)
class RuleAdmin(MajorChangeAdminMixin, HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["slug", "statement", "value_column", "authority", "verified_on",
                    "verification_due_display"]
    list_filter = [RuleVerificationFilter, "to_check", "working_days"]
    search_fields = ["slug", "statement_da", "statement_en", "authority_da", "legal_basis_da"]
    readonly_fields = ["updated_at", "citation", "used_in"]
    fieldsets = [
        (None, {"fields": ["slug", "citation", "statement", "value", "unit", "value_month",
                           "value_day"]}),
        (_("Source"), {"fields": ["authority", "legal_basis", "local_practice", "url",
                                  "verified_on", "to_check"]}),
        (_("Deadline"), {"fields": ["lead_time_days", "working_days"]}),
        (_("Where it is used"), {"fields": ["used_in"]}),
        (_("Dates"), {"fields": ["updated_at"]}),
    ]

    def get_urls(self):
        picker = self.admin_site.admin_view(self.picker)
        return [path("picker/", picker, name="toolbox_rule_picker"), *super().get_urls()]

    def picker(self, request):
        """The rules for the Markdown editor's picker: slug and statement, searched there."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        rules = [{"slug": rule.slug, "statement": rule.statement_display}
                 for rule in Rule.objects.order_by("slug")]
        response = JsonResponse({"rules": rules})
        add_never_cache_headers(response)
        return response

    @admin.display(description=_("value"))
    def value_column(self, obj):
        return obj.value_display or "–"

    @admin.display(description=_("use in a text as"))
    def citation(self, obj):
        if not obj.pk:
            return "–"
        return format_html(
            "<code>[[regel:{0}]]</code> {1} · <code>[[værdi:{0}]]</code> {2} · "
            "<code>[[udsagn:{0}]]</code> {3}", obj.slug, _("citation with source"),
            _("value only"), _("statement only"))

    @admin.display(description=_("used in"))
    def used_in(self, obj):
        """Every guide, checklist item, question and answer that uses the rule, linked."""
        if not obj.pk:
            return "–"
        uses = rule_uses(obj)
        if not uses:
            return _("Not used in any guide, checklist item or question yet.")
        return format_html("<ul>{}</ul>", format_html_join(
            "", '<li>{}: <a href="{}">{}</a></li>',
            ((kind, reverse(f"admin:toolbox_{model}_change", args=[pk]), title)
             for kind, model, pk, title in uses)))

    @admin.display(description=_("verification due"), ordering="verified_on")
    def verification_due_display(self, obj):
        due = obj.verification_due_on
        if obj.is_verification_overdue:
            return format_html("<strong>{}</strong> ({})", due, pgettext("rule review", "overdue"))
        return due


class AnswerOptionInline(TranslationTabularInline):
    model = AnswerOption
    extra = 0
    fields = ["label", "key", "link_query", "position"]


@admin.register(Question)
class QuestionAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["text", "key", "kind", "position"]
    list_editable = ["position"]
    search_fields = ["text_da", "text_en", "key"]
    inlines = [AnswerOptionInline]


@admin.register(Requirement)
class RequirementAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "category", "lead_time_days", "contact", "position"]
    list_filter = ["category", "rules"]
    list_editable = ["position"]
    list_select_related = ["contact"]
    search_fields = ["title_da", "title_en", "slug", "why_da"]
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["triggers", "requires_also", "excluded_by", "rules", "guides"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "why", "position"]}),
        (_("Link"), {"fields": ["link_url", "link_text"]}),
        (_("When it applies"), {"fields": ["triggers", "requires_also", "excluded_by"]}),
        (_("Rules, guides and contact"), {"fields": ["rules", "guides", "contact",
                                                      "lead_time_days"]}),
    ]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.related_model is AnswerOption:
            kwargs["queryset"] = AnswerOption.objects.select_related("question")
        elif db_field.related_model is Guide:
            kwargs["queryset"] = Guide.objects.without_text()
        return super().formfield_for_manytomany(db_field, request, **kwargs)
