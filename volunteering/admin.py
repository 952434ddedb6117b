from django import forms
from django.contrib import admin, messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.core.exceptions import ValidationError
from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, IntegerField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TabbedTranslationAdmin

from core.history import HistoryAdmin
from volunteering import services
from volunteering.forms import DeclineForm
from volunteering.models import (
    Area, Field, InterestMessage, Opportunity, Organisation, Status, Submission, Suits,
)


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
                  lambda obj: _publish_opportunity(request, obj),
                  lambda n: ngettext("%(count)d opportunity published.",
                                     "%(count)d opportunities published.", n) % {"count": n})

    @admin.action(description=_("Withdraw the selected opportunities"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        self._run(request, queryset,
                  lambda obj: services.opportunity_withdraw(opportunity=obj),
                  lambda n: ngettext("%(count)d opportunity withdrawn.",
                                     "%(count)d opportunities withdrawn.", n) % {"count": n})


# Submissions from the public --------------------------------------------------------------


def _publish_opportunity(request, opportunity):
    """Publishing from the opportunity list approves its waiting submission, so the submitter
    is told either way."""
    submission = opportunity.submissions.filter(status=Submission.State.AWAITING).first()
    if submission is None:
        return services.opportunity_publish(opportunity=opportunity)
    if not request.user.has_perm("volunteering.decide_submission"):
        raise ValidationError(_("Only staff who decide submissions may publish it."))
    return services.submission_approve(submission=submission, user=request.user)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """The queue of what associations sent in: waiting ones first, the oldest at the top.

    Read-only: the sender's text is approved or declined as it is (edit an opportunity in its
    own admin before approving it; a declined one can be sent again)."""

    list_display = ["submitted_at", "kind", "subject_display", "status", "waiting_days"]
    list_display_links = ["submitted_at", "subject_display"]
    list_filter = ["status", "kind"]
    list_select_related = ["organisation", "opportunity"]
    search_fields = ["organisation__name", "opportunity__title_da", "opportunity__title_en"]
    actions = ["approve_selected"]
    change_form_template = "admin/volunteering/submission/change_form.html"
    fields = ["kind", "status", "organisation_link", "opportunity_link", "creates_organisation",
              "changes_table", "submitter_name", "submitter_email", "submitter_phone",
              "language", "submitted_at", "decided_at", "decided_by", "decline_reason"]
    readonly_fields = fields

    def get_ordering(self, request):
        waiting_first = Case(When(status=Submission.State.AWAITING, then=Value(0)),
                             default=Value(1), output_field=IntegerField())
        return [waiting_first.asc(), "submitted_at"]

    def has_add_permission(self, request):
        return False  # submissions come from the public form only

    def has_change_permission(self, request, obj=None):
        return False  # nothing to edit: approve, decline or look

    @admin.display(description=_("about"))
    def subject_display(self, obj):
        return str(obj.subject)

    @admin.display(description=_("days waiting"))
    def waiting_days(self, obj):
        if obj.status != Submission.State.AWAITING:
            return "–"
        return (timezone.now() - obj.submitted_at).days

    @admin.display(description=_("organisation"))
    def organisation_link(self, obj):
        url = reverse("admin:volunteering_organisation_change", args=[obj.organisation_id])
        return format_html('<a href="{}">{}</a> ({})', url, obj.organisation,
                           obj.organisation.get_status_display())

    @admin.display(description=_("opportunity"))
    def opportunity_link(self, obj):
        if not obj.opportunity_id:
            return "–"
        url = reverse("admin:volunteering_opportunity_change", args=[obj.opportunity_id])
        return format_html('<a href="{}">{}</a> ({})', url, obj.opportunity,
                           obj.opportunity.get_status_display())

    @admin.display(description=_("proposed changes"))
    def changes_table(self, obj):
        rows = _change_rows(obj)
        if not rows:
            return "–"
        body = format_html_join("", '<tr><th scope="row">{}</th><td>{}</td><td>{}</td></tr>',
                                rows)
        return format_html(
            '<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
            '<th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
            _("detail"), _("now"), _("proposed"), body)

    def get_urls(self):
        return [
            path("<int:pk>/approve/", self.admin_site.admin_view(self.approve_view),
                 name="volunteering_submission_approve"),
            path("<int:pk>/decline/", self.admin_site.admin_view(self.decline_view),
                 name="volunteering_submission_decline"),
            *super().get_urls(),
        ]

    def _check_decide(self, request):
        if not request.user.has_perm("volunteering.decide_submission"):
            raise PermissionDenied

    def render_change_form(self, request, context, *args, **kwargs):
        context["can_decide"] = request.user.has_perm("volunteering.decide_submission")
        return super().render_change_form(request, context, *args, **kwargs)

    def approve_view(self, request, pk):
        self._check_decide(request)
        if request.method != "POST":
            return redirect("admin:volunteering_submission_change", pk)
        submission = get_object_or_404(Submission, pk=pk)
        try:
            services.submission_approve(submission=submission, user=request.user)
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return redirect("admin:volunteering_submission_change", pk)
        self.message_user(request, _("Approved and published. The submitter has been told."),
                          messages.SUCCESS)
        return redirect("admin:volunteering_submission_changelist")

    def decline_view(self, request, pk):
        self._check_decide(request)
        submission = get_object_or_404(Submission.objects.select_related(
            "organisation", "opportunity"), pk=pk)
        form = DeclineForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.submission_decline(submission=submission,
                                            reason=form.cleaned_data["reason"],
                                            user=request.user)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                self.message_user(request, _("Declined. The submitter has been told why."),
                                  messages.SUCCESS)
                return redirect("admin:volunteering_submission_changelist")
        return TemplateResponse(request, "admin/volunteering/submission/decline.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "submission": submission, "form": form, "title": _("Decline a submission"),
        }, status=400 if form.errors else 200)

    @admin.action(description=_("Approve and publish the selected submissions"),
                  permissions=["decide"])
    def approve_selected(self, request, queryset):
        done, failed = 0, []
        for submission in queryset:
            try:
                services.submission_approve(submission=submission, user=request.user)
                done += 1
            except ValidationError as error:
                failed.append(f"{submission}: {'; '.join(error.messages)}")
        if done:
            self.message_user(request, ngettext(
                "%(count)d submission approved; the submitters have been told.",
                "%(count)d submissions approved; the submitters have been told.", done,
            ) % {"count": done}, messages.SUCCESS)
        for problem in failed:
            self.message_user(request, problem, messages.ERROR)

    def has_decide_permission(self, request):
        return request.user.has_perm("volunteering.decide_submission")


def _change_rows(submission) -> list[tuple[str, str, str]]:
    """(label, now, proposed) for each change of an update, in words staff can read."""
    organisation = submission.organisation
    labels = {"presentation": _("short presentation"), "address": _("address"),
              "homepage": _("website"), "public_email": _("public e-mail"),
              "public_phone": _("public phone"), "area": _("area"),
              "activity_fields": _("fields"), "note": _("note from the submitter")}
    areas = {area.pk: str(area) for area in Area.objects.all()}
    fields = {field.pk: str(field) for field in Field.objects.all()}
    current = {
        "presentation": getattr(organisation, f"presentation_{submission.language}", "") or "",
        "address": organisation.address, "homepage": organisation.website,
        "public_email": organisation.public_email, "public_phone": organisation.public_phone,
        "area": str(organisation.area or "–"),
        "activity_fields": ", ".join(str(f) for f in organisation.fields.all()) or "–",
        "note": "",
    }
    rows = []
    for name, value in submission.changes.items():
        if name == "area":
            value = areas.get(value, "–")
        elif name == "activity_fields":
            value = ", ".join(fields.get(pk, "?") for pk in value) or "–"
        rows.append((str(labels.get(name, name)), current.get(name, ""), value or "–"))
    return rows


@admin.register(InterestMessage)
class InterestMessageAdmin(admin.ModelAdmin):
    """Read-only: the messages were e-mailed to the contact person; staff look one up when a
    citizen or an organisation says it went astray. Deleted after INTEREST_RETENTION_DAYS."""

    list_display = ["created_at", "opportunity", "name"]
    list_select_related = ["opportunity"]
    search_fields = ["email", "opportunity__title_da"]
    date_hierarchy = "created_at"
    readonly_fields = ["opportunity", "name", "email", "phone", "message", "language",
                       "created_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
