from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline,
)

from core.forms import StripControlCharactersMixin
from core.history import HistoryAdmin
from policy.forms import AdoptForm, PolicyAdminForm
from policy.models import (
    ActionPoint, Adoption, Body, BodyMeeting, BodyMember, Policy, PolicySection, PolicyValue,
    ProgressNote, Theme,
)
from policy.services import policy_adopt


class BodyMemberInline(StripControlCharactersMixin, TranslationTabularInline):
    model = BodyMember
    fields = ["position", "name", "role", "party"]
    ordering = ["position", "id"]
    extra = 0


class BodyMeetingInline(StripControlCharactersMixin, admin.TabularInline):
    model = BodyMeeting
    fields = ["meets_on", "agenda_url", "minutes_url"]
    ordering = ["-meets_on"]
    extra = 1


@admin.register(Body)
class BodyAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "kind", "has_page"]
    list_filter = ["kind", "has_page"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "kind", "has_page", "role", "contact", "website"]
    inlines = [BodyMemberInline, BodyMeetingInline]


class ThemeInline(StripControlCharactersMixin, TranslationStackedInline):
    model = Theme
    fields = ["position", "title", "slug", "summary", "body"]
    prepopulated_fields = {"slug": ("title",)}
    ordering = ["position", "id"]
    extra = 0
    show_change_link = True


class PolicySectionInline(StripControlCharactersMixin, TranslationStackedInline):
    """Free sections: Kalundborg's "Vejen videre" after the themes, a foreword before them."""

    model = PolicySection
    fields = ["placement", "position", "title", "body"]
    ordering = ["placement", "position", "id"]
    extra = 0


class PolicyValueInline(StripControlCharactersMixin, TranslationTabularInline):
    """The values a policy is built on, e.g. Rudersdal's four."""

    model = PolicyValue
    fields = ["position", "title", "text"]
    ordering = ["position", "id"]
    extra = 0


class AdoptionInline(admin.TabularInline):
    """The record of decisions, for corrections; new ones are made by the “Adopt” button."""

    model = Adoption
    fields = ["body", "decided_on"]
    ordering = ["decided_on", "id"]
    extra = 0


@admin.register(Policy)
class PolicyAdmin(HistoryAdmin, TabbedTranslationAdmin):
    form = PolicyAdminForm
    change_form_template = "admin/policy/policy/change_form.html"
    list_display = ["title", "kind", "status", "adopted_on", "consultation_ends", "theme_count"]
    list_filter = ["status", "kind"]
    search_fields = ["title_da", "title_en", "slug"]
    prepopulated_fields = {"slug": ("title",)}
    actions = ["adopt_as_current"]
    inlines = [PolicySectionInline, PolicyValueInline, ThemeInline, AdoptionInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "status", "introduction",
                           "has_action_plan"]}),
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
        """Leads to the same confirmation page as the button: the decisions are entered there."""
        if queryset.count() != 1:
            self.message_user(request, _("Choose exactly one policy to adopt."), messages.ERROR)
            return None
        return redirect("admin:policy_policy_adopt", queryset.get().pk)

    def get_urls(self):
        own = [path("<int:pk>/adopt/", self.admin_site.admin_view(self.adopt_view),
                    name="policy_policy_adopt")]
        return own + super().get_urls()

    def adopt_view(self, request, pk):
        """Confirm the adoption with the bodies and dates of the decisions; POST adopts."""
        policy = get_object_or_404(Policy, pk=pk)
        if not self.has_change_permission(request, policy):
            raise PermissionDenied
        if policy.status == Policy.Status.ADOPTED:
            messages.info(request, _("“%(title)s” is already adopted and current.")
                          % {"title": policy.title})
            return redirect("admin:policy_policy_change", policy.pk)
        form = AdoptForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                policy_adopt(policy=policy, decisions=form.decisions())
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                self.message_user(request, _("“%(title)s” is now the current %(kind)s.") % {
                    "title": policy.title, "kind": policy.get_kind_display().lower()},
                    messages.SUCCESS)
                return redirect("admin:policy_policy_change", policy.pk)
        context = {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "original": policy, "form": form,
            "title": _("Adopt: %(title)s") % {"title": policy.title},
            "replaced": Policy.objects.current_of_kind(policy.kind),
            "change_url": reverse("admin:policy_policy_change", args=[policy.pk]),
        }
        return TemplateResponse(request, "admin/policy/policy/adopt.html", context)


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
    fields = ["theme", "position", "title", "slug", "description", "status", "owners",
              "start_on", "due_on", "related_guides"]

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
