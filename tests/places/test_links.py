"""The planner's "Book lokalet" item and the premises guides lead to the list of places with
the filters already set."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from tests.factories import AnswerOptionFactory, QuestionFactory, RequirementFactory
from toolbox.models import Guide, Requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def planner(municipality):
    people = QuestionFactory(key="deltagere")
    few = AnswerOptionFactory(question=people, key="hoejst-150")
    many = AnswerOptionFactory(question=people, key="over-150", link_query="kapacitet=151")
    room = QuestionFactory(key="aktiviteter", kind="multiple")
    borrow = AnswerOptionFactory(question=room, key="lokale")
    RequirementFactory(slug="lokale-booking", title_da="Book lokalet", triggers=[borrow],
                       link_url_da="/steder/", link_text_da="Find et lokale, der passer",
                       link_url_en="/en/places/", link_text_en="Find a room that fits")
    return {"few": few, "many": many}


def test_planner_puts_the_capacity_answer_into_the_link_to_the_places(client, planner):
    html = client.get("/vaerktoejskasse/planlaeg/?deltagere=over-150&aktiviteter=lokale")\
        .content.decode()
    assert '<a href="/steder/?kapacitet=151">Find et lokale, der passer</a>' in html
    html = client.get("/en/toolbox/plan/?deltagere=over-150&aktiviteter=lokale").content.decode()
    assert '<a href="/en/places/?kapacitet=151">Find a room that fits</a>' in html


def test_an_answer_without_link_parameters_leaves_the_link_unfiltered(client, planner):
    html = client.get("/vaerktoejskasse/planlaeg/?deltagere=hoejst-150&aktiviteter=lokale")\
        .content.decode()
    assert '<a href="/steder/">Find et lokale, der passer</a>' in html


def test_the_link_keeps_its_own_filters_and_adds_the_answers():
    item = Requirement(link_url="/steder/?hvem=foreninger")
    assert item.link_with([("kapacitet", "151")]) == "/steder/?hvem=foreninger&kapacitet=151"
    assert item.link_with([("hvem", "foreninger")]) == "/steder/?hvem=foreninger"
    assert Requirement(link_url="").link_with([("kapacitet", "1")]) == ""


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/", "http://x.example/"])
def test_a_link_must_be_on_this_site_or_https(url):
    item = Requirement(slug="x", title_da="X", why_da="Y", link_url_da=url, link_text_da="Z")
    with pytest.raises(ValidationError):
        item.clean()


def test_link_parameters_must_be_name_value_pairs(planner):
    option = planner["few"]
    option.link_query = "bare tekst"
    with pytest.raises(ValidationError):
        option.clean()


def test_the_demo_planner_item_and_premises_guides_link_to_the_filtered_list(client, demo):
    html = client.get("/vaerktoejskasse/planlaeg/?deltagere=over-150&aktiviteter=lokale")\
        .content.decode()
    assert 'href="/steder/?kapacitet=151"' in html
    listed = client.get("/steder/?kapacitet=151")
    assert listed.status_code == 200 and listed.context["places"]
    assert all(max(p.seats or 0, p.standing or 0) >= 151 for p in listed.context["places"])
    guide = Guide.objects.get(slug="lokaler-til-foreninger")
    page = client.get(guide.get_absolute_url()).content.decode()
    assert 'href="/steder/?hvem=folkeoplysende"' in page
    guide = Guide.objects.get(slug="byens-rum-og-kommunale-bygninger")
    page = client.get(guide.get_absolute_url()).content.decode()
    assert 'href="/steder/?hvem=grupper"' in page
    with translation.override("en"):
        english = client.get(guide.get_absolute_url()).content.decode()
    assert 'href="/en/places/?hvem=grupper"' in english
