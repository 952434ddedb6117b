import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _, ngettext

from intake import mail, personal_data
from intake.models import Delivery, PersonalDataRequest


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """E-mails on their way. Staff see what failed and why, and send it again; nothing is edited
    by hand (the text is what the portal wrote)."""

    list_display = ["created_at", "subject", "purpose", "status", "attempts", "next_attempt_at",
                    "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["subject"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    readonly_fields = ["to", "reply_to", "subject", "body", "purpose", "language", "status",
                       "attempts", "last_error", "next_attempt_at", "created_at", "sent_at"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewing is enough to read a delivery; the action below needs change permission.
        return False if obj is not None else super().has_change_permission(request, obj)

    @admin.action(description=_("Send again"), permissions=["send"])
    def send_again(self, request, queryset):
        count = mail.send_again(queryset)
        self.message_user(request, ngettext(
            "%(count)d e-mail is queued to be sent again.",
            "%(count)d e-mails are queued to be sent again.", count) % {"count": count},
            messages.SUCCESS)

    def has_send_permission(self, request):
        return request.user.has_perm("intake.change_delivery")


class PersonalDataSearchForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)


class PersonalDataDeleteForm(PersonalDataSearchForm):
    confirm = forms.BooleanField(
        label=_("Yes, delete everything found for this address. It cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the deletion.")},
    )


@admin.register(PersonalDataRequest)
class PersonalDataAdmin(admin.ModelAdmin):
    """The "Personal data" page: find, export (JSON) and delete what is held about one e-mail
    address across every registered holder (GDPR art. 15 and 17).

    Every request is a POST, so the address is never in a URL, the access log or the browser
    history; each is recorded (who, what, how many records, never the address).
    """

    def has_module_permission(self, request):
        return request.user.has_perm("intake.handle_personal_data")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("intake.handle_personal_data")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        found, email = None, ""
        search_form = PersonalDataSearchForm()
        delete_form = None
        action = request.POST.get("action") if request.method == "POST" else None
        if action in {"find", "export", "delete"}:
            form_class = PersonalDataDeleteForm if action == "delete" else PersonalDataSearchForm
            bound = form_class(request.POST)
            if bound.is_valid():
                email = bound.cleaned_data["email"]
                if action == "export":
                    return self._export(request, email)
                if action == "delete":
                    self._delete(request, email)
                    return self._page(request, PersonalDataSearchForm(), None, None, "")
                found = personal_data.find(email)
                self._record(request, PersonalDataRequest.Action.FIND,
                             sum(len(f.records) for f in found))
                search_form = PersonalDataSearchForm(initial={"email": email})
                delete_form = PersonalDataDeleteForm(initial={"email": email})
            elif action == "delete":
                email = request.POST.get("email", "")
                search_form = PersonalDataSearchForm(initial={"email": email})
                found = personal_data.find(email) if PersonalDataSearchForm(
                    {"email": email}).is_valid() else None
                delete_form = bound
            else:
                search_form = bound
        return self._page(request, search_form, delete_form, found, email)

    def _page(self, request, search_form, delete_form, found, email):
        context = {
            **self.admin_site.each_context(request),
            "title": _("Personal data"),
            "opts": self.model._meta,
            "search_form": search_form,
            "delete_form": delete_form,
            "found": found,
            "total": sum(len(f.records) for f in found) if found is not None else 0,
            "email": email,
            "holders": [(h, personal_data.retention_days(h)) for h in personal_data.holders()],
            "recent": PersonalDataRequest.objects.select_related("staff")[:20],
        }
        response = TemplateResponse(request, "admin/intake/personal_data.html", context)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def _export(self, request, email):
        document = personal_data.export(email)
        records = sum(len(p["records"]) for p in document["processings"])
        self._record(request, PersonalDataRequest.Action.EXPORT, records)
        response = HttpResponse(
            json.dumps(document, cls=personal_data.JSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="personal-data-{stamp}.json"'
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def _delete(self, request, email):
        counts = personal_data.delete(email)
        total = sum(counts.values())
        self._record(request, PersonalDataRequest.Action.DELETE, total)
        self.message_user(request, ngettext(
            "%(count)d record about the address was deleted.",
            "%(count)d records about the address were deleted.", total) % {"count": total},
            messages.SUCCESS)

    def _record(self, request, action, records):
        PersonalDataRequest.objects.create(staff=request.user, action=action, records=records)
