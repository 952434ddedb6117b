"""The "væsentlig ændring" (major change) box on the guide and rule admin forms.

Ticked with a one-line note (Danish required, English optional: English readers see the Danish
note without it), the save records a ChangeNote and, after the commit, the worker e-mails the
subscribers (toolbox/subscriptions.py). Unticked, a save sends nothing. Kept out of admin.py as
one mixin, so both admins get the same fields, check and message.
"""

from django import forms
from django.contrib import messages
from django.utils.translation import gettext_lazy as _, ngettext

from core.spreadsheets import strip_control_characters
from toolbox import subscriptions
from toolbox.models import ChangeNote, Guide, Rule

NOTE_MAX = ChangeNote._meta.get_field("note").max_length


def _note_field(label):
    return forms.CharField(
        label=label, max_length=NOTE_MAX, required=False, strip=True,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text=_("One line, shown on the guide as “Ændret <dato>: …” and in the e-mail."))


class MajorChangeForm(forms.ModelForm):
    major_change = forms.BooleanField(
        label=_("Major change (væsentlig ændring)"), required=False,
        help_text=_("Tick when readers should be told: a new or changed rule, deadline, amount "
                    "or requirement. The note is shown on the guide, and everyone who follows it "
                    "gets one e-mail. Leave it unticked for corrections of wording."))
    change_note_da = _note_field(_("Change note (Danish)"))
    change_note_en = _note_field(_("Change note (English)"))

    def clean(self):
        cleaned = super().clean()
        for name in ("change_note_da", "change_note_en"):
            cleaned[name] = " ".join(strip_control_characters(cleaned.get(name) or "").split())
        if not cleaned.get("major_change"):
            return cleaned
        if not cleaned["change_note_da"]:
            self.add_error("change_note_da", _("Write what changed in one line: it is shown on "
                                               "the guide and e-mailed to its subscribers."))
        status = cleaned.get("status")
        if isinstance(self.instance, Guide) and status and status != Guide.Status.PUBLISHED:
            self.add_error("major_change", _("Only a published guide's changes are shown and "
                                             "e-mailed. Publish the guide, or untick the box."))
        return cleaned


class MajorChangeAdminMixin:
    """For GuideAdmin and RuleAdmin: the box on the change form (not when adding)."""

    form = MajorChangeForm
    major_change_fieldset = (_("Tell the subscribers"), {
        "fields": ["major_change", "change_note_da", "change_note_en"],
        "classes": ["major-change"]})

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append(self.major_change_fieldset)
        return fieldsets

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        data = form.cleaned_data
        if not (change and data.get("major_change")):
            return
        notes = {"note_da": data["change_note_da"], "note_en": data["change_note_en"]}
        if isinstance(form.instance, Rule):
            recorded = subscriptions.rule_change_record(rule=form.instance, **notes)
            if not recorded:
                self.message_user(request, _("No published guide uses this rule, so no change "
                                             "note was recorded and nothing is sent."),
                                  messages.WARNING)
                return
            self.message_user(request, ngettext(
                "The change is noted on %(count)d published guide that uses the rule; its "
                "subscribers get one e-mail each.",
                "The change is noted on %(count)d published guides that use the rule; their "
                "subscribers get one e-mail each.", len(recorded)) % {"count": len(recorded)},
                messages.SUCCESS)
            return
        if subscriptions.guide_change_record(guide=form.instance, **notes):
            self.message_user(request, _("The change note is shown on the guide, and its "
                                         "subscribers get one e-mail each."), messages.SUCCESS)
