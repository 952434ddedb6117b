from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Case, Count, F, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from portal.history import HistoryAdmin
from volunteering import services
from volunteering.models import Area, Field, Opportunity, Organisation, Status, Suits


@admin.register(Area)
class AreaAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Field)
class FieldAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_da", "name_en", "slug"]
    prepopulated_fields = {"slug": ("name",)}


def _waiting_since():
    """Submissions that wait for approval first, the oldest at the top; then the rest."""
    return Case(When(status=Status.AWAITING, then=Coalesce("submitted_at", "created_at")),
                default=None)


class AwaitingFirstAdmin(HistoryAdmin, TabbedTranslationAdmin):
    def get_ordering(self, request):
        # An expression, not the annotation: forms pointing here order by it too.
        return [_waiting_since().asc(nulls_last=True), "-updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(waiting_since=_waiting_since())

    @admin.display(description=_("waiting since"), ordering="waiting_since")
    def waiting_since_display(self, obj):
        return obj.waiting_since or "–"

    def _run(self, request, queryset, service, done_message):
        done, failed = 0, []
        for obj in queryset:
            try:
                service(obj)
                done += 1
            except ValidationError as error:
                failed.append(f"{obj}: {'; '.join(error.messages)}")
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)
        for problem in failed:
            self.message_user(request, problem, messages.ERROR)


@admin.register(Organisation)
class OrganisationAdmin(AwaitingFirstAdmin):
    list_display = ["name", "kind", "status", "area", "waiting_since_display",
                    "opportunity_count", "is_example"]
    list_filter = ["status", "kind", "area", "fields", "is_example"]
    search_fields = ["name", "slug", "public_email", "address"]
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ["fields"]
    readonly_fields = ["submitted_at", "created_at", "updated_at"]
    actions = ["publish_selected"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "presentation", "logo"]}),
        (_("Where and what"), {"fields": ["area", "fields", "address"]}),
        (_("Public contact"), {"fields": ["website", "public_email", "public_phone"]}),
        (_("Approval"), {"fields": ["decline_reason", "submitted_at", "created_at",
                                    "updated_at", "is_example"]}),
    ]

    def get_queryset(self, request):
        return (super().get_queryset(request).select_related("area")
                .annotate(opportunity_total=Count("opportunities")))

    @admin.display(description=_("opportunities"), ordering="opportunity_total")
    def opportunity_count(self, obj):
        return obj.opportunity_total

    @admin.action(description=_("Approve and publish the selected organisations"),
                  permissions=["change"])
    def publish_selected(self, request, queryset):
        self._run(request, queryset,
                  lambda obj: services.organisation_publish(organisation=obj),
                  lambda n: ngettext("%(count)d organisation published.",
                                     "%(count)d organisations published.", n) % {"count": n})


class OpportunityAdminForm(forms.ModelForm):
    suits = forms.TypedMultipleChoiceField(
        label=_("suits"), choices=Suits.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Shown on the page and used by the “suits” filter."),
    )

    class Meta:
        model = Opportunity
        fields = "__all__"


class AwaitingFilter(admin.SimpleListFilter):
    """A one-click view of the queue: waiting for approval, oldest first."""

    title = _("approval")
    parameter_name = "approval"

    def lookups(self, request, model_admin):
        return [("waiting", _("Awaiting approval")), ("public", _("Shown to the public now"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.filter(status=Status.AWAITING)
        if self.value() == "public":
            return queryset.filter(pk__in=Opportunity.objects.published().values("pk"))
        return queryset


@admin.register(Opportunity)
class OpportunityAdmin(AwaitingFirstAdmin):
    form = OpportunityAdminForm
    list_display = ["title", "organisation", "status", "when", "waiting_since_display",
                    "publish_from", "publish_until", "is_example"]
    list_filter = [AwaitingFilter, "status", "when", "organisation__kind", "area", "fields",
                   "involves_children", "is_example"]
    list_select_related = ["organisation"]
    search_fields = ["title_da", "title_en", "summary_da", "summary_en", "slug",
                     "organisation__name", "contact_name", "contact_email"]
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["fields"]
    readonly_fields = ["submitted_at", "published_at", "created_at", "updated_at"]
    actions = ["publish_selected", "withdraw_selected"]
    date_hierarchy = "publish_from"
    fieldsets = [
        (None, {"fields": ["organisation", "title", "slug", "status", "summary",
                           "description"]}),
        (_("Where and when"), {"fields": ["fields", "area", "place", "when", "date",
                                          "when_text", "time_needed"]}),
        (_("Who it suits and requirements"), {"fields": ["suits", "minimum_age",
                                                         "involves_children", "requirements",
                                                         "volunteers_wanted"]}),
        (_("Contact person"), {"fields": ["contact_name", "contact_email", "contact_phone",
                                          "show_contact_phone"],
                               "description": _("The e-mail address is never shown publicly; "
                                                "messages from interested citizens go to it.")}),
        (_("Publication and approval"), {"fields": ["publish_from", "publish_until",
                                                    "decline_reason", "submitted_at",
                                                    "published_at", "created_at", "updated_at",
                                                    "is_example"]}),
    ]

    @admin.action(description=_("Approve and publish the selected opportunities"),
                  permissions=["change"])
    def publish_selected(self, request, queryset):
        self._run(request, queryset.select_related("organisation"),
                  lambda obj: services.opportunity_publish(opportunity=obj),
                  lambda n: ngettext("%(count)d opportunity published.",
                                     "%(count)d opportunities published.", n) % {"count": n})

    @admin.action(description=_("Withdraw the selected opportunities"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        self._run(request, queryset,
                  lambda obj: services.opportunity_withdraw(opportunity=obj),
                  lambda n: ngettext("%(count)d opportunity withdrawn.",
                                     "%(count)d opportunities withdrawn.", n) % {"count": n})
