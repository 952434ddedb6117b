"""The admin's inline formsets' "Add another …" link, said right in Danish.

Django builds it from one sentence, "Add another %(verbose_name)s", which Danish cannot share
between nouns: "Tilføj endnu en Bilag" (an attachment is "et bilag", and Danish writes nouns in
lower case). So each model that appears as an inline has its own sentence here, translated in
locale/da; tests/portal/test_admin_texts.py fails for an inline that has none.
"""

import json

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

ADD_ANOTHER = {
    "otp_static.statictoken": _("Add another backup code"),
    "procrastinate.procrastinateevent": _("Add another event"),
    "toolbox.attachment": _("Add another attachment"),
    "toolbox.guideattachment": _("Add another attachment"),
    "toolbox.answeroption": _("Add another answer option"),
    "policy.bodymember": _("Add another member"),
    "policy.bodymeeting": _("Add another meeting"),
    "policy.meeting": _("Add another meeting"),
    "policy.policysection": _("Add another section"),
    "policy.policyvalue": _("Add another value"),
    "policy.theme": _("Add another theme"),
    "policy.adoption": _("Add another decision"),
    "policy.actionpoint": _("Add another action point"),
    "policy.policychange": _("Add another change"),
    "policy.processstep": _("Add another process step"),
    "policy.processattachment": _("Add another file"),
    "policy.meetingsignup": _("Add another sign-up"),
    "policy.progressnote": _("Add another progress note"),
    "indicators.target": _("Add another target"),
    "indicators.benchmarkpoint": _("Add another benchmark point"),
    "indicators.indicator_action_points": _("Add another indicator"),
}


def add_another_text(model) -> str | None:
    text = ADD_ANOTHER.get(model._meta.label_lower)
    return None if text is None else str(text)


@register.simple_tag
def inline_formset_data(inline_admin_formset):
    """Django's data for inlines.js with this model's own "Add another …" sentence; a model
    not listed keeps Django's. Escaped by simple_tag for the attribute it stands in."""
    data = json.loads(inline_admin_formset.inline_formset_data())
    text = add_another_text(inline_admin_formset.opts.model)
    if text is not None:
        data["options"]["addText"] = text
    return json.dumps(data)
