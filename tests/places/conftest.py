import pytest

from places.models import Equipment, Kind, Status
from places.presentation import FREE_PREMISES_RULE
from tests.factories import (
    AreaFactory,
    GuideFactory,
    OrganisationFactory,
    PlaceFactory,
    RuleFactory,
)
from volunteering.models import Organisation


@pytest.fixture
def places(municipality):
    """Three published places in two areas and a draft; the rules and guides they cite."""
    north, south = AreaFactory(slug="nord", name_da="Nord"), AreaFactory(slug="syd", name_da="Syd")
    free = RuleFactory(slug=FREE_PREMISES_RULE, value=None,
                       statement_da="Gratis lokaler til folkeoplysende virksomhed",
                       statement_en="Free premises for folkeoplysende activity",
                       legal_basis_da="Folkeoplysningsloven §§ 21–22")
    deadline = RuleFactory(slug="lokaler-frist-haller", value=None,
                           statement_da="Frist for haller: 1. december",
                           statement_en="Deadline for halls: 1 December",
                           legal_basis_da="Lokal praksis i Ballerup Kommune")
    fire = GuideFactory(slug="brand", title_da="Brandsikkerhed")
    draft_guide = GuideFactory(slug="kladde-vejledning", title_da="Hemmelig vejledning",
                               status="draft")
    unit = OrganisationFactory(slug="kultur", name="Kultur & Fritid",
                               kind=Organisation.Kind.MUNICIPAL)
    hall = PlaceFactory(slug="hallen", name_da="Store Hal", name_en="The Big Hall",
                        kind=Kind.SPORTS_HALL, area=north, seats=None, standing=300,
                        step_free=True, equipment=[Equipment.SOUND],
                        free_for_folkeoplysning=True, owner=unit, booking_rules=[deadline],
                        guides=[fire, draft_guide])
    room = PlaceFactory(slug="lokalet", name_da="Lille Lokale", name_en="", summary_en="",
                        area=south, seats=12, equipment=[Equipment.PROJECTOR, Equipment.WIFI],
                        bookers=["borgere"], owner_name="Biblioteket")
    park = PlaceFactory(slug="parken", name_da="Byparken", kind=Kind.PARK, area=north,
                        seats=None, standing=1000, step_free=True,
                        bookers=["grupper", "borgere"])
    PlaceFactory(slug="kladde", name_da="Hemmeligt Sted", status=Status.DRAFT, standing=5000)
    return {"hall": hall, "room": room, "park": park, "free": free, "deadline": deadline}
