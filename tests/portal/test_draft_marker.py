"""Nothing unpublished or internal reaches a public output (SECURITY.md AUTHZ-03, issue 12).

A draft guide, a draft policy whose theme and action point a public indicator measures, and an
internal indicator each carry a marker of their own in every text field. Every public output is
fetched anonymously in both languages, and no marker may appear in any of them.
"""

import datetime

import pytest
from django.db import models

from indicators.services import meeting_status_create
from tests.factories import (
    ActionPointFactory,
    GuideFactory,
    IndicatorFactory,
    ObservationFactory,
    OpportunityFactory,
    OrganisationFactory,
    PolicyFactory,
    ProgressNoteFactory,
    TargetFactory,
    ThemeFactory,
)
from tests.outputs import build_site, output_paths, public_outputs, xlsx_cells
from toolbox.models import Guide

pytestmark = pytest.mark.django_db


def _mark(obj, marker: str) -> None:
    """The marker in every text field (slugs and addresses included), every language."""
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.choices or not isinstance(
                field, (models.CharField, models.TextField)):
            continue
        if isinstance(field, models.EmailField):
            value = f"{marker}@example.com"
        elif isinstance(field, models.URLField):
            value = f"https://{marker}.example/"
        elif isinstance(field, models.SlugField):
            value = marker
        else:
            value = f"Tekst {marker} tekst" if isinstance(field, models.TextField) else marker
        setattr(obj, field.attname, value)
    obj.save()


def _build_hidden(site) -> dict:
    """{marker: object} for everything the public must not see, linked to what it may."""
    topic, audience = site.guide.topics.first(), site.guide.audiences.first()
    draft_guide = GuideFactory(status=Guide.Status.DRAFT, topics=[topic], audiences=[audience])
    site.guide.related.add(draft_guide)
    site.guide.requirements.first().guides.add(draft_guide)
    site.guide.action_points.first().related_guides.add(draft_guide)

    draft_policy = PolicyFactory(status="draft", adopted_on=None)
    draft_theme = ThemeFactory(policy=draft_policy)
    draft_point = ActionPointFactory(theme=draft_theme)
    draft_note = ProgressNoteFactory(action_point=draft_point)
    site.indicator.themes.add(draft_theme)
    site.indicator.action_points.add(draft_point)

    internal = IndicatorFactory(visibility="internal", themes=list(site.indicator.themes.all()))
    internal.action_points.set(site.indicator.action_points.all())
    observation = ObservationFactory(indicator=internal, period=datetime.date(2024, 1, 1))
    target = TargetFactory(indicator=internal)
    public_organisation = site.opportunity.organisation
    draft_opportunity = OpportunityFactory(organisation=public_organisation, status="draft")
    awaiting_opportunity = OpportunityFactory(organisation=public_organisation,
                                              status="awaiting")
    expired_opportunity = OpportunityFactory(
        organisation=public_organisation, publish_from=datetime.date(2025, 1, 1),
        publish_until=datetime.date(2025, 2, 1))
    past_one_off = OpportunityFactory(organisation=public_organisation, when="once",
                                      date=datetime.date(2025, 3, 1),
                                      publish_from=datetime.date(2025, 1, 1))
    awaiting_organisation = OrganisationFactory(status="awaiting")
    # Published itself, but its organisation is not approved yet: hidden with it.
    of_awaiting = OpportunityFactory(organisation=awaiting_organisation)
    hidden = {
        "kladdeopgavemarkoer": draft_opportunity, "venteopgavemarkoer": awaiting_opportunity,
        "udloebetopgavemarkoer": expired_opportunity, "fortidsopgavemarkoer": past_one_off,
        "ventendeforeningmarkoer": awaiting_organisation,
        "ikkegodkendtopgavemarkoer": of_awaiting,
        "kladdevejledningmarkoer": draft_guide, "kladdepolitikmarkoer": draft_policy,
        "kladdetemamarkoer": draft_theme, "kladdeindsatsmarkoer": draft_point,
        "kladdenotemarkoer": draft_note, "internindikatormarkoer": internal,
        "internobservationmarkoer": observation, "interntmaalmarkoer": target,
    }
    for marker, obj in hidden.items():
        _mark(obj, marker)
    # The public opportunity's contact e-mail receives the citizens' messages: never shown.
    site.opportunity.contact_email = "kontaktadressemarkoer@example.com"
    site.opportunity.save()
    return {**hidden, "kontaktadressemarkoer": site.opportunity}


def test_no_draft_or_internal_marker_reaches_any_public_output(client):
    site = build_site()
    hidden = _build_hidden(site)
    # A status for a committee meeting frozen now holds the internal indicator and sees the
    # draft policy: its public page (in the sitemap) must show neither (issue 15.3).
    meeting_status_create(meeting_on=datetime.date(2027, 3, 12),
                          title_da="Status til Kultur- og Fritidsudvalgets møde 12. marts 2027")
    # Search by the start of each marker (half-typed words match as prefixes), so the query the
    # page repeats is not the marker itself.
    searches = [marker[:-3] for marker in hidden]
    outputs = public_outputs(client, output_paths(client, site, search_terms=searches))
    assert outputs.failed == []
    assert outputs.html and outputs.feeds and outputs.csv and outputs.xlsx and outputs.ical
    texts = {**outputs.html, **outputs.csv}
    texts |= {path: data.decode() for path, data in {**outputs.feeds, **outputs.ical}.items()}
    texts |= {path: " ".join(str(c.value) for c in xlsx_cells(data))
              for path, data in outputs.xlsx.items()}
    leaks = sorted((path, marker) for path, text in texts.items() for marker in hidden
                   if marker in text.lower())
    assert leaks == []
    # The check can fail: the same outputs do carry the public objects' titles.
    assert any(site.indicator.name in text for text in texts.values())
