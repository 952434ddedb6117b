from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from core.history import HistoryAdmin
from core.models import Municipality, SearchSynonym


@admin.register(Municipality)
class MunicipalityAdmin(HistoryAdmin, TabbedTranslationAdmin):
    """One record: the list goes straight to it, and it can be neither added twice nor deleted."""

    fieldsets = [
        (None, {"fields": ["name", "site_name", "logo", "brand_colour", "chart_colour"]}),
        (_("Contact"), {"fields": ["contact_email", "phone", "address", "opening_hours",
                                   "website_url"]}),
        (_("Legal pages"), {"fields": ["accessibility_statement_url", "privacy_notice"]}),
        (_("Volunteer: links to other places"), {"fields": [
            "volunteer_board_name", "volunteer_board_url", "volunteer_centre_name",
            "volunteer_centre_url"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Municipality.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if Municipality.objects.exists():
            return redirect(reverse("admin:core_municipality_change", args=[1]))
        return redirect(reverse("admin:core_municipality_add"))


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    """The words a search also tries for a word readers type (core/search.py)."""

    list_display = ["word", "alternatives", "language"]
    list_filter = ["language"]
    search_fields = ["word", "alternatives"]
    fields = ["language", "word", "alternatives"]
