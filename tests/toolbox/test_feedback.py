import pytest
from django.test import Client

from tests.factories import GuideFactory
from tests.helpers import public_form_data
from toolbox.models import Feedback, Guide

pytestmark = pytest.mark.django_db

URL = "/vaerktoejskasse/vejledninger/hjaelp/tilbagemelding/"


@pytest.fixture
def guide(municipality):
    return GuideFactory(slug="hjaelp", title_da="Hjælp")


def test_guide_page_has_the_feedback_form_with_a_personal_data_warning(client, guide):
    page = client.get("/vaerktoejskasse/vejledninger/hjaelp/").content.decode()
    assert "<legend>Var siden nyttig?</legend>" in page
    assert 'value="yes"' in page and 'value="no"' in page
    assert "Skriv ikke navne, CPR-numre, e-mailadresser eller andre personoplysninger." in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert f'action="{URL}"' in page


def test_answer_is_stored_with_page_language_answer_comment_and_date_only(client, guide):
    response = client.post("/en/toolbox/guides/hjaelp/feedback/",
                           public_form_data({"is_useful": "no",
                                             "comment": " Mangler et eksempel. "}),
                           REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    feedback = Feedback.objects.get()
    assert (feedback.guide, feedback.language, feedback.is_useful, feedback.comment) == (
        guide, "en", False, "Mangler et eksempel.")
    stored = {field.name for field in Feedback._meta.get_fields()}
    assert stored == {"id", "guide", "language", "is_useful", "comment", "created_on"}
    assert "203.0.113.9" not in str(Feedback.objects.values().get())


def test_after_answering_the_reader_is_thanked_on_the_guide_page(client, guide):
    response = client.post(URL, public_form_data({"is_useful": "yes"}), follow=True)
    assert response.redirect_chain == [("/vaerktoejskasse/vejledninger/hjaelp/?feedback=sent#feedback", 302)]
    assert "Tak for dit svar." in response.content.decode()


def test_missing_answer_shows_an_error_and_stores_nothing(client, guide):
    response = client.post(URL, public_form_data({"comment": "Hej"}))
    assert response.status_code == 400
    assert "Vælg ja eller nej." in response.content.decode()
    assert Feedback.objects.count() == 0


def test_too_long_comment_is_refused(client, guide):
    response = client.post(URL, public_form_data({"is_useful": "yes", "comment": "x" * 501}))
    assert response.status_code == 400
    assert Feedback.objects.count() == 0


def test_honeypot_answers_politely_and_stores_nothing(client, guide):
    response = client.post(URL, public_form_data({"is_useful": "yes", "website": "http://spam.example"}))
    assert response.status_code == 302
    assert Feedback.objects.count() == 0


def test_csrf_is_required():
    client = Client(enforce_csrf_checks=True)
    GuideFactory(slug="hjaelp")
    assert client.post(URL, public_form_data({"is_useful": "yes"})).status_code == 403
    assert Feedback.objects.count() == 0


def test_answers_are_rate_limited_per_guide_and_client(client, guide, settings):
    settings.TOOLBOX_FEEDBACK_LIMIT = 2
    statuses = [client.post(URL, public_form_data({"is_useful": "yes"}),
                            REMOTE_ADDR="198.51.100.1").status_code
                for _ in range(3)]
    assert statuses == [302, 302, 429]
    assert Feedback.objects.count() == 2
    limited = client.post(URL, public_form_data({"is_useful": "yes"}), REMOTE_ADDR="198.51.100.1")
    assert "Vi har fået flere svar på denne side fra dig på kort tid." in limited.content.decode()
    # Another reader, or another guide, is not affected.
    assert client.post(URL, public_form_data({"is_useful": "yes"}),
                       REMOTE_ADDR="198.51.100.2").status_code == 302
    GuideFactory(slug="anden")
    other = "/vaerktoejskasse/vejledninger/anden/tilbagemelding/"
    assert client.post(other, public_form_data({"is_useful": "yes"}),
                       REMOTE_ADDR="198.51.100.1").status_code == 302


def test_no_feedback_on_drafts(client, municipality):
    GuideFactory(slug="hjaelp", status=Guide.Status.DRAFT)
    assert client.post(URL, public_form_data({"is_useful": "yes"})).status_code == 404
    assert Feedback.objects.count() == 0


def test_feedback_url_only_accepts_post(client, guide):
    assert client.get(URL).status_code == 405


def test_personal_data_in_the_comment_is_masked_before_it_is_stored(client, guide):
    comment = "Ring på 12 34 56 78 eller skriv til anna@borger.example, cpr 010203-1234."
    response = client.post(URL, public_form_data({"is_useful": "no", "comment": comment}))
    assert response.status_code == 302
    stored = Feedback.objects.get().comment
    assert "12 34 56 78" not in stored and "anna@borger.example" not in stored
    assert "010203-1234" not in stored
    assert stored == ("Ring på [telefonnummer fjernet] eller skriv til [e-mailadresse fjernet], "
                      "cpr [CPR-nummer fjernet].")


def test_an_answer_sent_within_the_minimum_time_is_refused_with_a_message(client, guide,
                                                                            settings):
    settings.INTAKE_MIN_SECONDS = 3
    response = client.post(URL, public_form_data({"is_useful": "yes"}, seconds_ago=1))
    assert response.status_code == 400
    assert "Formularen blev sendt meget hurtigt" in response.content.decode()
    assert Feedback.objects.count() == 0
    assert client.post(URL, public_form_data({"is_useful": "yes"}, seconds_ago=5)
                       ).status_code == 302


def test_an_answer_without_the_forms_start_time_is_refused(client, guide):
    response = client.post(URL, {"is_useful": "yes"})
    assert response.status_code == 400
    assert "Formularen er udløbet" in response.content.decode()
    assert Feedback.objects.count() == 0


def test_the_guide_page_carries_the_start_time_and_the_hidden_honeypot(client, guide):
    page = client.get("/vaerktoejskasse/vejledninger/hjaelp/").content.decode()
    assert 'type="hidden" name="started"' in page
    assert '<div class="intake-extra">' in page and 'name="website"' in page
