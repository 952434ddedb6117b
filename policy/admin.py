from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import (
    TabbedTranslationAdmin,
    TranslationAdmin,
    TranslationStackedInline,
    TranslationTabularInline,
)

from core.downloads import stored_file
from core.forms import StripControlCharactersMixin
from core.history import HistoryAdmin
from core.private import never_stored
from policy.files import RESPONSE_FILE_FORMATS
from policy.forms import AdoptForm, PolicyAdminForm
from policy.models import (
    ActionPoint,
    Adoption,
    Body,
    BodyMeeting,
    BodyMember,
    ConsultationNote,
    ConsultationResponse,
    Meeting,
    MeetingSignup,
    Policy,
    PolicyChange,
    PolicySection,
    PolicyValue,
    ProcessAttachment,
    ProcessStep,
    ProgressNote,
    Theme,
)
from policy.services import (
    consultation_response_hide,
    consultation_responses_publish,
    consultation_responses_unpublish,
    policy_adopt,
    process_steps_create_defaults,
)
from toolbox.files import FORMATS


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

    def get_inlines(self, request, obj):
        return [*self.inlines, ProcessStepInline]

    def save_related(self, request, form, formsets, change):
        """A new policy gets CFSA's process steps unless staff entered steps of their own."""
        super().save_related(request, form, formsets, change)
        if not change:
            process_steps_create_defaults(policy=form.instance)

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


# The consultation (høring) ------------------------------------------------------------------

@admin.register(ConsultationResponse)
class ConsultationResponseAdmin(admin.ModelAdmin):
    """Staff read the responses; what the respondent sent cannot be edited here. A response is
    hidden with a reason (kept), and published after the deadline with the list action."""

    list_display = ["submitted_at", "policy", "sender", "on_behalf_of", "is_published",
                    "is_hidden"]
    list_filter = ["policy", "on_behalf_of", "is_published", "is_hidden", "themes"]
    search_fields = ["name", "organisation_name", "email", "text"]
    list_select_related = ["policy"]
    date_hierarchy = "submitted_at"
    actions = ["publish", "unpublish"]
    readonly_fields = ["policy", "name", "on_behalf_of", "organisation_name", "email", "text",
                       "file_link", "theme_names", "publish_name", "public_name", "language",
                       "submitted_at", "is_published", "published_at", "hidden_at", "hidden_by",
                       "personal_data_removed_at"]
    fieldsets = [
        (_("The response"), {"fields": ["policy", "submitted_at", "name", "on_behalf_of",
                                         "organisation_name", "email", "theme_names", "text",
                                         "file_link", "language"]}),
        (_("Publication"), {"fields": ["publish_name", "public_name", "is_published",
                                       "published_at"]}),
        (_("Hidden"), {"fields": ["is_hidden", "hidden_reason", "hidden_at", "hidden_by"],
                       "description": _("Hide a response that breaks the published rules for "
                                        "comments. Write which rule: the reason is kept with "
                                        "the response.")}),
        (_("Personal data"), {"fields": ["personal_data_removed_at"]}),
    ]

    def has_add_permission(self, request):
        return False  # responses come from the public form

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("themes")

    @admin.display(description=_("from"))
    def sender(self, obj):
        return ", ".join(filter(None, [obj.name, obj.organisation_name])) or "–"

    @admin.display(description=_("shown as"))
    def public_name(self, obj):
        return obj.public_name

    @admin.display(description=_("themes it concerns"))
    def theme_names(self, obj):
        return ", ".join(theme.title for theme in obj.themes.all()) or "–"

    @admin.display(description=_("attached file"))
    def file_link(self, obj):
        if not obj.file:
            return "–"
        url = reverse("admin:policy_consultationresponse_file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download the file (%(kind)s)") % {
            "kind": obj.file_suffix.upper()})

    def get_urls(self):
        return [path("<int:pk>/file/", self.admin_site.admin_view(self.file_view),
                     name="policy_consultationresponse_file"), *super().get_urls()]

    def file_view(self, request, pk):
        """The attached file, for staff only (files are never published): media is not served
        by the portal, so this is the one way to it."""
        response = get_object_or_404(ConsultationResponse, pk=pk)
        if not self.has_view_permission(request, response):
            raise PermissionDenied
        suffix = response.file_suffix if response.file_suffix in RESPONSE_FILE_FORMATS else ""
        return never_stored(stored_file(
            response.file, content_type=FORMATS[suffix].content_type if suffix else None,
            filename=f"hoeringssvar-{response.pk}.{suffix or 'bin'}"))

    def save_model(self, request, obj, form, change):
        if "is_hidden" in form.changed_data and obj.is_hidden:
            consultation_response_hide(response=obj, reason=obj.hidden_reason, user=request.user)
            return
        if "is_hidden" in form.changed_data:
            obj.hidden_at, obj.hidden_by = None, None  # the reason stays, as the record
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish the chosen responses on the policy's page"),
                  permissions=["change"])
    def publish(self, request, queryset):
        try:
            count = consultation_responses_publish(responses=queryset)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, _("%(count)d responses published (hidden ones are never "
                                     "published).") % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Take the chosen responses off the policy's page"),
                  permissions=["change"])
    def unpublish(self, request, queryset):
        count = consultation_responses_unpublish(responses=queryset)
        self.message_user(request, _("%(count)d responses taken off the page.") % {
            "count": count}, messages.SUCCESS)


class PolicyChangeInline(StripControlCharactersMixin, TranslationStackedInline):
    model = PolicyChange
    fields = ["position", "section", "description", "responses"]
    ordering = ["position", "id"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only the responses to this note's policy can be chosen.
        field = formset.form.base_fields["responses"]
        field.queryset = (ConsultationResponse.objects.filter(policy=obj.policy)
                          if obj else ConsultationResponse.objects.none())
        field.help_text = _("Save the note first to choose among the policy's responses.") \
            if obj is None else field.help_text
        return formset


@admin.register(ConsultationNote)
class ConsultationNoteAdmin(HistoryAdmin, TranslationAdmin):
    """Both languages one under the other, not in tabs: modeltranslation's tabs put a link
    inside each tab and leave the language switch unlabelled (two axe violations), and a note
    is short enough to read whole."""

    list_display = ["__str__", "policy", "is_published", "change_count"]
    list_filter = ["policy", "is_published"]
    search_fields = ["said_da", "said_en", "changed_da", "changed_en"]
    list_select_related = ["policy", "theme"]
    fields = ["policy", "theme", "position", "said", "changed", "is_published"]
    inlines = [PolicyChangeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(change_total=Count("changes"))

    @admin.display(description=_("changes"), ordering="change_total")
    def change_count(self, obj):
        return obj.change_total
# The policy process (docs/process.md) ------------------------------------------------------

class ProcessStepInline(StripControlCharactersMixin, TranslationStackedInline):
    """The steps on the policy's own page: reorder by the position numbers, remove with the
    delete box, add in the empty rows; no JavaScript needed. Dates, files and meetings are on
    the step's own page (the change link). Stacked, not tabular: a tabular inline's inputs have
    no labels of their own (axe)."""

    model = ProcessStep
    fields = ["position", "title", "status", "planned_start", "planned_end", "actual_start",
              "actual_end", "adoption_by"]
    ordering = ["position", "id"]
    extra = 1
    show_change_link = True


class ProcessAttachmentInline(StripControlCharactersMixin, TranslationStackedInline):
    model = ProcessAttachment
    view_on_site = False  # the link sits inside the heading text (axe: link-in-text-block)
    fields = ["position", "title", "file"]
    ordering = ["position", "id"]
    extra = 0


class MeetingInline(StripControlCharactersMixin, TranslationStackedInline):
    model = Meeting
    view_on_site = False
    fields = ["title", "kind", "date", "starts_at", "ends_at", "capacity"]
    extra = 0
    show_change_link = True


@admin.register(ProcessStep)
class ProcessStepAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "policy", "position", "status", "planned_start", "actual_end"]
    list_display_links = ["title"]
    list_filter = ["status", "policy"]
    search_fields = ["title_da", "title_en", "description_da"]
    list_select_related = ["policy"]
    inlines = [ProcessAttachmentInline, MeetingInline]
    fieldsets = [
        (None, {"fields": ["policy", "position", "title", "status", "adoption_by", "description",
                           "outcome"]}),
        (_("Dates"), {"fields": [("planned_start", "planned_end"),
                                 ("actual_start", "actual_end")]}),
    ]


class MeetingSignupInline(admin.StackedInline):
    """Who is coming: staff may remove a sign-up (that does not move the waiting list up; a
    citizen's own cancellation does)."""

    model = MeetingSignup
    fields = ["name", "email", "people", "needs_interpretation", "needs_step_free",
              "other_needs", "on_waiting_list", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["title", "date", "starts_at", "step", "capacity", "taken_places",
                    "waiting_people", "signup_open"]
    list_filter = ["kind", "signup_open", "step__policy"]
    search_fields = ["title_da", "title_en", "address"]
    list_select_related = ["step"]
    date_hierarchy = "date"
    inlines = [MeetingSignupInline]
    fields = ["step", "kind", "title", "description", "audience", "date", "starts_at", "ends_at",
              "place", "address", "capacity", "signup_open", "contact_email"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_taken().select_related("step")

    @admin.display(description=_("places taken"), ordering="taken")
    def taken_places(self, obj):
        return obj.taken

    @admin.display(description=_("on the waiting list"), ordering="waiting")
    def waiting_people(self, obj):
        return obj.waiting
