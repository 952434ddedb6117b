from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class MarkdownEditor(forms.Textarea):
    """A plain textarea with formatting buttons and a live preview once JavaScript runs.

    The preview is rendered on the server by core.markdown (the same code as the public page),
    so staff see exactly what readers will see. Without JavaScript it is an ordinary textarea.
    """

    template_name = "toolbox/admin/markdown_editor.html"

    class Media:
        css = {"all": ["toolbox/admin/markdown-editor.css"]}
        js = ["toolbox/admin/markdown-editor.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 18, **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["preview_url"] = reverse("admin:toolbox_guide_markdown_preview")
        context["rules_url"] = reverse("admin:toolbox_rule_picker")
        context["buttons"] = [
            ("heading", _("Heading")), ("bold", _("Bold")), ("list", _("Bullet list")),
            ("numbered", _("Numbered list")), ("link", _("Link")),
        ]
        context["token_kinds"] = [
            ("regel", _("Citation with source")), ("værdi", _("Value only")),
            ("udsagn", _("Statement only")),
        ]
        return context
