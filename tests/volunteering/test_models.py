import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import OpportunityFactory, OrganisationFactory, RuleFactory
from volunteering.files import validate_logo
from volunteering.models import Opportunity, Organisation, Status

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)


def published_slugs():
    return set(Opportunity.objects.published(today=TODAY).values_list("slug", flat=True))


def test_published_keeps_only_what_the_public_may_see():
    OpportunityFactory(slug="synlig", publish_from=TODAY)
    OpportunityFactory(slug="kladde", status=Status.DRAFT)
    OpportunityFactory(slug="venter", status=Status.AWAITING)
    OpportunityFactory(slug="afvist", status=Status.DECLINED, decline_reason="Ikke frivilligt.")
    OpportunityFactory(slug="trukket", status=Status.WITHDRAWN)
    OpportunityFactory(slug="senere", publish_from=TODAY + datetime.timedelta(days=1))
    OpportunityFactory(slug="udloebet", publish_from=datetime.date(2026, 1, 1),
                       publish_until=TODAY - datetime.timedelta(days=1))
    OpportunityFactory(slug="sidste-dag", publish_from=datetime.date(2026, 1, 1),
                       publish_until=TODAY)
    OpportunityFactory(slug="forening-venter",
                       organisation=OrganisationFactory(status=Status.AWAITING))
    assert published_slugs() == {"synlig", "sidste-dag"}


def test_published_drops_a_one_off_task_the_day_after_its_date():
    OpportunityFactory(slug="i-dag", when=Opportunity.When.ONE_OFF, date=TODAY)
    OpportunityFactory(slug="i-gaar", when=Opportunity.When.ONE_OFF,
                       date=TODAY - datetime.timedelta(days=1))
    OpportunityFactory(slug="her-og-nu", when=Opportunity.When.FLEXIBLE)
    assert published_slugs() == {"i-dag", "her-og-nu"}


def test_opportunity_takes_the_organisations_area_when_it_has_none():
    opportunity = OpportunityFactory(area=None)
    assert opportunity.area == opportunity.organisation.area


@pytest.mark.parametrize(("values", "field"), [
    ({"when": Opportunity.When.ONE_OFF, "date": None}, "date"),
    ({"when": Opportunity.When.RECURRING, "date": TODAY}, "date"),
    ({"status": Status.DECLINED, "decline_reason": " "}, "decline_reason"),
    ({"show_contact_phone": True, "contact_phone": ""}, "contact_phone"),
    ({"description_da": "Se [[regel:findes-ikke]]."}, "description_da"),
], ids=["one-off-without-date", "date-on-recurring", "decline-without-reason",
        "shown-phone-missing", "unknown-rule"])
def test_opportunity_clean_explains_what_is_wrong(values, field):
    opportunity = OpportunityFactory.build(organisation=OrganisationFactory(), **values)
    with pytest.raises(ValidationError) as error:
        opportunity.full_clean()
    assert field in error.value.message_dict


def test_opportunity_may_cite_a_known_rule():
    RuleFactory(slug="boerneattest-alder")
    opportunity = OpportunityFactory.build(organisation=OrganisationFactory(),
                                           description_da="Se [[regel:boerneattest-alder]].")
    opportunity.full_clean()


def test_contact_phone_is_public_only_when_chosen():
    assert OpportunityFactory(show_contact_phone=False).public_phone == ""
    assert OpportunityFactory(show_contact_phone=True,
                              contact_phone="12 34 56 78").public_phone == "12 34 56 78"


def test_organisations_public_and_awaiting_queue_oldest_first():
    OrganisationFactory(slug="godkendt")
    new = OrganisationFactory(slug="ny", status=Status.AWAITING,
                              submitted_at=datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC))
    old = OrganisationFactory(slug="gammel", status=Status.AWAITING,
                              submitted_at=datetime.datetime(2026, 11, 1, tzinfo=datetime.UTC))
    assert list(Organisation.objects.public().values_list("slug", flat=True)) == ["godkendt"]
    assert list(Organisation.objects.awaiting_approval()) == [old, new]


def _image(format_name: str, size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=format_name)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "ok"), [
    ("logo.png", _image("PNG"), True),
    ("logo.jpg", _image("JPEG"), True),
    ("logo.png", _image("JPEG"), False),
    ("logo.png", b"<svg onload='alert(1)'></svg>", False),
    ("logo.svg", b"<svg></svg>", False),
    ("logo.gif", _image("GIF"), False),
], ids=["png", "jpeg", "jpeg-named-png", "script-named-png", "svg", "gif"])
def test_logo_is_checked_by_its_content(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        validate_logo(upload)
    else:
        with pytest.raises(ValidationError):
            validate_logo(upload)


def test_logo_refuses_a_huge_picture():
    with pytest.raises(ValidationError, match="4000"):
        validate_logo(SimpleUploadedFile("logo.png", _image("PNG", size=(5000, 4000))))
