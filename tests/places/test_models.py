import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from places.files import validate_photo
from tests.factories import OrganisationFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def _image(format_name: str, size=(40, 20)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format=format_name)
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "content", "ok"), [
    ("hal.png", _image("PNG"), True),
    ("hal.jpg", _image("JPEG"), True),
    ("hal.png", _image("JPEG"), False),
    ("hal.jpg", b"<svg onload='alert(1)'></svg>", False),
    ("hal.svg", b"<svg></svg>", False),
], ids=["png", "jpeg", "jpeg-named-png", "script-named-jpg", "svg"])
def test_photo_is_checked_by_its_content(name, content, ok):
    upload = SimpleUploadedFile(name, content)
    if ok:
        validate_photo(upload)
    else:
        with pytest.raises(ValidationError):
            validate_photo(upload)


def test_photo_needs_alt_text(municipality):
    place = PlaceFactory.build(area=None)
    place.photo = SimpleUploadedFile("hal.png", _image("PNG"))
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "photo_alt" in error.value.message_dict
    place.photo_alt_da = "Hallen med tribuner"
    place.full_clean()


def test_owner_is_a_unit_or_a_text_not_both(municipality):
    unit = OrganisationFactory(kind="municipal")
    place = PlaceFactory.build(area=None, owner=unit, owner_name="Skolen")
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "owner_name" in error.value.message_dict


def test_owner_must_be_a_municipal_unit(municipality):
    association = OrganisationFactory(kind="association")
    place = PlaceFactory.build(area=None, owner=association)
    with pytest.raises(ValidationError) as error:
        place.full_clean()
    assert "owner" in error.value.message_dict


def test_description_citing_an_unknown_rule_is_refused(municipality):
    place = PlaceFactory.build(area=None, description_da="Se [[regel:findes-ikke]]")
    with pytest.raises(ValidationError, match="findes-ikke"):
        place.full_clean()
