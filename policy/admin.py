from django.contrib import admin, messages
from django.db.models import Count, Max
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline,
)

from core.forms import StripControlCharactersMixin
from core.history import HistoryAdmin
from policy.models import ActionPoint, Body, Policy, ProgressNote, Theme
from policy.services import policy_adopt


@admin.register(Body)
class BodyAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name",)}


class ThemeInline(StripControlCharactersMixin, TranslationStackedInline):
    model = Theme
    fields = ["position", "title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ("title",)}
    ordering = ["position", "id"]
    extra = 0
    show_change_link = True


@admin.register(Policy)
class PolicyAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "kind", "status", "adopted_on", "consultation_ends", "theme_count"]
    list_filter = ["status", "kind"]
    search_fields = ["title_da", "title_en", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["adopted_by"]
    actions = ["adopt_as_current"]
    inlines = [ThemeInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "introduction"]}),
        (_("Adoption and validity"), {"fields": ["adopted_on", "adopted_by", "valid_from",
                                                 "valid_to", "document"]}),
        (_("Consultation"), {"fields": ["consultation_starts", "consultation_ends",
                                        "consultation_how"]}),
        (_("Headings"), {"fields": ["theme_body_heading", "action_points_heading"],
                         "description": _("The words this policy uses above each theme's text "
                                          "and above its action points.")}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(theme_total=Count("themes"))

    @admin.display(description=_("themes"), ordering="theme_total")
    def theme_count(self, obj):
        return obj.theme_total

    @admin.action(description=_("Adopt as the current policy (the current one is archived)"),
                  permissions=["change"])
    def adopt_as_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one policy to adopt."), messages.ERROR)
            return
        policy = policy_adopt(policy=queryset.get())
        self.message_user(
            request, _("“%(title)s” is now the current policy.") % {"title": policy.title},
            messages.SUCCESS,
        )


class ActionPointInline(StripControlCharactersMixin, TranslationTabularInline):
    model = ActionPoint
    fields = ["position", "title", "slug", "status", "due_on"]
    prepopulated_fields = {"slug": ("title",)}
    ordering = ["position", "id"]
    extra = 0
    show_change_link = True


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "policy", "position", "action_point_count"]
    list_display_links = ["title"]
    list_editable = ["position"]
    list_filter = ["policy"]
    search_fields = ["title_da", "title_en", "summary_da", "summary_en"]
    prepopulated_fields = {"slug": ("title",)}
    list_select_related = ["policy"]
    inlines = [ActionPointInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_point_total=Count("action_points"))

    @admin.display(description=_("action points"), ordering="action_point_total")
    def action_point_count(self, obj):
        return obj.action_point_total


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Overdue")), ("no", _("Not overdue"))]

    def queryset(self, request, queryset):
        overdue = ActionPoint.objects.overdue().values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=overdue)
        if self.value() == "no":
            return queryset.exclude(pk__in=overdue)
        return queryset


class ProgressNoteInline(StripControlCharactersMixin, TranslationTabularInline):
    """The quick way to report progress: a dated note straight on the action point."""

    model = ProgressNote
    fields = ["noted_on", "text"]
    ordering = ["-noted_on", "-id"]
    extra = 1


@admin.register(ActionPoint)
class ActionPointAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "theme", "status", "due_on", "owner_names", "latest_note_on",
                    "overdue"]
    list_display_links = ["title"]
    list_editable = ["status", "due_on"]
    list_filter = ["status", ("owners", admin.RelatedOnlyFieldListFilter), OverdueFilter,
                   "theme__policy", "theme"]
    search_fields = ["title_da", "title_en", "description_da", "description_en", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ["owners", "related_guides"]
    inlines = [ProgressNoteInline]
    fields = ["theme", "position", "title", "slug", "description", "status", "status_reason",
              "owners", "start_on", "due_on", "related_guides"]

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("theme")
                .prefetch_related("owners")
                .annotate(latest_note_date=Max("progress_notes__noted_on")))

    @admin.display(description=_("responsible"))
    def owner_names(self, obj):
        return ", ".join(owner.name for owner in obj.owners.all())

    @admin.display(description=_("latest progress note"), ordering="latest_note_date")
    def latest_note_on(self, obj):
        return obj.latest_note_date

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue

    def save_formset(self, request, form, formset, change):
        notes = formset.save(commit=False)
        for note in notes:
            if isinstance(note, ProgressNote) and note.created_by_id is None:
                note.created_by = request.user
            note.save()
        for note in formset.deleted_objects:
            note.delete()
        formset.save_m2m()


@admin.register(ProgressNote)
class ProgressNoteAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["action_point", "noted_on", "created_by"]
    list_filter = ["noted_on"]
    search_fields = ["text_da", "text_en", "action_point__title_da"]
    autocomplete_fields = ["action_point"]
    date_hierarchy = "noted_on"
    list_select_related = ["action_point", "created_by"]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
