"""The two shapes a policy takes, both held by the same models without code changes.

Ballerup (seed 001): themes with background text whose action points are "Ballerup Kommune vil".
Kalundborg (seed 003): six themes, each with "Vi ved" (what we know) and "Vi vil" (what we will).
"""

import datetime

import pytest

from policy.models import ActionPoint, Policy
from tests.factories import (
    ActionPointFactory,
    BodyFactory,
    PolicyFactory,
    ProgressNoteFactory,
    ThemeFactory,
)

# The real SMTP server of the intake's tests, for the consultation form's end-to-end test.
from tests.intake.conftest import smtp_server  # noqa: F401

KALUNDBORG_THEMES = [
    ("klare-rammer", "Frivillighed har brug for klare rammer", "Volunteering needs clear frames"),
    ("frivillighed-skal-ledes", "Frivillighed skal ledes", "Volunteering must be led"),
    ("let-at-vaere-frivillig", "Det skal være let at være frivillig",
     "It must be easy to volunteer"),
    ("de-frivillige-forbindelser", "De frivillige forbindelser", "The voluntary connections"),
    ("frivillighed-alle-steder", "Frivillighed foregår alle steder",
     "Volunteering happens everywhere"),
    ("vaerdsaettes-og-fortaelles", "Frivillighed skal værdsættes og fortælles",
     "Volunteering must be valued and told"),
]


@pytest.fixture
def kalundborg(municipality):
    """Kalundborg's strategy: "Vi ved" and "Vi vil" under every one of six themes."""
    policy = PolicyFactory(
        slug="frivilligstrategi", kind=Policy.Kind.STRATEGY,
        title_da="Frivilligstrategi", title_en="Volunteering strategy",
        theme_body_heading_da="Vi ved", theme_body_heading_en="We know",
        action_points_heading_da="Vi vil", action_points_heading_en="We will",
    )
    owner = BodyFactory(name_da="Kultur og Fritid", name_en="Culture and Leisure",
                        slug="kultur", kind="department")
    for position, (slug, title_da, title_en) in enumerate(KALUNDBORG_THEMES, start=1):
        theme = ThemeFactory(
            policy=policy, slug=slug, position=position, title_da=title_da, title_en=title_en,
            body_da=f"## Erfaringer\n\nVi ved noget om {title_da.lower()}.",
            body_en=f"## Experience\n\nWe know something about {title_en.lower()}.",
        )
        for number in (1, 2):
            point = ActionPointFactory(
                theme=theme, position=number, slug=f"{slug}-{number}",
                title_da=f"Vi vil styrke {slug} ({number})",
                title_en=f"We will strengthen {slug} ({number})",
                status=ActionPoint.Status.DONE if number == 1 and position <= 2
                else ActionPoint.Status.IN_PROGRESS,
            )
            point.owners.add(owner)
    return policy


@pytest.fixture
def ballerup(municipality):
    """Ballerup's shape: background text and "Ballerup Kommune vil" action points."""
    policy = PolicyFactory(
        slug="frivillighedspolitik", title_da="Frivillighedspolitik",
        title_en="Volunteering policy", action_points_heading_da="Ballerup Kommune vil",
        action_points_heading_en="Ballerup Kommune will",
        introduction_da="## Hvem politikken er til\n\nFor alle frivillige.",
        introduction_en="## Who the policy is for\n\nFor all volunteers.",
    )
    theme = ThemeFactory(
        policy=policy, slug="frivillighed-er-faellesskaber", position=10,
        title_da="Frivillighed er fællesskaber", title_en="Volunteering is community",
        summary_da="Frivillighed binder byen sammen.", summary_en="Volunteering binds the town.",
        body_da="## Det skal være let\n\nKommunen rydder forhindringer af vejen.",
        body_en="## It must be easy\n\nThe municipality clears obstacles.",
    )
    kfu = BodyFactory(name_da="Kultur- og Fritidsudvalget", name_en="Culture Committee",
                      slug="kfu", kind="committee")
    done = ActionPointFactory(
        theme=theme, position=10, slug="let-kontakt",
        title_da="Gøre det let at komme i kontakt med administrationen",
        title_en="Make it easy to contact the administration",
        status=ActionPoint.Status.DONE, start_on=datetime.date(2024, 9, 1),
        due_on=datetime.date(2025, 12, 31),
    )
    done.owners.add(kfu)
    ProgressNoteFactory(action_point=done, noted_on=datetime.date(2025, 3, 1),
                        text_da="Eksempeldata: Første skridt.", text_en="Example data: First step.")
    ProgressNoteFactory(action_point=done, noted_on=datetime.date(2025, 12, 10),
                        text_da="Eksempeldata: Indgangen er etableret.",
                        text_en="Example data: The way in is set up.")
    ActionPointFactory(
        theme=theme, position=20, slug="let-raadgivning",
        title_da="Gøre det let at få rådgivning", title_en="Make it easy to get advice",
        status=ActionPoint.Status.IN_PROGRESS,
    )
    ThemeFactory(policy=policy, slug="udmoentning", position=40, title_da="Udmøntning",
                 title_en="Implementation")
    return policy


@pytest.fixture
def draft(municipality):
    """A draft strategy with a theme and an action point that must never reach the public."""
    policy = PolicyFactory(
        slug="hemmelig-strategi", status=Policy.Status.DRAFT, adopted_on=None,
        title_da="Hemmeligstrategi", title_en="Secretstrategy",
        introduction_da="Kladdeindhold om frivillighed.", introduction_en="Draft volunteering.",
    )
    theme = ThemeFactory(policy=policy, slug="skjult-tema", title_da="Skjulttema frivillighed",
                         title_en="Hiddentheme volunteering")
    ActionPointFactory(theme=theme, slug="skjult-indsats", title_da="Skjultindsats frivillighed",
                       title_en="Hiddenaction volunteering", description_da="Kladde frivillighed")
    return policy
