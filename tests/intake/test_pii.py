import pytest
from django.utils import translation

from intake.pii import mask_personal_data

CPR = "[CPR number removed]"
EMAIL = "[e-mail address removed]"
PHONE = "[phone number removed]"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize("text, expected", [
    ("Mit cpr er 010203-1234.", f"Mit cpr er {CPR}."),
    ("cpr 0102031234 tak", f"cpr {CPR} tak"),
    ("Født 290200-4321", f"Født {CPR}"),  # 29 February 2000 exists
    ("311299 1234", CPR),
    ("skriv til anna.hansen+frivillig@mail.example.dk i morgen",
     f"skriv til {EMAIL} i morgen"),
    ("Ring 12 34 56 78", f"Ring {PHONE}"),
    ("Ring 12345678!", f"Ring {PHONE}!"),
    ("Ring +45 12 34 56 78", f"Ring {PHONE}"),
    ("Ring +4512345678", f"Ring {PHONE}"),
    ("Ring 0045 1234 5678", f"Ring {PHONE}"),
    ("tlf. 1234 5678 eller jens@x.dk", f"tlf. {PHONE} eller {EMAIL}"),
])
def test_personal_data_is_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize("text", [
    "Siden var god, tak!",
    "Den 01-12-2026 kl. 10.30",  # a date is not a phone number
    "2026-12-01",
    "Det koster 1.500 kr. og 250 kr. i depositum",
    "Sagsnummer 123456",
    "Konto 12345678901234",  # more than eight digits
    "993299-1234",  # 99 March is no date: not a CPR number
    "321299-1234",  # 32nd day
    "310299-1234",  # 31 February
    "versionsnummer 1.2.3",
    "@frivillig på sociale medier",
])
def test_ordinary_text_is_left_alone(text):
    assert mask_personal_data(text) == text


def test_the_marker_is_in_the_readers_language():
    with translation.override("da"):
        assert mask_personal_data("Ring 12345678") != f"Ring {PHONE}"


def test_empty_text():
    assert mask_personal_data("") == ""
