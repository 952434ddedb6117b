from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationAdmin

from core.forms import StripControlCharactersMixin
from core.numbers import for_input
from core.history import HistoryAdmin
from indicators import files, measuring
from indicators.models import (
    Annotation,
    BenchmarkPoint,
    BenchmarkSeries,
    Breakdown,
    Indicator,
    MeetingStatus,
    Observation,
    Target,
)
from indicators.services import (
    ObservationImportError, indicator_themes_move, meeting_status_create, observations_import,
    observations_validate,
)
from policy.models import ActionPoint, Policy, Theme

SIGNING_SALT = "indicators.observations-import"
PREVIEW_MAX_AGE = 60 * 60


def _label(item, policy) -> str:
    if policy.status == policy.Status.DRAFT:
        return _("%(title)s (draft: %(policy)s)") % {"title": item, "policy": policy}
    return str(item)


def _draft_warning(indicator) -> str:
    """A sentence naming the linked themes and action points of draft policies, or ""."""
    if not indicator or not indicator.pk:
        return ""
    titles = [str(t) for t in indicator.themes.in_drafts()]
    titles += [str(p) for p in indicator.action_points.in_drafts()]
    if not titles:
        return ""
    return _("This indicator measures %(titles)s of a draft policy. They are not shown "
             "publicly until the policy is published.") % {
        "titles": ", ".join(f"“{title}”" for title in titles)}


class IndicatorDecimalsForm(forms.ModelForm):
    """A figure's form shows its value with the indicator's decimals: the column keeps four
    for every indicator, so "1000.0000" would stand where staff wrote 1000."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        value = self.initial.get("value")
        instance = self.instance  # an observation or target, or a benchmark series' point
        indicator = (instance.indicator if getattr(instance, "indicator_id", None)
                     else instance.series.indicator if getattr(instance, "series_id", None)
                     else None)
        if value is not None and indicator is not None:
            self.initial["value"] = for_input(value, indicator.decimals)


class TargetInline(StripControlCharactersMixin, admin.TabularInline):
    model = Target
    form = IndicatorDecimalsForm
    extra = 1

    def get_queryset(self, request):
        # Each row's form reads its indicator's decimals: fetched with the rows, not per row.
        return super().get_queryset(request).select_related("indicator")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_("At most 2 MB. Start from the template so the columns are right."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > files.MAX_UPLOAD_BYTES:
            raise ValidationError(_("The file is larger than 2 MB."))
        try:
            return files.read_rows(upload.read(files.MAX_UPLOAD_BYTES + 1))
        except files.FileProblem as problem:
            raise ValidationError(str(problem)) from None


class PoliciesForm(forms.Form):
    """Step 1 of moving theme links: from which policy to which."""

    old_policy = forms.ModelChoiceField(
        label=_("From the themes of"), queryset=Policy.objects.none(),
        help_text=_("Usually the policy that has just been archived."),
    )
    new_policy = forms.ModelChoiceField(
        label=_("To the themes of"), queryset=Policy.objects.none(),
        help_text=_("Usually the policy that has just been adopted."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        linked = Theme.objects.filter(indicators__isnull=False).values("policy_id")
        self.fields["old_policy"].queryset = Policy.objects.filter(pk__in=linked).order_by(
            "title")
        self.fields["new_policy"].queryset = Policy.objects.order_by("title")

    def clean(self):
        data = super().clean()
        if data.get("old_policy") and data.get("old_policy") == data.get("new_policy"):
            raise ValidationError(_("Choose two different policies."))
        return data


class ThemeMappingForm(forms.Form):
    """Step 2: for each old theme that indicators measure, the new theme they move to."""

    def __init__(self, *args, old_themes, new_themes, **kwargs):
        super().__init__(*args, **kwargs)
        by_slug = {theme.slug: theme for theme in new_themes}
        by_title = {theme.title.casefold(): theme for theme in new_themes}
        self.old_themes = old_themes
        for theme in old_themes:
            guess = by_slug.get(theme.slug) or by_title.get(theme.title.casefold())
            self.fields[f"theme-{theme.pk}"] = forms.ModelChoiceField(
                label=theme.title, queryset=new_themes, required=False,
                empty_label=_("Drop the link"), initial=guess,
                help_text=_("Measured by: %(names)s") % {
                    "names": ", ".join(str(i) for i in theme.indicators.all())},
            )

    def mapping(self) -> dict:
        return {theme: self.cleaned_data[f"theme-{theme.pk}"] for theme in self.old_themes}


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "visibility", "unit", "frequency", "is_example_data", "computed",
                    "position", "updated_at")
    list_editable = ("position",)
    list_filter = ("visibility", "frequency", "is_example_data", "themes")
    search_fields = ("name_da", "name_en", "slug")
    prepopulated_fields = {"slug": ("name_da",)}
    filter_horizontal = ("themes", "action_points")
    autocomplete_fields = ()
    inlines = [TargetInline]
    change_form_template = "admin/indicators/indicator/change_form.html"
    change_list_template = "admin/indicators/indicator/change_list.html"
    fieldsets = (
        (None, {"fields": ("name", "slug", "description", "definition")}),
        (_("Figures"), {"fields": ("unit", "decimals", "direction", "frequency", "computed",
                                   "is_example_data", "baseline_period")}),
        (_("Source and responsibility"), {"fields": ("source", "owner")}),
        (_("What it measures"), {"fields": ("themes", "action_points", "draft_links")}),
        (_("Publishing"), {"fields": ("visibility", "position")}),
    )
    readonly_fields = ("draft_links",)

    # Linking a theme of a draft policy is allowed (the policy is published later), but the
    # public pages leave it out until then, so the editor is told (issue 12.4).
    @admin.display(description=_("links to drafts"))
    def draft_links(self, obj):
        return _draft_warning(obj) or "–"

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "themes":
            field.queryset = field.queryset.select_related("policy")
            field.label_from_instance = lambda theme: _label(theme, theme.policy)
        elif db_field.name == "action_points":
            field.queryset = field.queryset.select_related("theme__policy")
            field.label_from_instance = lambda point: _label(point, point.theme.policy)
        return field

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if warning := _draft_warning(form.instance):
            messages.warning(request, warning)
        # The reason is written on the action point's page; here the editor is only told.
        for point in form.instance.action_points.all():
            if measuring.status_problem(point.indicators.all(), point):
                messages.warning(request, _(
                    "The status of the action point “%(title)s” no longer fits its figures: "
                    "give a reason on its page.") % {"title": point.title})

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("owner")

    def get_urls(self):
        own = [
            path("<int:pk>/import/", self.admin_site.admin_view(self.import_view),
                 name="indicators_indicator_import"),
            path("<int:pk>/import/template.<str:kind>", self.admin_site.admin_view(
                self.template_view), name="indicators_indicator_import_template"),
            path("move-themes/", self.admin_site.admin_view(self.move_themes_view),
                 name="indicators_indicator_move_themes"),
        ]
        return own + super().get_urls()

    def move_themes_view(self, request):
        """After a new policy is adopted: move the indicators' theme links from the old
        policy's themes to the new one's in one step (choose the policies, then map the
        themes, then confirm). The old links stay in each indicator's history."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "title": _("Move theme links to a new policy")}
        policies = PoliciesForm(request.GET if "old_policy" in request.GET else None)
        context["policies_form"] = policies
        if policies.is_bound and policies.is_valid():
            old, new = policies.cleaned_data["old_policy"], policies.cleaned_data["new_policy"]
            old_themes = list(Theme.objects.filter(policy=old, indicators__isnull=False)
                              .distinct().order_by("position", "id")
                              .prefetch_related("indicators"))
            new_themes = Theme.objects.filter(policy=new).order_by("position", "id")
            mapping = ThemeMappingForm(request.POST if request.method == "POST" else None,
                                       old_themes=old_themes, new_themes=new_themes)
            if request.method == "POST" and mapping.is_valid():
                changed = indicator_themes_move(mapping=mapping.mapping())
                messages.success(request, _(
                    "Theme links moved from “%(old)s” to “%(new)s”: %(count)s indicators "
                    "changed. Their history keeps the old links.") % {
                        "old": old, "new": new, "count": changed})
                return redirect("admin:indicators_indicator_changelist")
            context.update({"mapping_form": mapping, "old_policy": old, "new_policy": new})
        return TemplateResponse(request, "admin/indicators/indicator/move_themes.html", context)

    def _importable(self, request, pk) -> Indicator:
        indicator = get_object_or_404(Indicator, pk=pk)
        if not (self.has_change_permission(request, indicator)
                and request.user.has_perm("indicators.add_observation")
                and request.user.has_perm("indicators.change_observation")):
            raise PermissionDenied
        return indicator

    def template_view(self, request, pk, kind):
        indicator = self._importable(request, pk)
        table = files.template_table(indicator)
        if kind == "csv":
            response = HttpResponse(files.to_csv(table), content_type="text/csv; charset=utf-8")
        elif kind == "xlsx":
            response = HttpResponse(files.to_xlsx(table, title="Import"),
                                    content_type=files.XLSX_TYPE)
        else:
            raise PermissionDenied
        name = f"{indicator.slug}-import.{kind}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def import_view(self, request, pk):
        """Upload a file, see what it would change, then commit it: three steps, one view."""
        indicator = self._importable(request, pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta,
                   "indicator": indicator, "title": _("Import figures: %(name)s") % {
                       "name": indicator.name}}
        form = ImportForm()
        if request.method == "POST" and "payload" in request.POST:
            try:
                payload = signing.loads(request.POST["payload"], salt=SIGNING_SALT,
                                        max_age=PREVIEW_MAX_AGE)
            except signing.BadSignature:
                messages.error(request, _("The preview has expired. Upload the file again."))
                return redirect("admin:indicators_indicator_import", pk=indicator.pk)
            if payload["indicator"] != indicator.pk:
                raise PermissionDenied
            try:
                summary = observations_import(indicator=indicator, rows=payload["rows"])
            except ObservationImportError as error:
                context["errors"] = error.errors
            else:
                messages.success(request, _(
                    "Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
                    % summary.__dict__)
                return redirect("admin:indicators_indicator_change", indicator.pk)
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                rows = form.cleaned_data["file"]
                try:
                    context["planned"] = observations_validate(indicator=indicator, rows=rows)
                except ObservationImportError as error:
                    context["errors"] = error.errors
                else:
                    context["payload"] = signing.dumps(
                        {"indicator": indicator.pk, "rows": rows}, salt=SIGNING_SALT,
                        compress=True)
                    context["changes"] = sum(p.action != "unchanged"
                                             for p in context["planned"])
        context["form"] = form
        context["columns"] = files.import_columns()
        context["template_csv"] = reverse("admin:indicators_indicator_import_template",
                                          args=[indicator.pk, "csv"])
        context["template_xlsx"] = reverse("admin:indicators_indicator_import_template",
                                           args=[indicator.pk, "xlsx"])
        return TemplateResponse(request, "admin/indicators/indicator/import.html", context)


@admin.register(Observation)
class ObservationAdmin(HistoryAdmin, TabbedTranslationAdmin):
    form = IndicatorDecimalsForm
    list_display = ("indicator", "period", "breakdown", "value", "status", "updated_at")
    list_editable = ("value", "status")
    list_filter = ("indicator", "status", "breakdown__dimension", "breakdown")
    list_select_related = ("indicator", "breakdown")
    search_fields = ("indicator__name_da", "indicator__name_en")
    date_hierarchy = "period"
    list_per_page = 100

    def get_changelist_form(self, request, **kwargs):
        return super().get_changelist_form(request, form=IndicatorDecimalsForm, **kwargs)


@admin.register(Breakdown)
class BreakdownAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "dimension", "slug", "position")
    list_editable = ("position",)
    list_filter = ("dimension",)
    prepopulated_fields = {"slug": ("name_da",)}


class BenchmarkPointInline(StripControlCharactersMixin, admin.TabularInline):
    model = BenchmarkPoint
    form = IndicatorDecimalsForm
    extra = 1

    def get_queryset(self, request):
        # Each row's form reads its series' indicator's decimals (IndicatorDecimalsForm).
        return super().get_queryset(request).select_related("series__indicator")


@admin.register(BenchmarkSeries)
class BenchmarkSeriesAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("name", "indicator", "position")
    list_select_related = ("indicator",)
    prepopulated_fields = {"slug": ("name_da",)}
    inlines = [BenchmarkPointInline]


@admin.register(Annotation)
class AnnotationAdmin(HistoryAdmin, TabbedTranslationAdmin):
    list_display = ("date", "text", "indicator")
    list_select_related = ("indicator",)
    list_filter = ("indicator",)
    date_hierarchy = "date"


class IndicatorLinkFormSet(BaseInlineFormSet):
    """The indicators that measure an action point, checked together with the status the
    action point's form is about to save (its instance already carries the new values)."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        chosen = [form.cleaned_data["indicator"] for form in self.forms
                  if form.cleaned_data.get("indicator") and not form.cleaned_data.get("DELETE")]
        if problem := measuring.status_problem(chosen, self.instance):
            raise ValidationError(problem)


class IndicatorLinkInline(admin.StackedInline):
    """The one relation Indicator.action_points, edited from the action point's side too."""

    model = Indicator.action_points.through
    formset = IndicatorLinkFormSet
    fields = ["indicator"]
    extra = 1
    verbose_name = _("indicator that measures it")
    verbose_name_plural = _("indicators that measure it")


# Policy registers the action point's admin and knows nothing of indicators; the relation is
# declared here, so its inline and the status check are added here, to policy's own class.
PolicyActionPointAdmin = type(admin.site.get_model_admin(ActionPoint))
admin.site.unregister(ActionPoint)


@admin.register(ActionPoint)
class ActionPointAdmin(PolicyActionPointAdmin):
    inlines = [*PolicyActionPointAdmin.inlines, IndicatorLinkInline]

    def get_changelist_form(self, request, **kwargs):
        """The list's status column must not skip the reason the change form asks for."""
        base = super().get_changelist_form(request, **kwargs)

        class StatusCheckedForm(base):
            def clean(self):
                cleaned = super().clean()
                if "status" in cleaned and self.instance.pk:
                    self.instance.status = cleaned["status"]
                    if problem := measuring.status_problem(self.instance.indicators.all(),
                                                           self.instance):
                        raise ValidationError(problem)
                return cleaned

        return StatusCheckedForm
@admin.register(MeetingStatus)
class MeetingStatusAdmin(StripControlCharactersMixin, TranslationAdmin):
    """Making a status freezes the figures (indicators/statuses.py); afterwards only its title
    can be changed, so what the committee read stays as it was. The two titles stand one under
    the other: the translation tabs' script fails axe (nested-interactive) and the CSP."""

    list_display = ["title", "meeting_on", "frozen_at", "is_example_data"]
    date_hierarchy = "meeting_on"
    fields = ["title", "meeting_on", "is_example_data", "frozen_at", "created_by", "counts"]
    # The browser's own date field: the admin's calendar script sets inline styles, which the
    # strict CSP blocks.
    formfield_overrides = {models.DateField: {"widget": forms.DateInput(attrs={"type": "date"})}}

    def get_readonly_fields(self, request, obj=None):
        frozen = ["frozen_at", "created_by", "counts"]
        return frozen + ["meeting_on", "is_example_data"] if obj else frozen

    @admin.display(description=_("what is frozen"))
    def counts(self, obj):
        if not obj or not obj.pk:
            return _("The figures, judgements and action points as they are when you save.")
        public, internal = obj.public or {}, obj.internal or {}
        return _("%(indicators)d public and %(internal)d internal indicators, %(points)d action "
                 "points") % {"indicators": len(public.get("indicators", [])),
                              "internal": len(internal.get("indicators", [])),
                              "points": len(public.get("action_points", []))}

    def save_model(self, request, obj, form, change):
        if change:
            obj.save(update_fields=[f for f in form.changed_data if f.startswith("title")])
            return
        created = meeting_status_create(
            meeting_on=obj.meeting_on, title_da=obj.title_da, title_en=obj.title_en or "",
            is_example_data=obj.is_example_data, created_by=request.user)
        obj.pk, obj.frozen_at = created.pk, created.frozen_at
        obj._state.adding = False
