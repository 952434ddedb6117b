"""What an opportunity page tells the reader about the rules that follow from it.

Whether volunteering is deducted from dagpenge or efterløn turns on who the volunteer works
for (FACTS, "Volunteers on dagpenge or efterløn"): a public institution, or a voluntary
association. Each notice cites its rule ([[regel:…]]), so the numbers live in the toolbox's
rules and a changed rule shows here at once.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from toolbox.rules import render_with_citations
from volunteering.models import Opportunity, Organisation

RULE_PUBLIC_INSTITUTION = "frivillig-offentlig-institution"
RULE_ASSOCIATION_ACTIVITIES = "frivillig-forening-aktiviteter"
RULE_DAGPENGE_ASSOCIATION = "frivillig-dagpenge-forening"
RULE_EFTERLOEN_ASSOCIATION = "frivillig-efterloen-forening"
RULE_CHILD_CERTIFICATE = "boerneattest-alder"


@dataclass(frozen=True)
class Notice:
    heading: str
    html: SafeString


def _cite(text: str, *slugs: str) -> SafeString:
    # The slugs stay out of the translated sentence, so no translation can break a citation.
    items = "\n".join(f"- [[regel:{slug}]]" for slug in slugs)
    return render_with_citations(f"{text}\n\n{items}")


def benefit_notice(opportunity: Opportunity) -> Notice:
    """For readers on dagpenge or efterløn: is this volunteering deducted?"""
    heading = _("On dagpenge or efterløn?")
    kind = opportunity.organisation.kind
    if kind == Organisation.Kind.MUNICIPAL:
        text = _("This task is for a public institution. Unpaid work there is deducted from "
                 "dagpenge and efterløn hour by hour, unless you volunteer for an association "
                 "that runs activities there. Talk to your a-kasse before you start.")
        return Notice(heading, _cite(text, RULE_PUBLIC_INSTITUTION))
    if kind == Organisation.Kind.ASSOCIATION:
        text = _("This task is for a voluntary association. Ordinary voluntary activities are "
                 "not deducted from dagpenge or efterløn. Unpaid work that could have been paid "
                 "work is allowed up to a limit a month. Tell your a-kasse first and write the "
                 "hours on your dagpengekort.")
        return Notice(heading, _cite(text, RULE_ASSOCIATION_ACTIVITIES,
                                     RULE_DAGPENGE_ASSOCIATION, RULE_EFTERLOEN_ASSOCIATION))
    text = _("Whether this task is deducted depends on whom you work for: for a voluntary, "
             "non-profit association it is not (within the limits below); for a public "
             "institution or a company it is. Ask your a-kasse before you start.")
    return Notice(heading, _cite(text, RULE_ASSOCIATION_ACTIVITIES, RULE_DAGPENGE_ASSOCIATION,
                                 RULE_EFTERLOEN_ASSOCIATION, RULE_PUBLIC_INSTITUTION))


def child_certificate_notice(opportunity: Opportunity) -> Notice | None:
    if not opportunity.involves_children:
        return None
    text = _("You will be in contact with children under 15, so the organisation must obtain a "
             "child certificate (børneattest) about you before you start. You give your consent "
             "in Digital Post.")
    return Notice(_("Child certificate"), _cite(text, RULE_CHILD_CERTIFICATE))


def notices(opportunity: Opportunity) -> list[Notice]:
    found = [child_certificate_notice(opportunity), benefit_notice(opportunity)]
    return [notice for notice in found if notice is not None]
