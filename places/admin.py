from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.history import HistoryAdmin
from places.models import Booker, Equipment, Place


class PlaceAdminForm(forms.ModelForm):
    # Check boxes instead of a comma-separated text field for the two lists of keys.
    equipment = forms.TypedMultipleChoiceField(
        label=_("equipment"), choices=Equipment.choices, required=False,
        widget=forms.CheckboxSelectMultiple)
    bookers = forms.TypedMultipleChoiceField(
        label=_("who may book"), choices=Booker.choices, required=False,
        widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Place
        fields = "__all__"


@admin.register(Place)
class PlaceAdmin(HistoryAdmin, TabbedTranslationAdmin):
    form = PlaceAdminForm
    list_display = ["name", "kind", "area", "seats", "standing", "step_free", "status",
                    "is_example"]
    list_select_related = ["area"]  # the area column: one query, not one per row
    list_filter = ["status", "kind", "area", "step_free", "free_for_folkeoplysning",
                   "is_example"]
    search_fields = ["name", "slug", "address"]
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ["owner"]
    filter_horizontal = ["booking_rules", "guides"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "summary", "description"]}),
        (_("Where"), {"fields": ["address", "area"]}),
        (_("Size, access and equipment"), {"fields": [
            "seats", "standing", "step_free", "accessible_toilet", "hearing_loop",
            "equipment"]}),
        (_("Use and booking"), {"fields": [
            "opening_hours", "bookers", "free_for_folkeoplysning", "price", "booking_rules",
            "booking_url"]}),
        (_("Owner and contact"), {"fields": [
            "owner", "owner_name", "contact_name", "contact_email", "contact_phone"]}),
        (_("Photo"), {"fields": ["photo", "photo_alt"]}),
        (_("Guides"), {"fields": ["guides"]}),
        (None, {"fields": ["is_example", "updated_at"]}),
    ]
