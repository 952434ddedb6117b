"""PublicForm: honeypot, minimum fill-in time, signed start time and the shared rate limit."""

import time

import pytest
from django import forms
from django.core import signing
from django.test import RequestFactory

from intake.forms import PublicForm, PublicModelForm
from intake.models import PersonalDataRequest

# The messages are checked in Danish; an earlier test in the process may have left English active
# (a request under /en/ does).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("danish")]


class MessageForm(PublicForm):
    message = forms.CharField()


def _started(seconds_ago: float) -> str:
    return signing.dumps(round(time.time() - seconds_ago, 3), salt="intake.forms.started")


def _request(address="203.0.113.7"):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def _form(data=None, *, seconds_ago=10, address="203.0.113.7", **kwargs):
    data = {"message": "Hej", "started": _started(seconds_ago), "website": "", **(data or {})}
    return MessageForm(data, request=_request(address), scope="test.message", **kwargs)


def test_a_person_who_took_their_time_gets_through():
    form = _form()
    assert form.is_valid(), form.errors
    assert form.cleaned_data["message"] == "Hej"


def test_the_unbound_form_carries_a_signed_start_time_and_the_honeypot():
    form = MessageForm(request=_request(), scope="test.message")
    html = str(form["started"]) + str(form["website"])
    assert 'type="hidden" name="started"' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_a_filled_in_honeypot_is_refused_with_a_message():
    form = _form({"website": "https://spam.example"})
    assert not form.is_valid()
    assert form.caught_robot
    assert "lad det sidste felt være tomt" in form.non_field_errors()[0]
    assert form["website"].value() == ""  # shown again empty


def test_a_form_sent_within_the_minimum_time_is_refused(settings):
    settings.INTAKE_MIN_SECONDS = 3
    form = _form(seconds_ago=1)
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "too_fast"


# A lambda, so the signed value is made when the test runs: made at collection, it differed
# between the parallel test processes, which then refuse to run.
@pytest.mark.parametrize("started", [lambda: "", lambda: "1700000000", lambda: "garbage:abc",
                                     lambda: _started(10) + "x"],
                         ids=["empty", "unsigned", "garbage", "tampered"])
def test_a_missing_or_tampered_start_time_is_refused_and_a_fresh_one_offered(started):
    form = _form({"started": started()})
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "expired"
    assert signing.loads(form["started"].value(), salt="intake.forms.started")


def test_an_old_form_has_expired(settings):
    settings.INTAKE_MAX_FORM_AGE = 60
    form = _form(seconds_ago=120)
    assert not form.is_valid()
    assert form.non_field_errors().as_data()[0].code == "expired"


def test_the_rate_limit_counts_per_address_and_scope():
    for _ in range(2):
        assert _form(limit=2).is_valid()
    third = _form(limit=2)
    assert not third.is_valid()
    assert third.rate_limited
    assert "Vi har fået flere formularer fra dig på kort tid." in third.non_field_errors()[0]
    assert _form(limit=2, address="198.51.100.1").is_valid()  # another address
    other_scope = MessageForm({"message": "x", "started": _started(10)}, request=_request(),
                              scope="test.other", limit=2)
    assert other_scope.is_valid()


def test_an_invalid_form_does_not_count_against_the_limit():
    for _ in range(3):
        assert not _form({"message": ""}, limit=1).is_valid()
    assert _form(limit=1).is_valid()


def test_a_model_form_gets_the_same_protection():
    class RecordForm(PublicModelForm):
        class Meta:
            model = PersonalDataRequest
            fields = ["action"]

    good = RecordForm({"action": "find", "started": _started(10)}, request=_request(),
                      scope="test.model")
    assert good.is_valid(), good.errors
    robot = RecordForm({"action": "find", "started": _started(10), "website": "x"},
                       request=_request(), scope="test.model")
    assert not robot.is_valid()


def test_the_honeypot_stays_hidden_when_the_whole_form_is_rendered():
    html = str(MessageForm(request=_request(), scope="test.message"))
    assert '<div class="intake-extra"><label for="id_website">' in html
    assert 'type="hidden" name="started"' in html
