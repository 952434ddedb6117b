import datetime

import pytest

from tests.factories import (
    AreaFactory,
    FieldFactory,
    OpportunityFactory,
    OrganisationFactory,
    RuleFactory,
)

# The real SMTP server of the intake's tests, for the forms' end-to-end tests.
from tests.intake.conftest import smtp_server  # noqa: F401
from volunteering.models import Opportunity, Organisation, Status


@pytest.fixture
def rules(db):
    """The rules the opportunity pages cite (their slugs as in the toolbox demo)."""
    for slug, statement in [
        ("frivillig-offentlig-institution", "Frivilligt arbejde for en offentlig institution "
                                            "trækkes i dagpengene"),
        ("frivillig-dagpenge-forening", "Ulønnet arbejde for en forening: højst {value}"),
        ("frivillig-efterloen-forening", "Efterløn: højst {value}"),
        ("frivillig-forening-aktiviteter", "Almindelige aktiviteter trækkes ikke"),
        ("boerneattest-alder", "Børneattest for kontakt med børn under {value}"),
    ]:
        RuleFactory(slug=slug, statement_da=statement, statement_en=statement,
                    value=44 if "{value}" in statement else None)


@pytest.fixture
def volunteering(municipality, rules):
    """A small directory: an association and a municipal unit, in two areas and fields."""
    nature, social = FieldFactory(slug="natur", name_da="Natur", name_en="Nature"), \
        FieldFactory(slug="socialt", name_da="Socialt", name_en="Social")
    north, south = AreaFactory(slug="nord", name_da="Nord"), AreaFactory(slug="syd",
                                                                          name_da="Syd")
    club = OrganisationFactory(slug="naturklubben", name="Naturklubben", area=north)
    club.fields.set([nature])
    unit = OrganisationFactory(slug="plejecentret", name="Plejecentret", area=south,
                               kind=Organisation.Kind.MUNICIPAL)
    unit.fields.set([social])
    OpportunityFactory(slug="skraldeindsamling", organisation=club, fields=[nature],
                       title_da="Saml skrald i mosen", title_en="Pick litter in the bog",
                       when=Opportunity.When.FLEXIBLE, suits=["familier", "unge"])
    OpportunityFactory(slug="hoejtlaesning", organisation=unit, fields=[social],
                       title_da="Læs højt for beboerne", title_en="", summary_en="",
                       description_en="",
                       suits=["seniorer", "engelsk"], involves_children=False)
    OpportunityFactory(slug="kladde", organisation=club, status=Status.DRAFT,
                       title_da="Hemmelig kladdeopgave")
    OpportunityFactory(slug="udloebet", organisation=club, title_da="Udløbet opgave",
                       publish_from=datetime.date(2025, 1, 1),
                       publish_until=datetime.date(2025, 2, 1))
    return {"club": club, "unit": unit}


# The public forms (test_interest.py, test_submissions.py) ------------------------------------


@pytest.fixture(autouse=True)
def _all_in_danish(danish):
    """Every volunteering test starts in Danish (the `danish` fixture of tests/conftest.py)."""
